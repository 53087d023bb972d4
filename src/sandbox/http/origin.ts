import type { IncomingMessage } from 'node:http';

/** Host names a loopback-only server is reached by (any port: a tunnel may change it). */
const LOOPBACK_HOST = /^(?:127\.0\.0\.1|localhost|\[::1\])(?::\d{1,5})?$/i;

/**
 * DNS-rebinding guard: the sandbox listens on 127.0.0.1 only, so a browser reaching it under any
 * other host name (an attacker's domain re-pointed at 127.0.0.1) is refused before routing. A
 * missing Host (HTTP/1.0) is accepted: browsers always send one.
 */
export function hostAllowed(req: IncomingMessage): boolean {
  const host = req.headers.host;
  return host === undefined || LOOPBACK_HOST.test(host.trim());
}

/**
 * CSRF guard of the admin prefix (`/_sandbox/*`, no auth by design): a request a browser sends from
 * a page of another origin is refused, whatever its method and content type (a form or `text/plain`
 * POST needs no CORS preflight). Detected by `Origin` (not this server's origin) or
 * `Sec-Fetch-Site` (anything but `same-origin` or `none`). Clients that are not browsers send neither.
 */
export function adminRequestAllowed(req: IncomingMessage, selfUrl: string): boolean {
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') return false;
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  const self = new URL(selfUrl);
  try {
    const o = new URL(origin);
    return o.protocol === 'http:' && o.port === self.port && LOOPBACK_HOST.test(o.host);
  } catch {
    return false;
  }
}
