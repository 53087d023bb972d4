/**
 * The simulator's request handler: metadata, the SSO endpoint (HTTP-Redirect and HTTP-POST
 * AuthnRequests, SAML bindings 2.0 §3.4 / §3.5), the login form and the auto-POST of the
 * signed Response. Every refusal is an HTTP 400 page naming the error code; nothing thrown by a
 * request reaches the server.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isSamlfedError } from '../errors.js';
import { checkAcsUrl, readAuthnRequest, type AuthnRequestInfo } from './authn-request.js';
import { IdpError } from './errors.js';
import { nonce, readForm, sendHtml, sendText, uniqueParams } from './http.js';
import type { IdpIdentity } from './identity.js';
import { errorPage, homePage, loginPage, postFormPage } from './pages.js';
import { PendingLogins } from './pending.js';
import type { IssueOptions, IssuedResponse, NameIdMode } from './response.js';
import { checkValue, USERS_LIMITS, type IdpUser } from './users.js';
import { isXmlSafe } from './xml-text.js';

/** RelayState longer than this is refused (SAML bindings 2.0 §3.4.3 asks SPs for at most 80 bytes; we allow more). */
export const MAX_RELAY_STATE = 1024;
export const LOGIN_PATH = '/_idp/login';

export interface HandlerContext {
  readonly identity: IdpIdentity;
  readonly metadataXml: string;
  readonly users: readonly IdpUser[];
  readonly now: () => Date;
  readonly nameId?: NameIdMode;
  readonly defaultAcsUrl?: string;
  readonly defaultSpEntityId?: string;
  readonly issue: (opts: Omit<IssueOptions, 'now'> & { now?: Date }) => Promise<IssuedResponse>;
  readonly log: (line: string) => void;
}

const label = (id: IdpIdentity): string => (id.flavour === 'adfs' ? 'AD FS' : 'Identity tenant (B2B SAML app)');

