import { TenantError } from '../errors.js';
import { backoffDelay, type RetryPolicy } from './backoff.js';
import { readCappedBody } from './body.js';
import type { CookieJar } from './cookies.js';
import { envelopeError, readEnvelope, type EnvelopeInfo } from './envelope.js';
import { parseTenantJson } from './json.js';
import { parseRetryAfter } from './retry-after.js';

/** What authenticates a call and how to renew it (src/tenant/auth/session.ts). */
export interface AuthProvider {
  /** `Authorization` header value, logging in first when needed. */
  authorization(): Promise<string>;
  /** Log in again after a 401; false when this kind of auth cannot (a ready token). */
  reauthenticate(): Promise<boolean>;
}

/** One call. `endpoint` is the path (`/Federation/GetGroups`), never holding secrets. */
export interface CallSpec {
  readonly endpoint: string;
  /** Query string without `?` (e.g. `FederationType=SAML%202.0`). */
  readonly query?: string;
  /** Reads are retried; writes never repeated after they may have reached the tenant. */
  readonly kind: 'read' | 'write';
  /** JSON body (default `{}`). */
  readonly json?: unknown;
  /** A ready body (multipart, form-urlencoded) with its content type; sent as is. */
  readonly raw?: { readonly body: Uint8Array | string; readonly contentType: string };
  /** Send the Authorization header (default true). */
  readonly auth?: boolean;
  readonly headers?: Readonly<Record<string, string>>;
  /** Cookie jar of a login conversation: its cookies are sent and the response's collected. */
  readonly jar?: CookieJar;
  /** Non-2xx statuses whose JSON body the caller reads itself (OAuth2's 400). */
  readonly acceptStatus?: readonly number[];
}

export interface TransportOptions {
  readonly baseUrl: string;
  readonly fetch: typeof globalThis.fetch;
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: () => number;
  readonly timeoutMs: number;
  readonly maxBodyBytes: number;
  readonly retry: RetryPolicy;
}

/** Native-client headers, both spellings (tenant-api.md §1.2 [D S19, S4]; sending both is our choice [I]). */
export const NATIVE_CLIENT_HEADERS = Object.freeze({ 'X-CENTRIFY-NATIVE-CLIENT': 'true', 'X-IDAP-NATIVE-CLIENT': 'true' });

type Failure = { kind: 'network' | 'timeout'; cause: unknown; sent: boolean };

function isRefused(e: unknown): boolean {
  const c = (e as { cause?: { code?: unknown } } | undefined)?.cause?.code;
  return c === 'ECONNREFUSED';
}

/**
 * The transport core: timeouts (one AbortController per attempt covering headers and body),
 * native-client headers, size-capped JSON, HTML detection, 401 → one re-authentication, and the
 * retry rule (tenant-api.md §8, our choice [I], docs/tenant.md "Retries"):
 * - reads: retried on network errors, timeouts, 429, 500, 502, 503, 504, with exponential backoff
 *   and jitter, or the server's `Retry-After`;
 * - writes: retried only when the tenant cannot have applied them: a refused connection, 429, and 503
 *   carrying `Retry-After`; any other failure after the request may have been sent is
 *   `ERR_TENANT_OUTCOME_UNKNOWN` and is never repeated.
 */
export class Transport {
  baseUrl: string;
  auth: AuthProvider | undefined;

  constructor(private readonly opts: TransportOptions) {
    this.baseUrl = opts.baseUrl;
  }

