/** What a handler answers; the server writes it (or replaces it, for a partial-commit fault). */
export interface Reply {
  status: number;
  contentType: string;
  body: string | Buffer;
  headers?: Record<string, string | string[]>;
}

/** Extra envelope fields of a failure (tenant-api.md §1.3). */
export interface FailureFields {
  messageId?: string | null;
  errorCode?: string | null;
  errorId?: string | null;
  result?: unknown;
  isSoftError?: boolean;
  status?: number;
}

/** The sentence the tenant sends with every 401 (tenant-api.md §2.7, [D S5, S19]). */
export const UNAUTHORIZED_TEXT = 'You do not have access to this content. Please contact your system administrator for assistance.';

function envelope(success: boolean, result: unknown, message: string | null, f: FailureFields = {}): string {
  return JSON.stringify({
    success,
    Result: result === undefined ? null : result,
    Message: message,
    MessageID: f.messageId ?? null,
    Exception: null,
    ErrorID: f.errorId ?? null,
    ErrorCode: f.errorCode ?? null,
    IsSoftError: f.isSoftError ?? false,
    InnerExceptions: null,
  });
}

/** `{"success":true,"Result":...}` with HTTP 200. */
export function ok(result: unknown, headers?: Record<string, string | string[]>): Reply {
  const r: Reply = { status: 200, contentType: 'application/json; charset=utf-8', body: envelope(true, result, null) };
  if (headers) r.headers = headers;
  return r;
}

/** `{"success":false,"Message":...}`, HTTP 200 unless `f.status` says otherwise (tenant-api.md §7). */
export function fail(message: string, f: FailureFields = {}): Reply {
  return { status: f.status ?? 200, contentType: 'application/json; charset=utf-8', body: envelope(false, f.result ?? null, message, f) };
}

/** Plain JSON without the envelope (the OAuth2 token endpoint, admin endpoints). */
export function json(status: number, value: unknown, headers?: Record<string, string | string[]>): Reply {
  const r: Reply = { status, contentType: 'application/json; charset=utf-8', body: JSON.stringify(value) };
  if (headers) r.headers = headers;
  return r;
}

/** HTML page. */
export function html(status: number, body: string, headers?: Record<string, string | string[]>): Reply {
  const r: Reply = { status, contentType: 'text/html; charset=utf-8', body };
  if (headers) r.headers = headers;
  return r;
}

/** The tenant's 401: `text/html` with the documented sentence. */
export function unauthorized(): Reply {
  return html(401, UNAUTHORIZED_TEXT);
}

/** Escape text for HTML element content and attribute values (one implementation with the IdP simulator's). */
export { escapeMarkup as esc } from '../../xml/escape-markup.js';
