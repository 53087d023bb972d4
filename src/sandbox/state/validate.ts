import { describeValue } from '../../errors.js';
import { SandboxError, type SandboxErrorCode } from '../errors.js';
import { STATE_VERSION, type SandboxState } from './model.js';

type Kind = 'string' | 'number' | 'boolean' | 'array' | 'object';

/** Top-level fields of a state document and their JSON types (§9.2). */
const FIELDS: Record<string, Kind> = {
  seed: 'number',
  rngDraws: 'number',
  tenant: 'object',
  keys: 'object',
  users: 'array',
  oauthClients: 'array',
  directoryServices: 'array',
  fdsGroups: 'array',
  federations: 'array',
  globalMappings: 'array',
  roles: 'array',
  policies: 'array',
  plinks: 'array',
  plinksRevStamp: 'string',
  lastTick: 'string',
  authProfiles: 'array',
  customers: 'array',
};

/** Fields every array item must carry, with their JSON types (what the handlers read). */
const ITEM_FIELDS: Record<string, Record<string, Kind | 'string|null'>> = {
  users: { uuid: 'string', name: 'string', displayName: 'string', email: 'string', passwordHash: 'string', directory: 'string', mfa: 'string|null' },
  oauthClients: { appId: 'string', clientId: 'string', secretHash: 'string', scopes: 'array' },
  directoryServices: { uuid: 'string', service: 'string', name: 'string', displayName: 'string', description: 'string' },
  fdsGroups: { internalName: 'string', systemName: 'string' },
  federations: { uuid: 'string', name: 'string', normalizedName: 'string', domains: 'array', mappings: 'array', idpEntityId: 'string', idpSignInUrl: 'string', idpLogoutUrl: 'string', idpMetadataUrl: 'string', idpSigningCerts: 'array', idpSigningSummaries: 'array', metadataXml: 'string|null', active: 'boolean', createdAt: 'string' },
  globalMappings: { AttributeValue: 'string', GroupName: 'string' },
  roles: { id: 'string', name: 'string', description: 'string', roleType: 'string', readOnly: 'boolean', members: 'array' },
  policies: { path: 'string', description: 'string', settings: 'object', revStamp: 'string' },
  plinks: { id: 'string', policySet: 'string', linkType: 'string', description: 'string', params: 'array' },
  authProfiles: { uuid: 'string', name: 'string', challenges: 'array' },
  customers: { id: 'string', companyName: 'string', podRegion: 'string', adminUser: 'string', enabled: 'boolean', aliases: 'array' },
};

function kindOf(v: unknown): Kind | 'null' | 'other' {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  const t = typeof v;
  return t === 'string' || t === 'number' || t === 'boolean' || t === 'object' ? t : 'other';
}

function need(cond: boolean, code: SandboxErrorCode, what: string, found: unknown): void {
  if (!cond) throw new SandboxError(code, `state ${what}, found ${describeValue(found)}`, { expected: what, actual: describeValue(found) });
}

/**
 * Check that `value` (a parsed state document) is a state this version of the sandbox can serve.
 * Structural check only: the field set and types, the keys' PEM blocks, the tenant id, and the
 * fields (and types) of every array item the handlers read. `invalidCode` is the code for shape errors (`ERR_SANDBOX_STATE_CORRUPT`
 * for a file at start, `ERR_SANDBOX_STATE_INVALID` for `PUT /_sandbox/state`).
 * @throws {SandboxError} `ERR_SANDBOX_STATE_VERSION` for another `version`, `invalidCode` otherwise.
 */
export function validateState(value: unknown, invalidCode: SandboxErrorCode): SandboxState {
  need(kindOf(value) === 'object', invalidCode, 'must be a JSON object', value);
  const o = value as Record<string, unknown>;
  need(o['version'] === STATE_VERSION, 'ERR_SANDBOX_STATE_VERSION', `version must be ${STATE_VERSION} (this sandbox reads only that format)`, o['version']);
  for (const [key, kind] of Object.entries(FIELDS)) {
    need(kindOf(o[key]) === kind, invalidCode, `field "${key}" must be a JSON ${kind}`, o[key]);
    if (kind === 'array') {
      for (const item of o[key] as unknown[]) need(kindOf(item) === 'object', invalidCode, `field "${key}" must hold only objects`, item);
    }
  }
  const tenant = o['tenant'] as Record<string, unknown>;
  need(typeof tenant['id'] === 'string' && /^[A-Za-z0-9]{1,32}$/.test(tenant['id']), invalidCode, 'tenant.id must be 1-32 letters or digits', tenant['id']);
  need(Array.isArray(tenant['loginSuffixes']) && (tenant['loginSuffixes'] as unknown[]).every((s) => typeof s === 'string'), invalidCode, 'tenant.loginSuffixes must be an array of strings', tenant['loginSuffixes']);
  const keys = o['keys'] as Record<string, unknown>;
  for (const k of ['caCertPem', 'caKeyPem', 'certPem', 'keyPem']) {
    need(typeof keys[k] === 'string' && (keys[k] as string).includes('-----BEGIN '), invalidCode, `keys.${k} must be PEM text`, keys[k]);
  }
  need(/^\d{1,24}$/.test(o['lastTick'] as string), invalidCode, 'lastTick must be digits', o['lastTick']);
  for (const [key, fields] of Object.entries(ITEM_FIELDS)) {
    (o[key] as Record<string, unknown>[]).forEach((item, i) => {
      for (const [f, kind] of Object.entries(fields)) {
        const k = kindOf(item[f]);
        need(kind === 'string|null' ? k === 'string' || k === 'null' : k === kind, invalidCode, `${key}[${i}].${f} must be a JSON ${kind}`, item[f]);
      }
    });
  }
  return value as SandboxState;
}
