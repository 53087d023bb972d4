import type { TenantClient } from '../client-types.js';
import { TenantError } from '../errors.js';
import { backoffDelay, type RetryPolicy } from '../http/backoff.js';
import { readCappedBody } from '../http/body.js';
import { CookieJar } from '../http/cookies.js';
import type { Transport } from '../http/transport.js';
import { Shape } from '../read/shape.js';
import { getManagementLink } from './get-management-link.js';

const ENDPOINT = '/manage';

/** What opening a customer session needs from the MSP client (src/tenant/client.ts passes it). */
export interface CustomerSessionDeps {
  readonly fetch: typeof globalThis.fetch;
  readonly timeoutMs: number;
  readonly maxBodyBytes: number;
  readonly retry: RetryPolicy;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: () => number;
  /** A client for `url` that authenticates with `token` (a ready token: it cannot re-authenticate). */
  readonly make: (url: string, token: string) => TenantClient;
}

type Attempt = { kind: 'session'; token: string } | { kind: 'retry'; error: TenantError };

/**
 * Where the link may send the one-time pass: an https origin, or the MSP client's own origin (the
 * sandbox on http://127.0.0.1). Anything else is `ERR_TENANT_RESPONSE_INVALID`: the pass is a
 * credential and never goes to a host the caller did not choose or that is not TLS.
 */
function linkTarget(link: string, baseUrl: string): { base: string; pass: string } {
  const s = new Shape('/msp/getmanagementlink');
  const u = new URL(link); // getManagementLink checked it parses
  const pass = u.searchParams.get('OneTimePass');
  if (!pass) return s.fail('Result', 'a /manage URL with a OneTimePass parameter', '(no OneTimePass)');
  if (u.protocol !== 'https:' && u.origin !== new URL(baseUrl).origin) return s.fail('Result', `an https URL or one on ${new URL(baseUrl).origin}`, `${u.protocol}//${u.host}`);
  if (u.username || u.password) return s.fail('Result', 'a URL without credentials', '(user info)');
  const prefix = u.pathname.replace(/\/manage\/?$/i, '');
  if (prefix === u.pathname) return s.fail('Result', 'a URL whose path ends in /manage', u.pathname);
  return { base: `${u.origin}${prefix}`, pass };
}

/** One `GET /manage?OneTimePass=...&msp=true`: the session token, or an error worth a new link. */
async function useLink(deps: CustomerSessionDeps, base: string, pass: string): Promise<Attempt> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, deps.timeoutMs);
  try {
    let res: Response;
    try {
      res = await deps.fetch(`${base}${ENDPOINT}?OneTimePass=${encodeURIComponent(pass)}&msp=true`, { method: 'GET', headers: { Accept: 'text/html' }, redirect: 'manual', signal: controller.signal });
    } catch (e) {
      // The cause may carry the URL: it is not kept.
      return { kind: 'retry', error: new TenantError(timedOut ? 'ERR_TENANT_TIMEOUT' : 'ERR_TENANT_NETWORK', `${ENDPOINT}: ${timedOut ? `no answer within ${deps.timeoutMs} ms` : 'the connection failed'}`, { kind: timedOut ? 'timeout' : 'network', endpoint: ENDPOINT }) };
    }
    const jar = new CookieJar();
    jar.collect(res);
    try {
      await readCappedBody(res, deps.maxBodyBytes, ENDPOINT);
    } catch (e) {
      if (e instanceof TenantError) throw e;
      return { kind: 'retry', error: new TenantError(timedOut ? 'ERR_TENANT_TIMEOUT' : 'ERR_TENANT_NETWORK', `${ENDPOINT}: the answer was cut off`, { kind: timedOut ? 'timeout' : 'network', endpoint: ENDPOINT }) };
    }
    if (res.status === 429 || res.status >= 500) return { kind: 'retry', error: new TenantError('ERR_TENANT_HTTP', `${ENDPOINT}: HTTP ${res.status}`, { kind: 'http', endpoint: ENDPOINT, httpStatus: res.status }) };
    const token = jar.get('.ASPXAUTH');
    if (res.status !== 200 || !token) {
      throw new TenantError('ERR_TENANT_AUTH_FAILED', `${ENDPOINT}: the management link did not open a session (HTTP ${res.status}${res.status === 200 ? ', no .ASPXAUTH cookie' : ''}): the one-time pass was refused, used or expired, or the customer tenant is disabled`, { kind: 'auth', endpoint: ENDPOINT, httpStatus: res.status });
    }
    return { kind: 'session', token };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Open a session in a customer tenant from the MSP tenant's client (msp-create-customer.txt
 * "Logging in to the Tenant"): `msp/getmanagementlink {tenantId}`, then `GET <link>&msp=true`; the
 * `.ASPXAUTH` cookie it sets is the bearer token of a new client bound to the customer tenant
 * (tenant-api.md §2.3), at the link's origin. The one-time pass is single use: a `/manage` that
 * fails in transit (network, timeout, 429, 5xx) is never repeated; a NEW link is fetched and used
 * instead, up to the retry policy's attempts. The pass and the token appear in no error or log.
 * @throws {TenantError} `ERR_TENANT_AUTH_FAILED` (the link was refused), `ERR_TENANT_RESPONSE_INVALID`
 *   (a link without a pass, or to another origin over http), the errors of `getManagementLink`, and
 *   the last transport error when every attempt failed in transit.
 */
export async function openCustomerSession(t: Transport, deps: CustomerSessionDeps, tenantId: string): Promise<TenantClient> {
  if (typeof tenantId !== 'string' || tenantId === '') throw new TypeError('openCustomerSession: tenantId must be a non-empty string');
  let last: TenantError | undefined;
  for (let attempt = 1; attempt <= deps.retry.attempts; attempt++) {
    if (last) await deps.sleep(backoffDelay(attempt - 1, deps.retry, deps.random));
    const { base, pass } = linkTarget(await getManagementLink(t, tenantId), t.baseUrl);
    const r = await useLink(deps, base, pass);
    if (r.kind === 'session') return deps.make(base, r.token);
    last = r.error;
  }
  throw new TenantError(last!.code, `${last!.message} (after ${deps.retry.attempts} management links)`, { kind: last!.kind, endpoint: ENDPOINT, attempts: deps.retry.attempts, ...(last!.httpStatus !== undefined ? { httpStatus: last!.httpStatus } : {}) });
}
