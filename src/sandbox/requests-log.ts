/** One entry of `GET /_sandbox/requests` (secrets redacted). */
export interface RequestLogEntry {
  readonly seq: number;
  readonly time: string;
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly status: number;
  readonly headers: Record<string, string>;
  /** Redacted summary of the body: parsed JSON, form fields or multipart part list. */
  readonly body?: unknown;
  /** Fault that fired, if any. */
  readonly fault?: string;
  /** Tenant-style failure message, when the answer was `success:false` or a refused SAML Response. */
  readonly message?: string;
  /** Stable code of a refusal (ERR_SANDBOX_*, ERR_RESPONSE_*, ...). */
  readonly code?: string;
}

export const REDACTED = '[redacted]';

/** Keys whose values never reach the log (compared case-insensitively, substring match). */
const SECRET_KEY = /pass|secret|token|answer|auth|cookie|samlresponse|samlrequest|code|otp|key/i;
/** True for a body key or query parameter whose value never reaches the log. */
export function isSecretKey(name: string): boolean {
  return SECRET_KEY.test(name);
}

/** Headers kept in the log; Authorization and Cookie are present as REDACTED only. */
const HEADERS = ['content-type', 'content-length', 'x-centrify-native-client', 'x-idap-native-client', 'x-cfy-src', 'user-agent'];

/** Size budget of one entry's body summary: a value costs 1, a string 1 more per 50 characters kept. */
export const LOG_BODY_BUDGET = 1000;

/**
 * Copy a parsed JSON value with every secret-looking key's value replaced. Bounded: depth 8, 50 array
 * items, 100 keys, 500 characters per string, and `LOG_BODY_BUDGET` for the whole copy (the log keeps
 * 1000 entries, and StartAuthentication's 1 MiB body needs no credentials: without a total bound a
 * flood of many-small-values bodies would hold gigabytes).
 */
export function redact(value: unknown, depth = 0, budget = { left: LOG_BODY_BUDGET }): unknown {
  if (depth > 8 || budget.left <= 0) return '[…]';
  budget.left--;
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => redact(v, depth + 1, budget));
  if (value !== null && typeof value === 'object') {
    // Own properties only (a "__proto__" key is logged as a key, never becomes the copy's prototype).
    return Object.fromEntries(Object.entries(value).slice(0, 100).map(([k, v]) => [k, SECRET_KEY.test(k) ? REDACTED : redact(v, depth + 1, budget)]));
  }
  if (typeof value === 'string') {
    const kept = value.length > 500 ? `${value.slice(0, 500)}…(${value.length} chars)` : value;
    budget.left -= Math.floor(Math.min(value.length, 500) / 50);
    return kept;
  }
  return value;
}

/** Headers for the log: a fixed allow-list, plus Authorization/Cookie shown only as redacted. */
export function redactHeaders(h: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of HEADERS) {
    const v = h[name];
    if (v !== undefined) out[name] = Array.isArray(v) ? v.join(', ') : v;
  }
  if (h['authorization'] !== undefined) out['authorization'] = REDACTED;
  if (h['cookie'] !== undefined) out['cookie'] = REDACTED;
  return out;
}

/** A bounded ring of the last requests. */
export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private seq = 0;
  constructor(private readonly max = 1000) {}

  add(e: Omit<RequestLogEntry, 'seq'>): RequestLogEntry {
    const entry = { ...e, seq: ++this.seq };
    this.entries.push(entry);
    if (this.entries.length > this.max) this.entries.shift();
    return entry;
  }

  list(): readonly RequestLogEntry[] {
    return this.entries;
  }

  clear(): void {
    this.entries = [];
  }
}
