import { esc, html, type Reply } from '../http/reply.js';

/**
 * The sandbox's few browser pages (issue 12). Element ids are stable for browser tests:
 * login `#login-form #username #next`; error `#error-code #error-message`; MFA `#mfa-form
 * #mfa-code #mfa-submit`; landing `#user #federation #groups li #roles li`.
 */
function page(title: string, body: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)} - samlfed sandbox</title></head><body>` +
    `<p id="sandbox-notice"><small>samlfed sandbox: a tenant emulator built from public documentation, not the product.</small></p>` +
    `<h1>${esc(title)}</h1>${body}</body></html>`;
}

/** GET /login: the user name field and Next (home-realm discovery). */
export function loginPage(): Reply {
  return html(200, page('Sign in', `<form id="login-form" method="post" action="/login"><label for="username">User name</label> <input id="username" name="username" type="text" autocomplete="username" autofocus> <button id="next" type="submit">Next</button></form>`));
}

/** An error page with the code and message (status 403 for refused logins, 400 for bad input). */
export function errorPage(status: number, code: string, message: string): Reply {
  return html(status, page('Sign-in failed', `<p>Code: <code id="error-code">${esc(code)}</code></p><p id="error-message">${esc(message)}</p><p><a id="retry" href="/login">Try again</a></p>`));
}

/** The partner-MFA page (the code was "sent": see /_sandbox/codes). */
export function mfaPage(sessionId: string, user: string): Reply {
  return html(200, page('Additional authentication', `<p>A code was sent to <span id="mfa-user">${esc(user)}</span>.</p><form id="mfa-form" method="post" action="/My/Mfa"><input type="hidden" name="SessionId" value="${esc(sessionId)}"><label for="mfa-code">Code</label> <input id="mfa-code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code"> <button id="mfa-submit" type="submit">Verify</button></form>`));
}

/** GET /My with a session: who the user is, her host groups and roles. */
export function landingPage(v: { user: string; federation: string; groups: readonly string[]; roles: readonly string[]; kind: string }): Reply {
  const list = (id: string, items: readonly string[]) => `<ul id="${id}">${items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>`;
  return html(200, page('Signed in', `<p>User: <span id="user">${esc(v.user)}</span></p><p>Federation: <span id="federation">${esc(v.federation)}</span></p><p>Session: <span id="session-kind">${esc(v.kind)}</span></p><h2>Host groups</h2>${list('groups', v.groups)}<h2>Roles</h2>${list('roles', v.roles)}`));
}
