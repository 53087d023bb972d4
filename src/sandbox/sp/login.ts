import type { Ctx } from '../http/context.js';
import type { Reply } from '../http/reply.js';
import { suffixOf } from '../state/seed.js';
import { refuse } from './acs.js';
import { authnRequestUrl } from './authn-request.js';
import { loginPage } from './pages.js';

/**
 * GET /login: the browser login page; POST /login (`username`): home-realm discovery as
 * StartAuthentication does it, answered with a 302 to the partner's SSO endpoint. A user whose
 * domain is no federation's is refused on the page (this page signs in partner users only).
 */
export function login(ctx: Ctx): Reply {
  if (ctx.method === 'GET') return loginPage();
  const user = typeof ctx.body['username'] === 'string' ? ctx.body['username'].trim() : '';
  const suffix = suffixOf(user);
  const fed = suffix ? ctx.rt.state.federations.find((f) => f.domains.some((d) => d.toLowerCase() === suffix)) : undefined;
  if (!fed) return refuse(ctx, 403, 'ERR_SANDBOX_HRD_NO_FEDERATION', `No federation has the domain ${JSON.stringify(suffix || user)}; this page signs in partner users (user@<federation domain>).`);
  const { url } = authnRequestUrl(ctx.rt, fed, ctx.rt.rng.hex(8));
  return { status: 302, contentType: 'text/plain; charset=utf-8', body: `See ${url}`, headers: { Location: url } };
}
