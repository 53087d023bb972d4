import { createPrivateKey, type KeyObject } from 'node:crypto';
import { EXIT, UsageError, write, type CliIo } from '../io.js';
import { readInputFile } from '../read-input.js';
import { parseCommandArgs, parseNow } from '../options.js';
import { isSamlfedError, type SamlfedError } from '../../errors.js';
import { parseMetadata } from '../../metadata/parse.js';
import type { MetadataDocument } from '../../metadata/model.js';
import { verifyResponse } from '../../assertion/verify.js';
import { InMemoryReplayCache } from '../../assertion/replay.js';
import { terminalSafe } from '../../metadata/lint/format/text.js';
import type { SpSettings, VerifiedLogin } from '../../assertion/types.js';

export const HELP = `Usage: samlfed verify <response-file|-> --idp <metadata.xml> --sp <sp.json> [options]

Check a SAML 2.0 Response (XML, or the base64 SAMLResponse form value) the way an
Assertion Consumer Service would: signature with the IdP's metadata keys, status,
destination, issuer, subject confirmation, conditions, audience, replay.

Options:
      --idp <FILE>           IdP metadata (EntityDescriptor with an IDPSSODescriptor)
      --sp <FILE>            SP settings, JSON:
                             {"entityId": "...", "acsUrls": ["..."], "clockSkewSeconds": 180}
      --now <ISO-8601>       the clock for every time check (default: now)
      --request-id <ID>      ID of the AuthnRequest (SP-initiated); omit for IdP-initiated
      --clock-skew <S>       allowed clock difference in seconds (overrides sp.json; default 180)
      --decrypt-key <PEM>    SP private key for encrypted assertions (repeatable)
      --allow-sha1           accept SHA-1 signatures (reported as a warning)
  -f, --format <name>        text (default) or json
  -h, --help                 show this help

Exit codes: 0 valid; 1 the response was rejected (the code says why, see
docs/errors/assertion.md); 2 bad usage or unreadable input (missing file, bad
sp.json, unparsable IdP metadata).
`;

const SP_KEYS = new Set(['entityId', 'acsUrls', 'clockSkewSeconds']);

/** `samlfed verify`: verify one SAML Response against IdP metadata and SP settings. */
export async function run(argv: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs('verify', argv, {
      idp: { type: 'string' },
      sp: { type: 'string' },
      now: { type: 'string' },
      'request-id': { type: 'string' },
      'clock-skew': { type: 'string' },
      'decrypt-key': { type: 'string', multiple: true },
      'allow-sha1': { type: 'boolean', default: false },
      format: { type: 'string', short: 'f', default: 'text' },
      help: { type: 'boolean', short: 'h', default: false },
  });
  const { values: v, positionals } = parsed;
  if (v.help) {
    await write(io.stdout, HELP);
    return EXIT.OK;
  }
  if (positionals.length !== 1) throw new UsageError(`expected one response file or '-', got ${positionals.length} (see 'samlfed verify --help')`);
  if (v.format !== 'text' && v.format !== 'json') throw new UsageError(`--format must be text or json, got ${JSON.stringify(v.format)}`);
  if (v.idp === undefined) throw new UsageError('--idp <metadata.xml> is required');
  if (v.sp === undefined) throw new UsageError('--sp <sp.json> is required');

  const now = v.now !== undefined ? parseNow(v.now) : new Date();
  const sp = parseSpJson(await readInputFile(v.sp, io, { what: '--sp' }), v.sp);
  let skew = sp.clockSkewSeconds;
  if (v['clock-skew'] !== undefined) {
    if (!/^\d+(\.\d+)?$/.test(v['clock-skew'].trim())) throw new UsageError(`--clock-skew must be a number of seconds >= 0, got ${JSON.stringify(v['clock-skew'])}`);
    skew = Number(v['clock-skew']);
  }
  const idp = readMetadata(await readInputFile(v.idp, io, { what: '--idp' }), v.idp);
  const decryptionKeys: KeyObject[] = [];
  for (const file of v['decrypt-key'] ?? []) {
    const pem = await readInputFile(file, io, { what: '--decrypt-key' });
    try {
      decryptionKeys.push(createPrivateKey(pem));
    } catch (e) {
      throw new UsageError(`--decrypt-key ${file} is not a PEM private key: ${(e as Error).message}`);
    }
  }
  const response = await readInputFile(positionals[0]!, io, { what: 'response' });

  let login: VerifiedLogin | undefined;
  let error: SamlfedError | undefined;
  try {
    login = await verifyResponse(response, {
      idp,
      sp: { entityId: sp.entityId, acsUrls: sp.acsUrls },
      now,
      ...(skew !== undefined ? { clockSkewSeconds: skew } : {}),
      ...(v['request-id'] !== undefined ? { requestId: v['request-id'] } : {}),
      ...(decryptionKeys.length ? { decryptionKeys } : {}),
      allowSha1: v['allow-sha1'],
      // One run verifies one message: a fresh cache (verifyResponse passes --now to it).
      replayCache: new InMemoryReplayCache(),
    });
  } catch (e) {
    if (isSamlfedError(e)) error = e;
    else if (e instanceof TypeError) throw new UsageError(e.message.replace(/^verifyResponse: /, ''));
    else throw e;
  }

  if (v.format === 'json') await write(io.stdout, `${JSON.stringify(toJson(login, error), null, 2)}\n`);
  else await write(io.stdout, toText(login, error));
  return login ? EXIT.OK : EXIT.REJECTED;
}

