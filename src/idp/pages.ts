/**
 * The simulator's HTML: the login page (stable element ids for browser tests: #login-form,
 * #username, #groups, #submit), the auto-submitting POST form that carries the Response to the
 * ACS (SAML bindings 2.0 §3.5.4: #saml-post-form with SAMLResponse and RelayState), the error
 * page (#error-code, #error-message) and the home page. Every untrusted value is HTML-escaped;
 * scripts run only with the per-page CSP nonce.
 */
import { esc } from './xml-text.js';
import type { IdpUser } from './users.js';

export interface Page {
  readonly status: number;
  readonly html: string;
  readonly nonce: string;
}

const STYLE = 'body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}label{display:block;margin-top:1rem}input,textarea{width:100%;box-sizing:border-box}small{color:#555}';

function shell(title: string, nonce: string, body: string, flavourLabel: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title><style nonce="${nonce}">${STYLE}</style></head><body><header><strong>${esc(flavourLabel)}</strong> <small>(samlfed idp: a partner IdP simulator, not the product)</small></header>${body}</body></html>`;
}

export interface LoginPageInput {
  readonly flavourLabel: string;
  readonly requestKey: string;
  readonly spEntityId: string;
  readonly acsUrl: string;
  readonly users: readonly IdpUser[];
  readonly nonce: string;
}

/** The sign-in form: user name and the group values to send (one per line), pre-filled for users from --users. */
export function loginPage(i: LoginPageInput): string {
  const known = Object.fromEntries(i.users.map((u) => [u.name.toLowerCase(), u.groups]));
  // JSON inside <script>: escape <, >, & and the line separators so no value can close the element.
  const data = JSON.stringify(known).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const options = i.users.map((u) => `<option value="${esc(u.name)}"></option>`).join('');
  const body =
    `<h1>Sign in</h1><p>Signing in to <code id="sp-entity-id">${esc(i.spEntityId)}</code><br><small>The response goes to <code id="acs-url">${esc(i.acsUrl)}</code></small></p>` +
    `<form id="login-form" method="post" action="/_idp/login"><input type="hidden" name="request" value="${esc(i.requestKey)}">` +
    `<label for="username">User name</label><input id="username" name="username" list="known-users" autocomplete="off" required>` +
    `<datalist id="known-users">${options}</datalist>` +
    `<label for="groups">Group values to send (one per line)</label><textarea id="groups" name="groups" rows="6"></textarea>` +
    `<p><button id="submit" type="submit">Sign in</button></p></form>` +
    `<script nonce="${i.nonce}">(function(){var known=${data};var u=document.getElementById('username');var g=document.getElementById('groups');var touched=false;` +
    `g.addEventListener('input',function(){touched=true;});u.addEventListener('input',function(){var k=known[u.value.trim().toLowerCase()];if(k&&!touched){g.value=k.join('\\n');}});})();</script>`;
  return shell('Sign in', i.nonce, body, i.flavourLabel);
}

/** The auto-submitting form that POSTs the Response to the ACS (HTTP-POST binding). */
export function postFormPage(acsUrl: string, samlResponse: string, relayState: string | undefined, nonce: string, flavourLabel: string): string {
  const relay = relayState === undefined ? '' : `<input type="hidden" name="RelayState" value="${esc(relayState)}">`;
  const body =
    `<form id="saml-post-form" method="post" action="${esc(acsUrl)}"><input type="hidden" name="SAMLResponse" value="${esc(samlResponse)}">${relay}` +
    `<noscript><p>JavaScript is off: press Continue.</p></noscript><button id="continue" type="submit">Continue</button></form>` +
    `<script nonce="${nonce}">document.getElementById('saml-post-form').submit();</script>`;
  return shell('Signing in…', nonce, body, flavourLabel);
}

/** A refused request: the stable error code and the message, both escaped. */
export function errorPage(code: string, message: string, nonce: string, flavourLabel: string): string {
  const body = `<h1>Request refused</h1><p><code id="error-code">${esc(code)}</code></p><p id="error-message">${esc(message)}</p>`;
  return shell('Request refused', nonce, body, flavourLabel);
}

/** GET /: what this simulator is and where its metadata lives. */
export function homePage(entityId: string, metadataUrl: string, ssoUrl: string, nonce: string, flavourLabel: string): string {
  const body = `<h1>Partner IdP simulator</h1><dl><dt>entityID</dt><dd><code id="entity-id">${esc(entityId)}</code></dd><dt>Metadata</dt><dd><a id="metadata-url" href="${esc(metadataUrl)}">${esc(metadataUrl)}</a></dd><dt>SSO</dt><dd><code id="sso-url">${esc(ssoUrl)}</code></dd></dl>`;
  return shell('Partner IdP simulator', nonce, body, flavourLabel);
}
