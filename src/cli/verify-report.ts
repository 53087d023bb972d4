import type { SamlfedError } from '../errors.js';
import type { HostGroupResolution, RoleAssignment } from '../federation/index.js';
import { terminalSafe } from '../metadata/lint/format/text.js';
import type { VerifiedLoginNameIdOptional } from '../assertion/types.js';

/** What `verify` adds to the login when given `--partner` / `--global`. */
export interface VerifyMapping {
  /** The partner manifest's name, when `--partner` was given. */
  readonly partner?: string;
  readonly groupAttribute: string;
  readonly resolution: HostGroupResolution;
  readonly roles: RoleAssignment;
}

/** Everything the report shows: the verdict, the login, which IdP entity was used, and the mapping. */
export interface VerifyOutcome {
  readonly login?: VerifiedLoginNameIdOptional;
  readonly error?: SamlfedError;
  readonly entityId: string;
  readonly mapping?: VerifyMapping;
}

/**
 * `verify -f json`: at least what the text shows. `nameId` is null when the Subject had none
 * (`--no-require-nameid`); `subjectAbsent` says so explicitly. `hostGroups`/`roles`/`mapping` are
 * null without `--partner` / `--global`.
 */
export function verifyJson(o: VerifyOutcome): Record<string, unknown> {
  const { login, error, mapping } = o;
  const attributes: Record<string, string[]> = {};
  // defineProperty: an attribute Name such as "__proto__" is data, not the object's prototype.
  for (const d of login?.attributeDetails ?? []) Object.defineProperty(attributes, d.name, { value: [...d.values], enumerable: true, writable: true, configurable: true });
  return {
    valid: login !== undefined,
    errors: login || !error ? [] : [{ code: error.code, message: error.message }],
    warnings: login ? [...login.warnings] : [],
    idpEntityId: o.entityId,
    issuer: login?.issuer ?? null,
    nameId: login?.nameId?.value ?? null,
    nameIdFormat: login?.nameId?.format ?? null,
    subjectAbsent: login ? login.nameId === undefined : null,
    sessionIndex: login?.sessionIndex ?? null,
    attributes: login ? attributes : null,
    assertionId: login?.assertionId ?? null,
    notOnOrAfter: login ? (login.notOnOrAfter ?? login.subjectNotOnOrAfter).toISOString() : null,
    signed: login?.signedElement ?? null,
    groups: login ? [...login.groups] : null,
    hostGroups: login && mapping ? [...mapping.resolution.hostGroups] : null,
    roles: login && mapping ? [...mapping.roles.roles] : null,
    mapping: login && mapping
      ? {
          ...(mapping.partner !== undefined ? { partner: mapping.partner } : {}),
          groupAttribute: mapping.groupAttribute,
          matches: mapping.resolution.matches,
          unmapped: mapping.resolution.unmapped,
          conflicts: mapping.resolution.conflicts,
          rolesByHostGroup: mapping.roles.byGroup,
        }
      : null,
  };
}

/** Text report. Partner-supplied values go through `terminalSafe` (the lint formatter's): no ANSI sequences, no forged lines. */
export function verifyText(o: VerifyOutcome): string {
  const { login, error, mapping } = o;
  const t = terminalSafe;
  if (!login) return `INVALID: ${error?.code ?? 'UNKNOWN'}: ${t(error?.message ?? '')}\n`;
  const lines = [
    'VALID',
    `  issuer:         ${t(login.issuer)}`,
    `  nameId:         ${login.nameId ? t(login.nameId.value) : '(absent: the Subject carries no NameID)'}`,
    `  nameIdFormat:   ${t(login.nameId?.format ?? '(none)')}`,
    `  sessionIndex:   ${t(login.sessionIndex ?? '(none)')}`,
    `  assertionId:    ${t(login.assertionId)}`,
    `  notOnOrAfter:   ${(login.notOnOrAfter ?? login.subjectNotOnOrAfter).toISOString()}`,
    `  signed:         ${login.signedElement}`,
  ];
  if (login.groups.length) lines.push(`  groups:         ${t(login.groups.join(', '))}`);
  if (mapping) {
    lines.push(`  hostGroups:     ${mapping.resolution.hostGroups.length ? t(mapping.resolution.hostGroups.join(', ')) : '(none)'}`);
    lines.push(`  roles:          ${mapping.roles.roles.length ? t(mapping.roles.roles.join(', ')) : '(none)'}`);
    for (const m of mapping.resolution.matches) lines.push(`    ${t(JSON.stringify(m.value))} -> ${t(m.group)} (${m.source} mapping)`);
    for (const v of mapping.resolution.unmapped) lines.push(`    ${t(JSON.stringify(v))} -> (unmapped)`);
  }
  if (login.attributeDetails.length) {
    lines.push('  attributes:');
    for (const d of login.attributeDetails) lines.push(`    ${t(d.name)}${d.friendlyName ? ` (${t(d.friendlyName)})` : ''}: ${d.values.map((x) => t(JSON.stringify(x))).join(', ')}`);
  }
  for (const w of login.warnings) lines.push(`  warning: ${t(w)}`);
  return `${lines.join('\n')}\n`;
}