interface SpFile extends SpSettings {
  readonly acsUrls: string[];
  readonly clockSkewSeconds?: number;
}

function parseSpJson(bytes: Buffer, file: string): SpFile {
  let data: unknown;
  try {
    data = JSON.parse(bytes.toString('utf8'));
  } catch (e) {
    throw new UsageError(`--sp ${file} is not valid JSON: ${(e as Error).message}`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new UsageError(`--sp ${file} must be a JSON object {"entityId", "acsUrls", "clockSkewSeconds"}`);
  const o = data as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!SP_KEYS.has(k)) throw new UsageError(`--sp ${file}: unknown field ${JSON.stringify(k)} (allowed: entityId, acsUrls, clockSkewSeconds)`);
  if (typeof o.entityId !== 'string' || o.entityId.trim() === '') throw new UsageError(`--sp ${file}: field "entityId" is required and must be a non-empty string`);
  if (!Array.isArray(o.acsUrls) || o.acsUrls.length === 0 || o.acsUrls.some((u) => typeof u !== 'string' || u.trim() === '')) {
    throw new UsageError(`--sp ${file}: field "acsUrls" is required and must be a non-empty array of URL strings`);
  }
  if (o.clockSkewSeconds !== undefined && (typeof o.clockSkewSeconds !== 'number' || !Number.isFinite(o.clockSkewSeconds) || o.clockSkewSeconds < 0)) {
    throw new UsageError(`--sp ${file}: field "clockSkewSeconds" must be a number >= 0`);
  }
  return {
    entityId: o.entityId,
    acsUrls: o.acsUrls as string[],
    ...(o.clockSkewSeconds !== undefined ? { clockSkewSeconds: o.clockSkewSeconds as number } : {}),
  };
}

function readMetadata(bytes: Buffer, file: string): MetadataDocument {
  try {
    return parseMetadata(bytes);
  } catch (e) {
    if (isSamlfedError(e)) throw new UsageError(`--idp ${file} is not usable metadata: ${e.code}: ${e.message}`);
    throw e;
  }
}


interface JsonReport {
  valid: boolean;
  errors: { code: string; message: string }[];
  warnings: string[];
  issuer: string | null;
  nameId: string | null;
  nameIdFormat: string | null;
  sessionIndex: string | null;
  attributes: Record<string, string[]> | null;
  assertionId: string | null;
  notOnOrAfter: string | null;
}

function toJson(login: VerifiedLogin | undefined, error: SamlfedError | undefined): JsonReport {
  if (!login) {
    return {
      valid: false,
      errors: error ? [{ code: error.code, message: error.message }] : [],
      warnings: [],
      issuer: null,
      nameId: null,
      nameIdFormat: null,
      sessionIndex: null,
      attributes: null,
      assertionId: null,
      notOnOrAfter: null,
    };
  }
  const attributes: Record<string, string[]> = {};
  // defineProperty: an attribute Name such as "__proto__" is data, not the object's prototype.
  for (const d of login.attributeDetails) Object.defineProperty(attributes, d.name, { value: [...d.values], enumerable: true, writable: true, configurable: true });
  return {
    valid: true,
    errors: [],
    warnings: [...login.warnings],
    issuer: login.issuer,
    nameId: login.nameId.value,
    nameIdFormat: login.nameId.format ?? null,
    sessionIndex: login.sessionIndex ?? null,
    attributes,
    assertionId: login.assertionId,
    notOnOrAfter: (login.notOnOrAfter ?? login.subjectNotOnOrAfter).toISOString(),
  };
}

/** Text report. Partner-supplied values go through `terminalSafe` (the lint formatter's): no ANSI sequences, no forged lines. */
function toText(login: VerifiedLogin | undefined, error: SamlfedError | undefined): string {
  if (!login) return `INVALID: ${error?.code ?? 'UNKNOWN'}: ${terminalSafe(error?.message ?? '')}\n`;
  const t = terminalSafe;
  const lines = [
    'VALID',
    `  issuer:         ${t(login.issuer)}`,
    `  nameId:         ${t(login.nameId.value)}`,
    `  nameIdFormat:   ${t(login.nameId.format ?? '(none)')}`,
    `  sessionIndex:   ${t(login.sessionIndex ?? '(none)')}`,
    `  assertionId:    ${t(login.assertionId)}`,
    `  notOnOrAfter:   ${(login.notOnOrAfter ?? login.subjectNotOnOrAfter).toISOString()}`,
    `  signed:         ${login.signedElement}`,
  ];
  if (login.groups.length) lines.push(`  groups:         ${t(login.groups.join(', '))}`);
  if (login.attributeDetails.length) {
    lines.push('  attributes:');
    for (const d of login.attributeDetails) lines.push(`    ${t(d.name)}${d.friendlyName ? ` (${t(d.friendlyName)})` : ''}: ${d.values.map((x) => t(JSON.stringify(x))).join(', ')}`);
  }
  for (const w of login.warnings) lines.push(`  warning: ${t(w)}`);
  return `${lines.join('\n')}\n`;
}
