import { createPrivateKey, type KeyObject } from 'node:crypto';
import { EXIT, UsageError, write, type CliIo } from '../io.js';
import { readInputFile } from '../read-input.js';
import { parseCommandArgs, parseNow } from '../options.js';
import { writeOutputFile } from '../output.js';
import { chooseIdpEntity } from '../verify-entity.js';
import { readManifestArg, readTenantJsonArg } from '../federation-input.js';
import { verifyJson, verifyText, type VerifyMapping, type VerifyOutcome } from '../verify-report.js';
import { isSamlfedError, type SamlfedError } from '../../errors.js';
import { parseMetadata } from '../../metadata/parse.js';
import type { EntityDescriptor, MetadataDocument } from '../../metadata/model.js';
import { verifyResponse } from '../../assertion/verify.js';
import { InMemoryReplayCache } from '../../assertion/replay.js';
import type { SpSettings, VerifiedLoginNameIdOptional } from '../../assertion/types.js';
import { DEFAULT_GROUP_ATTRIBUTE, effectiveGroupAttribute, resolveHostGroups, rolesForHostGroups, type GroupMapping, type PartnerManifest } from '../../federation/index.js';
import { readGlobalMappings } from '../../tenant/readers.js';

export const HELP = `Usage: samlfed verify <response-file|-> --idp <metadata.xml> --sp <sp.json> [options]

Check a SAML 2.0 Response (XML, or the base64 SAMLResponse form value) the way an
Assertion Consumer Service would: signature with the IdP's metadata keys, status,
destination, issuer, subject confirmation, conditions, audience, replay.

Options:
      --idp <FILE>           IdP metadata: one EntityDescriptor, or an aggregate (see
                             --entity-id)
      --entity-id <ID>       the IdP entity of an aggregate to verify against (default: the
                             only IdP entity, else the one named by the Response's Issuer)
      --sp <FILE>            SP settings, JSON:
                             {"entityId": "...", "acsUrls": ["..."], "clockSkewSeconds": 180}
      --partner <FILE>       partner manifest: map the group attribute to host groups and
                             roles (its groupAttribute and mappings)
      --global <FILE>        GetGlobalGroupAssertionMappings response (or settings with
                             GlobalMappings): global mappings, used with or without --partner
      --now <ISO-8601>       the clock for every time check (default: now)
      --request-id <ID>      ID of the AuthnRequest (SP-initiated); omit for IdP-initiated
      --clock-skew <S>       allowed clock difference in seconds (overrides sp.json; default 180)
      --decrypt-key <PEM>    SP private key for encrypted assertions (repeatable)
      --allow-sha1           accept SHA-1 signatures (reported as a warning)
      --no-require-nameid    accept a Subject without NameID (AD FS without a NameID claim
                             rule); the subject is then reported as absent
  -f, --format <name>        text (default) or json
  -o, --output <FILE>        write the report to FILE instead of standard output
  -h, --help                 show this help

JSON output: valid, errors, warnings, idpEntityId, issuer, nameId, nameIdFormat,
subjectAbsent, sessionIndex, attributes, assertionId, notOnOrAfter, signed
(response|assertion|both), groups, hostGroups, roles, mapping (null without
--partner/--global).

Exit codes: 0 valid; 1 the response was rejected (the code says why, see
docs/errors/assertion.md); 2 bad usage or unreadable input (missing file, bad
sp.json, unparsable IdP metadata).
`;

const SP_KEYS = new Set(['entityId', 'acsUrls', 'clockSkewSeconds']);

/** `samlfed verify`: verify one SAML Response against IdP metadata and SP settings. */
export async function run(argv: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs('verify', argv, {
      idp: { type: 'string' },
      'entity-id': { type: 'string' },
      sp: { type: 'string' },
      partner: { type: 'string' },
      global: { type: 'string' },
      'no-require-nameid': { type: 'boolean', default: false },
      output: { type: 'string', short: 'o' },
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
  const doc = readMetadata(await readInputFile(v.idp, io, { what: '--idp' }), v.idp);
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
  const idp = chooseIdpEntity(doc, v.idp, v['entity-id'], response);
  const mapping = await loadMapping(v.partner, v.global, io);

  let login: VerifiedLoginNameIdOptional | undefined;
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
      requireNameId: !v['no-require-nameid'],
      ...(mapping?.manifest ? { profile: { groupAttribute: effectiveGroupAttribute(mapping.manifest, idp.flavour.flavour) } } : {}),
      // One run verifies one message: a fresh cache (verifyResponse passes --now to it).
      replayCache: new InMemoryReplayCache(),
    });
  } catch (e) {
    if (isSamlfedError(e)) error = e;
    else if (e instanceof TypeError) throw new UsageError(e.message.replace(/^verifyResponse: /, ''));
    else throw e;
  }

  const outcome: VerifyOutcome = {
    entityId: idp.entityId ?? '',
    ...(login ? { login } : {}),
    ...(error ? { error } : {}),
    ...(login && mapping ? { mapping: mapLogin(login, mapping, idp) } : {}),
  };
  const report = v.format === 'json' ? `${JSON.stringify(verifyJson(outcome), null, 2)}\n` : verifyText(outcome);
  if (v.output !== undefined) await writeOutputFile(io, v.output, report);
  else await write(io.stdout, report);
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


interface MappingInput {
  readonly manifest?: PartnerManifest;
  readonly global: readonly GroupMapping[];
}

/** `--partner` (mappings, roles, groupAttribute) and `--global` (tenant-wide mappings), when given. */
async function loadMapping(partner: string | undefined, global: string | undefined, io: CliIo): Promise<MappingInput | undefined> {
  if (partner === undefined && global === undefined) return undefined;
  try {
    // Mapping needs no metadata: do not insist the manifest's files exist.
    const manifest = partner === undefined ? undefined : await readManifestArg(partner, io, false);
    const text = global === undefined ? undefined : await readTenantJsonArg(global, io, '--global');
    return { ...(manifest ? { manifest } : {}), global: text === undefined ? [] : readGlobalMappings(text) };
  } catch (e) {
    if (isSamlfedError(e)) throw new UsageError(`${partner !== undefined && e.code.startsWith('ERR_MANIFEST') ? `--partner ${partner}` : `--global ${global}`}: ${e.code}: ${e.message}`);
    throw e;
  }
}

function mapLogin(login: VerifiedLoginNameIdOptional, m: MappingInput, idp: EntityDescriptor): VerifyMapping {
  const resolution = resolveHostGroups(login.groups, m.manifest?.mappings, m.global);
  return {
    ...(m.manifest ? { partner: m.manifest.name } : {}),
    groupAttribute: m.manifest ? effectiveGroupAttribute(m.manifest, idp.flavour.flavour) : DEFAULT_GROUP_ATTRIBUTE[idp.flavour.flavour],
    resolution,
    roles: rolesForHostGroups(resolution.hostGroups, m.manifest?.roles),
  };
}
