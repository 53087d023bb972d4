import { createPrivateKey, X509Certificate } from 'node:crypto';
import { describeValue } from '../../errors.js';
import { SandboxError, type SandboxErrorCode } from '../errors.js';
import { MAX_CUSTOMERS, MIGRATES_FROM, STATE_VERSION, type SandboxState } from './model.js';

type Kind = 'string' | 'number' | 'boolean' | 'array' | 'object';

/** Top-level fields of a state document and their JSON types (§9.2). */
const FIELDS: Record<string, Kind> = {
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

/** Largest accepted `rngDraws` (the RNG replays that many draws at load; a real state holds thousands). */
export const MAX_RNG_DRAWS = 10_000_000;

/** What the items of arrays inside array items hold: 'string', or an object's string fields. */
const INNER: Record<string, Record<string, 'string' | readonly string[]>> = {
  users: {},
  oauthClients: { scopes: 'string' },
  federations: { domains: 'string', idpSigningCerts: 'string', mappings: ['AttributeValue', 'GroupName'] },
  roles: { members: ['type', 'id'] },
  authProfiles: { challenges: 'string' },
  customers: { aliases: 'string' },
};

function checkInner(list: unknown[], inner: 'string' | readonly string[], code: SandboxErrorCode, where: string): void {
  list.forEach((v, j) => {
    if (inner === 'string') need(typeof v === 'string', code, `${where}[${j}] must be a JSON string`, v);
    else {
      need(kindOf(v) === 'object', code, `${where}[${j}] must be a JSON object`, v);
      for (const f of inner) need(typeof (v as Record<string, unknown>)[f] === 'string', code, `${where}[${j}].${f} must be a JSON string`, (v as Record<string, unknown>)[f]);
    }
  });
}

function parses(f: () => unknown): boolean {
  try {
    f();
    return true;
  } catch {
    return false;
  }
}

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
  need(o['version'] === STATE_VERSION || MIGRATES_FROM.includes(o['version'] as number), 'ERR_SANDBOX_STATE_VERSION', `version must be ${STATE_VERSION} (or ${MIGRATES_FROM.join(', ')}, migrated on load)`, o['version']);
  // The RNG is fast-forwarded by rngDraws at load: an unbounded count would block the event loop.
  need(Number.isInteger(o['seed']) && (o['seed'] as number) >= 0 && (o['seed'] as number) <= 0xffffffff, invalidCode, 'seed must be an integer 0-4294967295', o['seed']);
  need(Number.isInteger(o['rngDraws']) && (o['rngDraws'] as number) >= 0 && (o['rngDraws'] as number) <= MAX_RNG_DRAWS, invalidCode, `rngDraws must be an integer 0-${MAX_RNG_DRAWS}`, o['rngDraws']);
  validateTenant(o, invalidCode, '', true);
  checkCustomerIds(o, invalidCode);
  (o['customers'] as Record<string, unknown>[]).forEach((c, i) => {
    if (c['state'] === undefined) return; // version 1, or not yet used: seeded when first used
    const where = `customers[${i}].state.`;
    need(kindOf(c['state']) === 'object', invalidCode, `${where.slice(0, -1)} must be a JSON object`, c['state']);
    const t = c['state'] as Record<string, unknown>;
    validateTenant(t, invalidCode, where, false);
    need((t['customers'] as unknown[]).length === 0, invalidCode, `${where}customers must be empty (one MSP level)`, t['customers']);
    need((t['tenant'] as Record<string, unknown>)['id'] === c['id'], invalidCode, `${where}tenant.id must be the customer's id`, (t['tenant'] as Record<string, unknown>)['id']);
  });
  // Migration 1 -> 2: the same fields; customers gain an optional `state` (above).
  o['version'] = STATE_VERSION;
  return value as SandboxState;
}

/**
 * Customer ids name tenants (sessions, passes, `customer(id)` compare them case-insensitively): each
 * is a tenant id (1-32 letters or digits), none is the MSP tenant's id, no two are the same in any case.
 */
