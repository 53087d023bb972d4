import type { SpKeys } from '../keys.js';
import type { Rng } from '../rng.js';
import { STATE_VERSION, type SandboxState, type TenantState } from './model.js';

export interface SeedInput {
  readonly tenantId: string;
  readonly seed: number;
  readonly rng: Rng;
  readonly now: Date;
  readonly keys: SpKeys;
  readonly admin: { name: string; passwordHash: string };
  readonly oauth: { appId: string; clientId: string; secretHash: string };
}

/** .NET ticks (100 ns since 0001-01-01) as an 18-digit string: the tenant's RevStamp shape (tenant-api.md §6.4). */
export function ticksOf(now: Date): bigint {
  return (BigInt(now.getTime()) + 62135596800000n) * 10000n;
}

/** Next RevStamp: the current tick, strictly greater than the last one handed out. */
export function nextTick(state: TenantState, now: Date): string {
  const last = BigInt(state.lastTick);
  const t = ticksOf(now);
  const v = t > last ? t : last + 1n;
  state.lastTick = v.toString();
  return state.lastTick;
}

/** Domain part of a login name, lower-cased (`admin@acme.com` -> `acme.com`). */
export function suffixOf(login: string): string {
  const at = login.lastIndexOf('@');
  return at < 0 ? '' : login.slice(at + 1).toLowerCase();
}

/**
 * The state of a fresh tenant (tenant-api.md §9.2 "Seed"): CDS and FDS directory services, the
 * admin user, one OAuth2 client app, the roles `System Administrator` and `Everybody`, the
 * default policy (inactive link) and one authentication profile. No federations, no mappings.
 */
export function seedState(input: SeedInput): SandboxState {
  const { rng, now, tenantId } = input;
  const tick = ticksOf(now).toString();
  const suffixes = [`${tenantId.toLowerCase()}.samlfed.test`];
  const adminSuffix = suffixOf(input.admin.name);
  if (adminSuffix && !suffixes.includes(adminSuffix)) suffixes.push(adminSuffix);
  const adminUuid = rng.uuid();
  const profile = rng.uuid();
  return {
    version: STATE_VERSION,
    seed: input.seed,
    rngDraws: 0,
    tenant: { id: tenantId, loginSuffixes: suffixes, createdAt: now.toISOString() },
    keys: input.keys,
    users: [
      {
        uuid: adminUuid,
        name: input.admin.name,
        displayName: 'Sandbox Administrator',
        email: input.admin.name,
        passwordHash: input.admin.passwordHash,
        mfa: null,
        directory: 'CDS',
      },
    ],
    oauthClients: [{ appId: input.oauth.appId, clientId: input.oauth.clientId, secretHash: input.oauth.secretHash, scopes: ['all'] }],
    directoryServices: [
      { uuid: rng.uuid().toUpperCase(), service: 'CDS', name: 'CDS', displayName: 'Centrify Directory', description: 'Cloud Directory' },
      { uuid: rng.uuid().toUpperCase(), service: 'FDS', name: 'FDS', displayName: 'Federated Directory Service', description: 'Federated Directory' },
    ],
    fdsGroups: [],
    federations: [],
    globalMappings: [],
    roles: [
      { id: 'sysadmin', name: 'System Administrator', description: 'Built-in administrator role', roleType: 'PrincipalList', readOnly: true, members: [{ type: 'User', id: adminUuid }] },
      { id: 'everybody', name: 'Everybody', description: 'Every user', roleType: 'Everybody', readOnly: true, members: [] },
    ],
    // [I] Policy controls on with the seeded profile, as a tenant's default policy; FederatedLoginAllowsMfa off.
    policies: [{ path: '/Policy/Default Policy', description: 'Default Policy Settings', settings: { AuthenticationEnabled: true, '/Core/Authentication/AuthenticationRulesDefaultProfileId': profile }, revStamp: tick }],
    plinks: [{ id: '/Policy/Default Policy', policySet: '/Policy/Default Policy', linkType: 'Inactive', description: 'Default Policy Settings', params: [] }],
    plinksRevStamp: tick,
    lastTick: tick,
    authProfiles: [{ uuid: profile, name: 'Default New Device Login Profile', challenges: ['UP', 'OTP,SMS,EMAIL,OATH,SQ'] }],
    customers: [],
  };
}
