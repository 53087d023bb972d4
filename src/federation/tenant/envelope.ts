import { describeValue } from '../../errors.js';
import { PayloadError, type PayloadErrorCode } from '../errors.js';

/** The tenant's JSON response envelope: `{ success, Result, Message, MessageID, Exception, ErrorID, ErrorCode, IsSoftError, InnerExceptions }`. */
export interface TenantEnvelope<T> {
  readonly success: boolean;
  readonly Result: T;
  readonly Message?: string | null;
  readonly ErrorID?: string | null;
  readonly ErrorCode?: string | null;
}

const ENVELOPE_KEYS = ['success', 'Result', 'Message', 'MessageID', 'Exception', 'ErrorID', 'ErrorCode', 'IsSoftError', 'InnerExceptions'];

/**
 * Accept either a whole tenant envelope or just its `Result`, as text or parsed JSON, and return
 * the `Result` object. A `success: false` envelope throws `ERR_PAYLOAD_TENANT_ERROR` with the
 * tenant's Message; non-JSON or non-object input throws `code`.
 */
export function unwrapTenantResult(input: string | object, code: PayloadErrorCode, what: string): Record<string, unknown> {
  let data: unknown = input;
  if (typeof input === 'string') {
    try {
      data = JSON.parse(input.replace(/^\uFEFF/, ''));
    } catch (e) {
      throw new PayloadError(code, `${what}: not JSON (${e instanceof Error ? e.message : String(e)})`, { cause: e });
    }
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new PayloadError(code, `${what}: expected a JSON object, found ${describeValue(Array.isArray(data) ? 'array' : data)}`, { expected: 'object', actual: data });
  }
  const obj = data as Record<string, unknown>;
  const isEnvelope = 'success' in obj && 'Result' in obj && Object.keys(obj).every((k) => ENVELOPE_KEYS.includes(k));
  if (!isEnvelope) return obj;
  if (obj.success !== true) {
    const msg = typeof obj.Message === 'string' && obj.Message ? obj.Message : '(no message)';
    throw new PayloadError('ERR_PAYLOAD_TENANT_ERROR', `${what}: the tenant reported failure: ${msg}`, { expected: 'success: true', actual: { success: obj.success, Message: obj.Message ?? null, ErrorCode: obj.ErrorCode ?? null } });
  }
  const result = obj.Result;
  if (typeof result !== 'object' || result === null || Array.isArray(result)) {
    throw new PayloadError(code, `${what}: envelope Result must be an object, found ${describeValue(result)}`, { expected: 'object', actual: result });
  }
  return result as Record<string, unknown>;
}
