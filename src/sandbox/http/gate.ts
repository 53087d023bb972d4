import type { IncomingMessage } from 'node:http';
import type { Runtime, Session } from '../runtime.js';

/** Parse a Cookie header into name -> value (first occurrence wins). */
export function cookiesOf(req: IncomingMessage): Map<string, string> {
  const out = new Map<string, string>();
  const h = req.headers.cookie;
  if (!h) return out;
  for (const piece of h.split(';')) {
    const eq = piece.indexOf('=');
    if (eq < 0) continue;
    const name = piece.slice(0, eq).trim();
    if (!out.has(name)) out.set(name, piece.slice(eq + 1).trim());
  }
  return out;
}

/**
 * The native-client header (tenant-api.md §1.2): `X-CENTRIFY-NATIVE-CLIENT` or
 * `X-IDAP-NATIVE-CLIENT` with any non-empty value.
 */
export function hasNativeHeader(req: IncomingMessage): boolean {
  for (const name of ['x-centrify-native-client', 'x-idap-native-client']) {
    const v = req.headers[name];
    if (typeof v === 'string' && v.trim() !== '') return true;
  }
  return false;
}

/** The token a request carries: `Authorization: Bearer`, else the `.ASPXAUTH` cookie (tenant-api.md §2.3). */
export function tokenOf(req: IncomingMessage): string | undefined {
  const auth = req.headers.authorization;
  if (typeof auth === 'string') {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    if (m) return m[1];
  }
  return cookiesOf(req).get('.ASPXAUTH') || undefined;
}

/** The live session for the request's token; expired sessions are dropped. */
export function sessionOf(rt: Runtime, req: IncomingMessage): Session | undefined {
  const token = tokenOf(req);
  if (!token) return undefined;
  const s = rt.sessions.get(token);
  if (!s) return undefined;
  if (s.expiresAt <= rt.now().getTime()) {
    rt.sessions.delete(token);
    return undefined;
  }
  return s;
}
