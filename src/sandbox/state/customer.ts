import { generateSpKeys } from '../keys.js';
import type { Rng } from '../rng.js';
import { hashSecret } from '../secrets.js';
import type { TenantRecord, TenantState } from './model.js';
import { seedState } from './seed.js';

/**
 * The state of a new customer tenant (msp-create-customer.txt Step 3), seeded like the MSP tenant
 * (docs/sandbox.md "Seed state"): its own SP CA and signing certificate, CDS + FDS, roles
 * `System Administrator` (its admin) and `Everybody`, the default policy, no federations. [I] Its
 * login suffixes are its initial alias only; its admin user is `<adminUser>@<alias>` with the
 * password `msp/createnewsmb` returned (only the scrypt hash is kept). It has no OAuth2 client and
 * no customers of its own (the sandbox has one MSP level); it is reached through a management-link
 * session (`/manage?OneTimePass=`), not by password login.
 */
export function customerTenantState(record: Pick<TenantRecord, 'id' | 'adminUser' | 'aliases'>, adminPassword: string, rng: Rng, now: Date): TenantState {
  const alias = record.aliases[0] ?? `${record.id.toLowerCase()}.samlfed.test`;
  const keys = generateSpKeys(record.id, rng, now);
  const { version: _v, seed: _s, rngDraws: _d, ...tenant } = seedState({
    tenantId: record.id,
    seed: 0,
    rng,
    now,
    keys,
    admin: { name: `${record.adminUser}@${alias}`, passwordHash: hashSecret(adminPassword) },
    oauth: { appId: '-', clientId: '-', secretHash: '-' },
  });
  return { ...tenant, tenant: { ...tenant.tenant, loginSuffixes: [...new Set([alias, ...record.aliases])] }, oauthClients: [], customers: [] };
}
