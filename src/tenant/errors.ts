import { SamlfedError, type ErrorContext } from '../errors.js';

/**
 * Codes for the tenant client (`samlfed/tenant`). Documented in docs/errors/tenant.md.
 * The tenant's own identifiers (Message, MessageID, ErrorID, ErrorCode) travel on the error's
 * fields; secrets (passwords, client secrets, tokens, cookies) never do.
 */
export type TenantErrorCode =
  /** The tenant answered `success:false` (HTTP 200) for a call. */
  | 'ERR_TENANT_API'
  /** An unexpected HTTP status (500, 404, ...) that is not retried or retries ran out. */
  | 'ERR_TENANT_HTTP'
  /** HTML (a portal or error page) where JSON was expected: wrong URL, or a proxy page. */
  | 'ERR_TENANT_HTML'
  /** HTTP 401 after one re-authentication. */
  | 'ERR_TENANT_UNAUTHORIZED'
  /** Login refused: OAuth2 400 `{error, error_description}`, `Summary:"Failure"`, no usable token. */
  | 'ERR_TENANT_AUTH_FAILED'
  /** The tenant asked for a second factor and no answer callback was given, or it asked for one we cannot answer (OOB push, QR). */
  | 'ERR_TENANT_MFA_UNSUPPORTED'
  /** Connection refused, reset or dropped (a read, after its retries). */
  | 'ERR_TENANT_NETWORK'
  /** No answer within the timeout (a read, after its retries). */
  | 'ERR_TENANT_TIMEOUT'
  /** HTTP 429 or 503 still returned after the retries. */
  | 'ERR_TENANT_RATE_LIMITED'
  /** A write failed in transit (timeout, dropped connection, 5xx): it may or may not have been applied. Re-read state before trying again. */
  | 'ERR_TENANT_OUTCOME_UNKNOWN'
  /** The body is not JSON, or the Result has the wrong shape (types, forbidden keys such as `__proto__`). */
  | 'ERR_TENANT_RESPONSE_INVALID'
  /** The body is larger than the cap, or nested deeper than the limit. */
  | 'ERR_TENANT_RESPONSE_TOO_LARGE'
  /** A secret file or the connection settings are unusable (permissions, syntax, nothing set). */
  | 'ERR_TENANT_CONFIG';

/** What went wrong at which layer (tenant-api.md §7 "Client typing"). */
export type TenantErrorKind = 'envelope' | 'http' | 'oauth' | 'html' | 'network' | 'timeout' | 'response' | 'config' | 'auth';

export interface TenantErrorContext extends ErrorContext {
  readonly kind: TenantErrorKind;
  /** Path of the call, e.g. `/Federation/GetFederations` (never a query string with secrets: the client sends none). */
  readonly endpoint?: string;
  readonly httpStatus?: number;
  /** The tenant's `Message` (cut at 500 characters). */
  readonly tenantMessage?: string | null;
  readonly messageId?: string | null;
  readonly errorId?: string | null;
  readonly errorCode?: string | null;
  readonly isSoftError?: boolean;
  /** For `ERR_TENANT_OUTCOME_UNKNOWN`: true when the request was a write. */
  readonly write?: boolean;
  /** How many attempts were made. */
  readonly attempts?: number;
}

/**
 * A call to the tenant failed. `toJSON` carries the tenant's identifiers and never a request body,
 * header, token or password.
 */
export class TenantError extends SamlfedError<TenantErrorCode> {
  readonly kind: TenantErrorKind;
  readonly endpoint?: string;
  readonly httpStatus?: number;
  readonly tenantMessage?: string | null;
  readonly messageId?: string | null;
  readonly errorId?: string | null;
  readonly errorCode?: string | null;
  readonly isSoftError?: boolean;
  readonly attempts?: number;

  constructor(code: TenantErrorCode, message: string, context: TenantErrorContext) {
    super(code, message, context);
    this.kind = context.kind;
    if (context.endpoint !== undefined) this.endpoint = context.endpoint;
    if (context.httpStatus !== undefined) this.httpStatus = context.httpStatus;
    if (context.tenantMessage !== undefined) this.tenantMessage = context.tenantMessage;
    if (context.messageId !== undefined) this.messageId = context.messageId;
    if (context.errorId !== undefined) this.errorId = context.errorId;
    if (context.errorCode !== undefined) this.errorCode = context.errorCode;
    if (context.isSoftError !== undefined) this.isSoftError = context.isSoftError;
    if (context.attempts !== undefined) this.attempts = context.attempts;
  }

  /** JSON form for `--format json`: code, message, kind, endpoint, HTTP status and the tenant's identifiers. */
  override toJSON(): ReturnType<SamlfedError<TenantErrorCode>['toJSON']> & Record<string, unknown> {
    const out: Record<string, unknown> = { ...super.toJSON(), kind: this.kind };
    for (const k of ['endpoint', 'httpStatus', 'tenantMessage', 'messageId', 'errorId', 'errorCode', 'isSoftError', 'attempts'] as const) {
      if (this[k] !== undefined) out[k] = this[k];
    }
    return out as ReturnType<SamlfedError<TenantErrorCode>['toJSON']> & Record<string, unknown>;
  }
}

/** True when `e` is a `TenantError` with `code` (or any code when omitted). */
export function isTenantError(e: unknown, code?: TenantErrorCode): e is TenantError {
  return e instanceof TenantError && (code === undefined || e.code === code);
}
