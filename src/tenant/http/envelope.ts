import { describeValue } from '../../errors.js';
import { TenantError } from '../errors.js';

/** The envelope fields the client reads (tenant-api.md §1.3). */
export interface EnvelopeInfo {
  readonly success: boolean;
  readonly Result: unknown;
  readonly Message: string | null;
  readonly MessageID: string | null;
  readonly ErrorID: string | null;
  readonly ErrorCode: string | null;
  readonly IsSoftError: boolean;
}

const strOrNull = (v: unknown): string | null => (typeof v === 'string' ? (v.length > 500 ? `${v.slice(0, 500)}…` : v) : typeof v === 'number' ? String(v) : null);

/** Read the envelope of a parsed body; a body that is not one is `ERR_TENANT_RESPONSE_INVALID`. */
export function readEnvelope(data: unknown, endpoint: string, httpStatus: number): EnvelopeInfo {
  if (typeof data !== 'object' || data === null || Array.isArray(data) || typeof (data as { success?: unknown }).success !== 'boolean') {
    throw new TenantError('ERR_TENANT_RESPONSE_INVALID', `${endpoint}: expected the tenant envelope {success, Result, Message, ...}, found ${describeValue(data)}`, { kind: 'response', endpoint, httpStatus, expected: 'envelope' });
  }
  const d = data as Record<string, unknown>;
  return {
    success: d.success as boolean,
    Result: d.Result === undefined ? null : d.Result,
    Message: strOrNull(d.Message),
    MessageID: strOrNull(d.MessageID),
    ErrorID: strOrNull(d.ErrorID),
    ErrorCode: strOrNull(d.ErrorCode),
    IsSoftError: d.IsSoftError === true,
  };
}

/** The typed error for a `success:false` envelope (§1.3: application failures arrive with HTTP 200). */
export function envelopeError(env: EnvelopeInfo, endpoint: string, httpStatus: number): TenantError {
  return new TenantError('ERR_TENANT_API', `${endpoint}: the tenant refused the call: ${env.Message ?? '(no message)'}${env.ErrorCode ? ` (ErrorCode ${env.ErrorCode})` : ''}${env.ErrorID ? ` [ErrorID ${env.ErrorID}]` : ''}`, {
    kind: 'envelope', endpoint, httpStatus, tenantMessage: env.Message, messageId: env.MessageID, errorId: env.ErrorID, errorCode: env.ErrorCode, isSoftError: env.IsSoftError,
  });
}
