import { generateSpKeys } from './keys.js';
import type { Runtime } from './runtime.js';
import { createRng } from './rng.js';
import { seedState } from './state/seed.js';

/**
 * `POST /_sandbox/reset` (tenant-api.md §9.1): back to the seed state. Keeps the SP keys (unless
 * `newKeys`), the admin user and the OAuth2 client (so credentials stay valid), the seed and the
 * MSP tenant's live sessions (customer sessions and passes end: Runtime.replace); drops federations, mappings, groups, roles and policies added since, faults,
 * codes and pending logins.
 */
export function reseed(rt: Runtime, newKeys: boolean): void {
  const old = rt.state;
  const admin = old.users[0]!;
  const client = old.oauthClients[0]!;
  const rng = createRng(old.seed);
  const now = rt.now();
  const keys = newKeys ? generateSpKeys(old.tenant.id, rng, now) : old.keys;
  const fresh = seedState({ tenantId: old.tenant.id, seed: old.seed, rng, now, keys, admin: { name: admin.name, passwordHash: admin.passwordHash }, oauth: { appId: client.appId, clientId: client.clientId, secretHash: client.secretHash } });
  fresh.rngDraws = rng.draws;
  fresh.users[0] = { ...fresh.users[0]!, uuid: admin.uuid, mfa: admin.mfa };
  fresh.roles[0]!.members = [{ type: 'User', id: admin.uuid }];
  rt.faults.set([]);
  rt.codes.length = 0;
  rt.packages.clear();
  rt.authnRequests.clear();
  rt.replace(fresh);
}