  /** Send, retrying per the rule above; returns the parsed JSON body and the HTTP status. */
  async exchange(spec: CallSpec): Promise<{ status: number; data: unknown; res: Response }> {
    const { endpoint } = spec;
    const write = spec.kind === 'write';
    let reauthed = false;
    let attempt = 0;
    for (;;) {
      attempt++;
      const retriesLeft = attempt < this.opts.retry.attempts;
      const retry = async (retryAfterMs?: number): Promise<void> => this.opts.sleep(backoffDelay(attempt, this.opts.retry, this.opts.random, retryAfterMs));
      let outcome: { res: Response; text: string } | Failure;
      try {
        outcome = await this.once(spec);
      } catch (e) {
        if (typeof e !== 'object' || e === null || !('sent' in e)) throw e; // TenantError, or a caller's bug
        outcome = e as Failure;
      }
      if ('kind' in outcome) {
        const safe = !write || (!outcome.sent && isRefused(outcome.cause));
        if (safe && retriesLeft) {
          await retry();
          continue;
        }
        if (!safe) throw unknownOutcome(endpoint, `${outcome.kind === 'timeout' ? `no answer within ${this.opts.timeoutMs} ms` : 'the connection failed'}`, attempt, outcome.cause);
        throw new TenantError(outcome.kind === 'timeout' ? 'ERR_TENANT_TIMEOUT' : 'ERR_TENANT_NETWORK', `${endpoint}: ${outcome.kind === 'timeout' ? `no answer within ${this.opts.timeoutMs} ms` : `the connection failed (${causeCode(outcome.cause)})`} after ${attempt} attempt(s)`, { kind: outcome.kind, endpoint, attempts: attempt, cause: outcome.cause });
      }
      const { res, text } = outcome;
      const status = res.status;
      if (status === 401 && spec.auth !== false) {
        if (!reauthed && this.auth && (await this.auth.reauthenticate())) {
          reauthed = true;
          attempt--; // re-authentication does not use up a retry
          continue;
        }
        throw new TenantError('ERR_TENANT_UNAUTHORIZED', `${endpoint}: HTTP 401: not authorized${reauthed ? ' after re-authenticating' : ''} (expired or invalid token, missing rights, or missing native-client header)`, { kind: 'http', endpoint, httpStatus: 401, attempts: attempt });
      }
      if (status === 429 || status >= 500) {
        const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), this.opts.now());
        const retryable = !write || status === 429 || (status === 503 && retryAfterMs !== undefined);
        if (retryable && retriesLeft) {
          await retry(retryAfterMs);
          continue;
        }
        if (!retryable) throw unknownOutcome(endpoint, `HTTP ${status}`, attempt, undefined, status);
        if (status === 429 || status === 503) throw new TenantError('ERR_TENANT_RATE_LIMITED', `${endpoint}: HTTP ${status} after ${attempt} attempt(s)${write ? ' (the tenant refused the write; it was not applied)' : ''}`, { kind: 'http', endpoint, httpStatus: status, attempts: attempt });
        throw new TenantError('ERR_TENANT_HTTP', `${endpoint}: HTTP ${status} after ${attempt} attempt(s)`, { kind: 'http', endpoint, httpStatus: status, attempts: attempt });
      }
      const accepted = (status >= 200 && status < 300) || (spec.acceptStatus?.includes(status) ?? false);
      const contentType = res.headers.get('content-type') ?? '';
      if (/text\/html/i.test(contentType) || /^\s*</.test(text)) {
        throw new TenantError('ERR_TENANT_HTML', `${endpoint}: expected JSON, found an HTML page (HTTP ${status}); check the tenant URL`, { kind: 'html', endpoint, httpStatus: status, attempts: attempt });
      }
      if (!accepted) throw new TenantError('ERR_TENANT_HTTP', `${endpoint}: unexpected HTTP ${status}${status >= 300 && status < 400 ? ' (a redirect: check the tenant URL)' : ''}`, { kind: 'http', endpoint, httpStatus: status, attempts: attempt });
      return { status, data: parseTenantJson(text, endpoint, status), res };
    }
  }

  /** `exchange` + the envelope: `success:false` is `ERR_TENANT_API`; returns the envelope. */
  async call(spec: CallSpec): Promise<EnvelopeInfo> {
    const { status, data } = await this.exchange(spec);
    const env = readEnvelope(data, spec.endpoint, status);
    if (!env.success) throw envelopeError(env, spec.endpoint, status);
    return env;
  }

  /** One attempt. Resolves with the response and its (capped) text; rejects with a `Failure` or a `TenantError`. */
  private async once(spec: CallSpec): Promise<{ res: Response; text: string }> {
    const headers: Record<string, string> = { Accept: 'application/json', ...NATIVE_CLIENT_HEADERS, ...spec.headers };
    let body: Uint8Array | string;
    if (spec.raw) {
      body = spec.raw.body;
      headers['Content-Type'] = spec.raw.contentType;
    } else {
      body = JSON.stringify(spec.json ?? {});
      headers['Content-Type'] = 'application/json';
    }
    if (spec.auth !== false && this.auth) headers.Authorization = await this.auth.authorization();
    const cookie = spec.jar?.header();
    if (cookie) headers.Cookie = cookie;
    const url = `${this.baseUrl}${spec.endpoint}${spec.query ? `?${spec.query}` : ''}`;
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.opts.timeoutMs);
    let sent = false;
    try {
      let res: Response;
      try {
        res = await this.opts.fetch(url, { method: 'POST', headers, body, redirect: 'manual', signal: controller.signal });
      } catch (e) {
        throw { kind: timedOut ? 'timeout' : 'network', cause: e, sent } satisfies Failure;
      }
      sent = true;
      spec.jar?.collect(res);
      try {
        const text = await readCappedBody(res, this.opts.maxBodyBytes, spec.endpoint);
        return { res, text };
      } catch (e) {
        if (e instanceof TenantError) throw e;
        throw { kind: timedOut ? 'timeout' : 'network', cause: e, sent } satisfies Failure;
      }
    } finally {
      clearTimeout(timer);
    }
  }
}

function causeCode(e: unknown): string {
  const c = (e as { cause?: { code?: unknown } } | undefined)?.cause?.code;
  return typeof c === 'string' ? c : e instanceof Error ? e.name : 'unknown error';
}

function unknownOutcome(endpoint: string, what: string, attempts: number, cause?: unknown, httpStatus?: number): TenantError {
  return new TenantError('ERR_TENANT_OUTCOME_UNKNOWN', `${endpoint}: the write may or may not have been applied (${what}); re-read the tenant's state before trying again`, {
    kind: httpStatus === undefined ? 'network' : 'http', endpoint, attempts, write: true, ...(httpStatus === undefined ? {} : { httpStatus }), ...(cause === undefined ? {} : { cause }),
  });
}
