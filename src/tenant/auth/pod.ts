import { TenantError } from '../errors.js';
import type { Transport } from '../http/transport.js';

/** A host name or IP with an optional port: what `PodFqdn` may hold (no scheme, path or credentials). */
const HOST_PORT = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;
const LOOPBACK = /^(?:127\.0\.0\.1|localhost|\[::1\])(?::\d+)?$/i;

/**
 * Switch the base URL to `PodFqdn` for every later call (tenant-api.md §2.6 [D S4]). The client
 * prefixes `https://`; it keeps `http://` only when both the current and the new host are loopback
 * (the local sandbox). A value that is not a bare host[:port] is refused (`ERR_TENANT_RESPONSE_INVALID`)
 * so a hostile answer cannot redirect the password to a path or another scheme.
 */
export function switchToPod(t: Transport, podFqdn: string): void {
  const v = podFqdn.trim().replace(/^https:\/\//i, '').replace(/\/$/, '');
  if (!HOST_PORT.test(v)) {
    throw new TenantError('ERR_TENANT_RESPONSE_INVALID', `/Security/StartAuthentication: expected PodFqdn to be a host name, found ${JSON.stringify(podFqdn.slice(0, 100))}`, { kind: 'response', endpoint: '/Security/StartAuthentication', expected: 'host[:port]' });
  }
  const current = new URL(t.baseUrl);
  const scheme = current.protocol === 'http:' && LOOPBACK.test(current.host) && LOOPBACK.test(v) ? 'http' : 'https';
  t.baseUrl = `${scheme}://${v}`;
}