export function createHandler(ctx: HandlerContext): (req: IncomingMessage, res: ServerResponse) => void {
  const pending = new PendingLogins();
  const id = ctx.identity;
  const ssoPathLower = id.ssoPath.toLowerCase();
  const metadataPathname = id.metadataPath.split('?')[0]!;

  const refuse = (res: ServerResponse, e: IdpError, status = 400): void => {
    const n = nonce();
    ctx.log(`refused: ${e.code}: ${e.message}`);
    sendHtml(res, status, errorPage(e.code, e.message, n, label(id)), n);
  };

  const startLogin = (res: ServerResponse, info: AuthnRequestInfo, relayState: string | undefined): void => {
    if (relayState !== undefined && (relayState.length > MAX_RELAY_STATE || !isXmlSafe(relayState))) {
      throw new IdpError('ERR_IDP_REQUEST_INVALID', `Expected a RelayState of at most ${MAX_RELAY_STATE} characters without control characters`, { expected: MAX_RELAY_STATE, actual: relayState.length });
    }
    const acs = info.acsUrl ?? ctx.defaultAcsUrl;
    if (acs === undefined) throw new IdpError('ERR_IDP_ACS_MISSING', 'Expected an AssertionConsumerServiceURL in the AuthnRequest (this IdP has no relying party trust to look one up), found none', { expected: 'AssertionConsumerServiceURL' });
    const acsUrl = checkAcsUrl(acs);
    const spEntityId = info.issuer ?? ctx.defaultSpEntityId;
    if (spEntityId === undefined || !isXmlSafe(spEntityId) || spEntityId.length > 1024) throw new IdpError('ERR_IDP_REQUEST_INVALID', 'Expected a saml:Issuer (the SP entityID) in the AuthnRequest, found none', { expected: 'saml:Issuer' });
    const key = pending.add({ requestId: info.id, acsUrl, spEntityId, ...(relayState !== undefined ? { relayState } : {}), createdAt: ctx.now().getTime() });
    ctx.log(`AuthnRequest ${info.id} (${info.binding}) from ${spEntityId}: login page shown`);
    const n = nonce();
    sendHtml(res, 200, loginPage({ flavourLabel: label(id), requestKey: key, spEntityId, acsUrl, users: ctx.users, nonce: n }), n);
  };

  const finishLogin = async (res: ServerResponse, form: Map<string, string>): Promise<void> => {
    const key = form.get('request') ?? '';
    const login = pending.take(key, ctx.now().getTime());
    if (!login) throw new IdpError('ERR_IDP_LOGIN_UNKNOWN_REQUEST', 'This sign-in form is unknown, expired or already used: start again from the service provider', { expected: 'a pending sign-in' });
    let name: string;
    let groups: string[];
    try {
      name = checkValue(form.get('username'), 'the user name');
      const typed = form.get('groups');
      const known = ctx.users.find((u) => u.name.toLowerCase() === name.toLowerCase());
      const values = typed === undefined ? [...(known?.groups ?? [])] : typed.split(/\r?\n/).map((g) => g.trim()).filter((g) => g !== '');
      if (values.length > USERS_LIMITS.groups) throw new IdpError('ERR_IDP_USERS_INVALID', `Expected at most ${USERS_LIMITS.groups} group values, found ${values.length}`);
      groups = [...new Set(values.map((g, i) => checkValue(g, `group value ${i + 1}`)))];
    } catch (e) {
      if (e instanceof IdpError) throw new IdpError('ERR_IDP_LOGIN_INVALID', e.message, { cause: e });
      throw e;
    }
    const issued = await ctx.issue({
      request: { ...(login.requestId !== undefined ? { id: login.requestId } : {}), acsUrl: login.acsUrl, spEntityId: login.spEntityId },
      user: { name, groups },
      ...(ctx.nameId ? { nameId: ctx.nameId } : {}),
    });
    ctx.log(`Response ${issued.responseId} for ${name} (${groups.length} group value(s)) -> ${login.acsUrl}`);
    const n = nonce();
    sendHtml(res, 200, postFormPage(login.acsUrl, issued.samlResponse, login.relayState, n, label(id)), n);
  };

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', id.baseUrl);
    const path = url.pathname;
    const method = req.method ?? 'GET';
    if (path === '/' && method === 'GET') {
      const n = nonce();
      return sendHtml(res, 200, homePage(id.entityId, id.baseUrl + id.metadataPath, id.baseUrl + id.ssoPath, n, label(id)), n);
    }
    if (path === metadataPathname && method === 'GET') return sendText(res, 200, 'application/samlmetadata+xml; charset=utf-8', ctx.metadataXml);
    if (path.toLowerCase() === ssoPathLower || (id.flavour === 'adfs' && path.toLowerCase() === '/adfs/ls')) {
      if (method === 'GET') {
        const q = uniqueParams(url.searchParams);
        return startLogin(res, readAuthnRequest(q.get('SAMLRequest'), 'redirect'), q.get('RelayState'));
      }
      if (method === 'POST') {
        const form = await readForm(req);
        return startLogin(res, readAuthnRequest(form.get('SAMLRequest'), 'post'), form.get('RelayState'));
      }
      res.setHeader('Allow', 'GET, POST');
      return sendText(res, 405, 'text/plain; charset=utf-8', 'method not allowed\n');
    }
    if (path === LOGIN_PATH && method === 'POST') return finishLogin(res, await readForm(req));
    if (path === id.sloPath) return sendText(res, 200, 'text/plain; charset=utf-8', 'signed out (simulated)\n');
    return sendText(res, 404, 'text/plain; charset=utf-8', 'not found\n');
  };

  return (req, res) => {
    route(req, res).catch((e: unknown) => {
      if (res.headersSent) return void res.destroy();
      if (e instanceof IdpError) return refuse(res, e, e.code === 'ERR_IDP_BODY_TOO_LARGE' ? 413 : 400);
      const code = isSamlfedError(e) ? e.code : 'internal error';
      ctx.log(`internal error: ${code}: ${e instanceof Error ? e.message : String(e)}`);
      const n = nonce();
      sendHtml(res, 500, errorPage('ERR_IDP_INTERNAL', 'The simulator failed to answer this request; see its log', n, label(id)), n);
    });
  };
}