function checkCustomerIds(o: Record<string, unknown>, invalidCode: SandboxErrorCode): void {
  const customers = o['customers'] as unknown[];
  // Each customer's keys are parsed here and its key pair made on first use: no more than msp/createnewsmb allows.
  need(customers.length <= MAX_CUSTOMERS, invalidCode, `customers must hold at most ${MAX_CUSTOMERS} tenants`, `${customers.length} tenants`);
  const seen = new Set([((o['tenant'] as Record<string, unknown>)['id'] as string).toLowerCase()]);
  (o['customers'] as Record<string, unknown>[]).forEach((c, i) => {
    const id = c['id'] as string;
    need(/^[A-Za-z0-9]{1,32}$/.test(id), invalidCode, `customers[${i}].id must be 1-32 letters or digits`, id);
    need(!seen.has(id.toLowerCase()), invalidCode, `customers[${i}].id must differ from the MSP tenant's id and every other customer's (case-insensitive)`, id);
    seen.add(id.toLowerCase());
  });
}

/** The fields of one tenant (the MSP tenant at the root, or a customer's `state`). */
function validateTenant(o: Record<string, unknown>, invalidCode: SandboxErrorCode, where: string, root: boolean): void {
  for (const [key, kind] of Object.entries(FIELDS)) {
    need(kindOf(o[key]) === kind, invalidCode, `field "${where}${key}" must be a JSON ${kind}`, o[key]);
    if (kind === 'array') {
      for (const item of o[key] as unknown[]) need(kindOf(item) === 'object', invalidCode, `field "${where}${key}" must hold only objects`, item);
    }
  }
  const tenant = o['tenant'] as Record<string, unknown>;
  need(typeof tenant['id'] === 'string' && /^[A-Za-z0-9]{1,32}$/.test(tenant['id']), invalidCode, `${where}tenant.id must be 1-32 letters or digits`, tenant['id']);
  need(Array.isArray(tenant['loginSuffixes']) && (tenant['loginSuffixes'] as unknown[]).every((s) => typeof s === 'string'), invalidCode, `${where}tenant.loginSuffixes must be an array of strings`, tenant['loginSuffixes']);
  const keys = o['keys'] as Record<string, unknown>;
  for (const k of ['caCertPem', 'caKeyPem', 'certPem', 'keyPem']) {
    need(typeof keys[k] === 'string' && (keys[k] as string).includes('-----BEGIN '), invalidCode, `${where}keys.${k} must be PEM text`, keys[k]);
  }
  need(parses(() => createPrivateKey(keys['keyPem'] as string)) && parses(() => new X509Certificate(keys['certPem'] as string)), invalidCode, `${where}keys.keyPem and keys.certPem must be a readable private key and certificate`, '(PEM text)');
  need(/^\d{1,24}$/.test(o['lastTick'] as string), invalidCode, `${where}lastTick must be digits`, o['lastTick']);
  // The handlers read users[0] (the admin) and, in the MSP tenant, oauthClients[0] (the OAuth2 client).
  need((o['users'] as unknown[]).length > 0, invalidCode, `${where}users must hold at least the admin user`, o['users']);
  if (root) need((o['oauthClients'] as unknown[]).length > 0, invalidCode, 'oauthClients must hold at least one client', o['oauthClients']);
  for (const [key, fields] of Object.entries(ITEM_FIELDS)) {
    (o[key] as Record<string, unknown>[]).forEach((item, i) => {
      for (const [f, kind] of Object.entries(fields)) {
        const k = kindOf(item[f]);
        need(kind === 'string|null' ? k === 'string' || k === 'null' : k === kind, invalidCode, `${where}${key}[${i}].${f} must be a JSON ${kind}`, item[f]);
      }
      for (const [f, inner] of Object.entries(INNER[key] ?? {})) checkInner(item[f] as unknown[], inner, invalidCode, `${where}${key}[${i}].${f}`);
    });
  }
}
