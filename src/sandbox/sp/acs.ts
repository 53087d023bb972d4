import { DEFAULT_MAX_RESPONSE_BYTES, decodeResponseInput } from '../../assertion/input.js';
import { verifyResponse } from '../../assertion/verify.js';
import { isSamlfedError } from '../../errors.js';
import { childElements, textOf } from '../../xml/dom.js';
import { parseXml } from '../../xml/parse.js';
import { federatedMfaRequired } from '../api/policy.js';
import { SESSION_MS, sessionCookies } from '../api/auth.js';
import type { Ctx } from '../http/context.js';
import { sessionOf } from '../http/gate.js';
import type { Reply } from '../http/reply.js';
import type { AuthPackage, Session } from '../runtime.js';
import { generateCode, generateToken } from '../secrets.js';
import { federatedSession, idpTrustOf } from './federated-login.js';
import { spUrls } from './identity.js';
import { errorPage, landingPage, mfaPage } from './pages.js';

const MFA_MS = 10 * 60 * 1000;

/** Refuse a login: error page with code and message, the same in the request log; no session. */
export function refuse(ctx: Ctx, status: number, code: string, message: string): Reply {
  ctx.logCode = code;
  ctx.logMessage = message;
  ctx.rt.log(`login refused: ${code}: ${message}`);
  return errorPage(status, code, message);
}

/** Start a session and send the browser to the landing page. */
export function startSession(ctx: Ctx, s: Omit<Session, 'token' | 'expiresAt'>): Reply {
  const token = generateToken();
  ctx.rt.sessions.set(token, { ...s, token, expiresAt: ctx.rt.now().getTime() + SESSION_MS });
  return { status: 303, contentType: 'text/plain; charset=utf-8', body: 'See /My', headers: { Location: '/My', 'Set-Cookie': sessionCookies(ctx, token) } };
}

/** Issuer and InResponseTo of the (not yet verified) Response: only to pick the federation and the request. */
function peek(xml: string | Uint8Array): { issuer?: string; inResponseTo?: string } {
  const { root } = parseXml(xml, { maxBytes: DEFAULT_MAX_RESPONSE_BYTES });
  const out: { issuer?: string; inResponseTo?: string } = {};
  const irt = root.getAttribute('InResponseTo');
  if (irt) out.inResponseTo = irt;
  const issuerEl = childElements(root).find((e) => e.localName === 'Issuer') ?? childElements(childElements(root).find((e) => e.localName === 'Assertion') ?? root).find((e) => e.localName === 'Issuer');
  if (issuerEl) out.issuer = textOf(issuerEl).trim();
  return out;
}

/**
 * POST /My: the SP's assertion consumer (tenant-api.md §3.3, §3.8; issue 12). Verifies the
 * `SAMLResponse` with samlfed's `verifyResponse` against the federation's stored metadata and the
 * sandbox's SP settings (audience = SP entityID, recipient/destination = `/My`, InResponseTo = the
 * AuthnRequest it issued, replay cache), then host groups and roles, partner MFA when the login
 * policy asks for it, and a session cookie. GET /My: the landing page.
 */
export async function acs(ctx: Ctx): Promise<Reply> {
  const { rt } = ctx;
  if (ctx.method === 'GET') return landing(ctx);
  const raw = ctx.body['SAMLResponse'];
  if (typeof raw !== 'string' || raw.trim() === '') return refuse(ctx, 400, 'ERR_SANDBOX_ACS_INVALID', 'The POST carries no SAMLResponse form field.');
  let decoded: string | Uint8Array;
  let peeked: { issuer?: string; inResponseTo?: string };
  try {
    decoded = decodeResponseInput(raw, DEFAULT_MAX_RESPONSE_BYTES);
    peeked = peek(decoded);
  } catch (e) {
    if (isSamlfedError(e)) return refuse(ctx, 403, e.code, e.message);
    throw e;
  }
  const now = rt.now();
  const pending = peeked.inResponseTo ? rt.authnRequests.get(peeked.inResponseTo) : undefined;
  const live = pending && pending.expiresAt > now.getTime() ? pending : undefined;
  const fed = live ? rt.state.federations.find((f) => f.uuid === live.federationUuid) : rt.state.federations.find((f) => f.idpEntityId === peeked.issuer);
  if (!fed) return refuse(ctx, 403, 'ERR_SANDBOX_ACS_UNKNOWN_IDP', `No federation trusts the issuer ${JSON.stringify(peeked.issuer ?? '')}.`);
  const u = spUrls(rt.url);
  let login;
  try {
    login = await verifyResponse(decoded, {
      idp: idpTrustOf(fed),
      sp: { entityId: u.entityId, acsUrls: [u.acs] },
      now,
      replayCache: rt.replayCache,
      rejectUnsolicitedInResponseTo: true,
      ...(live ? { requestId: peeked.inResponseTo! } : {}),
    });
  } catch (e) {
    if (isSamlfedError(e)) return refuse(ctx, 403, e.code, e.message);
    throw e;
  }
  if (live) {
    if (live.usedBy !== undefined) return refuse(ctx, 403, 'ERR_SANDBOX_ACS_REQUEST_USED', `The AuthnRequest ${peeked.inResponseTo} was already answered by another Response.`);
    live.usedBy = login.assertionId;
  }
  const session = federatedSession(rt.state, fed, login, () => rt.rng.uuid());
  rt.commit();
  rt.log(`federated login: ${session.userName} (${fed.name}) host groups [${session.federated!.hostGroups.join(', ')}] roles [${session.federated!.roles.join(', ')}]`);
  if (federatedMfaRequired(rt.state)) {
    const pkg: AuthPackage = { sessionId: rt.rng.uuid(), userName: session.userName, userUuid: session.userUuid, mechanisms: [{ id: rt.rng.uuid(), name: 'EMAIL' }], next: 0, code: generateCode(), expiresAt: now.getTime() + MFA_MS, pendingFederated: { ...session, token: '', expiresAt: 0 } };
    rt.packages.set(pkg.sessionId, pkg);
    rt.issueCode(session.userName, 'EMAIL', pkg.sessionId, pkg.code!);
    return mfaPage(pkg.sessionId, session.userName);
  }
  return startSession(ctx, session);
}

/** POST /My/Mfa: the partner MFA code (tenant-api.md §3.8 step 4). A wrong code ends the attempt. */
export function acsMfa(ctx: Ctx): Reply {
  const { rt } = ctx;
  const id = ctx.body['SessionId'];
  const code = ctx.body['code'];
  const pkg = typeof id === 'string' ? rt.packages.get(id) : undefined;
  if (typeof id === 'string') rt.packages.delete(id);
  if (!pkg?.pendingFederated || pkg.expiresAt <= rt.now().getTime() || typeof code !== 'string' || code.trim() !== pkg.code) {
    return refuse(ctx, 403, 'ERR_SANDBOX_MFA_FAILED', 'The additional authentication code is wrong or expired; sign in again.');
  }
  const { token: _t, expiresAt: _e, ...session } = pkg.pendingFederated;
  return startSession(ctx, session);
}

/** GET /My: the landing page of the signed-in user, or back to /login. */
function landing(ctx: Ctx): Reply {
  const s = sessionOf(ctx.rt, ctx.req);
  if (!s) return { status: 302, contentType: 'text/plain; charset=utf-8', body: 'See /login', headers: { Location: '/login' } };
  const f = s.federated;
  return landingPage({ user: s.userName, federation: f?.federationName ?? '(none: password login)', groups: f?.hostGroups ?? [], roles: f?.roles ?? [], kind: s.kind });
}
