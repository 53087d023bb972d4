import type { Ctx } from '../http/context.js';
import { esc, html, type Reply } from '../http/reply.js';
import { MSG } from '../messages.js';
import type { Session } from '../runtime.js';
import { generateToken } from '../secrets.js';
import { errorPage } from '../sp/pages.js';
import { SESSION_MS, sessionCookies } from './auth.js';

/** The query parameter, case-insensitive (tenant-api.md §1.1). */
function queryArg(ctx: Ctx, name: string): string | undefined {
  const l = name.toLowerCase();
  for (const [k, v] of ctx.query) if (k.toLowerCase() === l) return v;
  return undefined;
}

/**
 * `GET /manage?OneTimePass=<pass>&msp=true` (msp-create-customer.txt "Logging in Using the
 * Management Link"): the pass from `msp/getmanagementlink` opens a session in THAT customer tenant.
 * The answer is an HTML page (as documented) with the `.ASPXAUTH` and `CCSID` cookies; the
 * `.ASPXAUTH` value is also a bearer token (tenant-api.md §2.3). Every API call with it acts on the
 * customer tenant's state only (dispatch picks the state by the session's tenant).
 *
 * The pass is taken out of the map before it is checked: it never works twice, even when the login
 * is refused. Unknown, used, expired passes, and a tenant that is gone or disabled
 * (msp/SetTenantState), all get the same 403 page `ERR_SANDBOX_MANAGE_REFUSED` (nothing to tell
 * them apart from outside). The request log redacts the pass (`OneTimePass` is a secret key).
 */
export function manage(ctx: Ctx): Reply {
  const { rt } = ctx;
  const pass = queryArg(ctx, 'OneTimePass');
  const entry = pass ? rt.oneTimePasses.get(pass) : undefined;
  if (pass) rt.oneTimePasses.delete(pass);
  const record = entry && entry.expiresAt > rt.now().getTime() ? rt.customer(entry.tenantId) : undefined;
  if (!record || !record.enabled) {
    ctx.logCode = 'ERR_SANDBOX_MANAGE_REFUSED';
    ctx.logMessage = MSG.manageRefused();
    return errorPage(403, 'ERR_SANDBOX_MANAGE_REFUSED', MSG.manageRefused());
  }
  const state = rt.customerState(record);
  const admin = state.users[0]!;
  const token = generateToken();
  const session: Session = { token, kind: 'session', tenantId: record.id, userUuid: admin.uuid, userName: admin.name, expiresAt: rt.now().getTime() + SESSION_MS };
  rt.sessions.set(token, session);
  rt.log(`management link used: session in customer tenant ${record.id} (${admin.name})`);
  const body = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Admin Portal</title></head><body><p id="sandbox-notice"><small>samlfed sandbox: a tenant emulator built from public documentation, not the product.</small></p><h1>Admin Portal</h1><p>Tenant: <span id="tenant">${esc(record.id)}</span></p></body></html>`;
  return html(200, body, { 'Set-Cookie': sessionCookies(ctx, token), Pragma: 'no-cache' });
}
