/**
 * `signInAt`: sign in at a simulator without a browser. Given the URL an SP redirected to (an
 * HTTP-Redirect AuthnRequest at the simulator's SSO endpoint), it loads the login page, posts
 * the user and her group values, and returns what the auto-submitting form would POST to the
 * ACS. Used by `npm start` and the end-to-end tests; the caller then POSTs to `acsUrl` itself.
 */
import { IdpError } from './errors.js';
import { LOGIN_PATH } from './handler.js';

export interface SignInOptions {
  /** Group values to send; default: those the simulator's --users file gives the user. */
  readonly groups?: readonly string[];
  /** Per-request timeout in ms (default 10,000). */
  readonly timeoutMs?: number;
}

export interface SignInResult {
  /** Where the form posts: the SP's ACS. */
  readonly acsUrl: string;
  /** The base64 `SAMLResponse` value. */
  readonly samlResponse: string;
  readonly relayState?: string;
}

const MAX_PAGE = 1024 * 1024;

function unescapeHtml(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|#39);/g, (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!);
}

async function page(url: string, init: RequestInit, timeoutMs: number): Promise<string> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
  } catch (e) {
    throw new IdpError('ERR_IDP_SIGN_IN_FAILED', `Could not reach the IdP at ${new URL(url).origin}: ${(e as Error).message}`, { cause: e });
  }
  const text = await res.text();
  if (text.length > MAX_PAGE) throw new IdpError('ERR_IDP_SIGN_IN_FAILED', `Expected an IdP page of at most ${MAX_PAGE} characters, found ${text.length}`);
  if (res.status !== 200) {
    const code = /<code id="error-code">([^<]*)<\/code>/.exec(text)?.[1];
    const message = /<p id="error-message">([^<]*)<\/p>/.exec(text)?.[1];
    throw new IdpError('ERR_IDP_SIGN_IN_FAILED', `The IdP answered HTTP ${res.status}${code ? `: ${unescapeHtml(code)}: ${unescapeHtml(message ?? '')}` : ''}`, { actual: res.status });
  }
  return text;
}

const field = (html: string, name: string): string | undefined => {
  const m = new RegExp(`<input type="hidden" name="${name}" value="([^"]*)">`).exec(html);
  return m ? unescapeHtml(m[1]!) : undefined;
};

/**
 * Sign `username` in at the simulator the SP redirected to.
 *
 * @throws {IdpError} ERR_IDP_SIGN_IN_FAILED (unreachable, refused request, unexpected page)
 */
export async function signInAt(idpRedirectUrl: string, username: string, options: SignInOptions = {}): Promise<SignInResult> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const login = await page(idpRedirectUrl, { method: 'GET' }, timeoutMs);
  const request = field(login, 'request');
  if (request === undefined) throw new IdpError('ERR_IDP_SIGN_IN_FAILED', 'Expected the IdP login page (with a request field), found another page');
  const form = new URLSearchParams({ request, username });
  if (options.groups !== undefined) form.set('groups', options.groups.join('\n'));
  const post = await page(new URL(LOGIN_PATH, idpRedirectUrl).href, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() }, timeoutMs);
  const action = /<form id="saml-post-form" method="post" action="([^"]*)">/.exec(post)?.[1];
  const samlResponse = field(post, 'SAMLResponse');
  if (action === undefined || samlResponse === undefined) throw new IdpError('ERR_IDP_SIGN_IN_FAILED', 'Expected the auto-submitting SAMLResponse form, found another page');
  const relayState = field(post, 'RelayState');
  return { acsUrl: unescapeHtml(action), samlResponse, ...(relayState !== undefined ? { relayState } : {}) };
}
