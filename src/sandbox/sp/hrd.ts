import type { Ctx } from '../http/context.js';
import { ok, type Reply } from '../http/reply.js';
import type { Federation } from '../state/model.js';
import { authnRequestUrl } from './authn-request.js';

/**
 * Home-realm discovery (tenant-api.md §2.2 outcome 4, §3.8 step 1; issue 12): a user whose login
 * suffix is a federation domain gets `IdpRedirectUrl`, an AuthnRequest to that partner's SSO
 * endpoint, and `IdpLoginSessionId` (the request ID). [I] `Summary:"FederatedLogin"`.
 */
export function homeRealmRedirect(ctx: Ctx, federation: Federation, user: string): Reply {
  const { url, id } = authnRequestUrl(ctx.rt, federation, ctx.rt.rng.hex(8));
  ctx.rt.log(`home-realm discovery: ${user} -> federation ${federation.name}`);
  return ok({ IdpRedirectUrl: url, IdpLoginSessionId: id, User: user, TenantId: ctx.rt.state.tenant.id, Summary: 'FederatedLogin' });
}
