import { describeData, actualOf } from '../../federation/describe.js';
import { PayloadError, type PayloadErrorCode } from '../../federation/errors.js';

/** The tenant's JSON response envelope: `{ success, Result, Message, MessageID, Exception, ErrorID, ErrorCode, IsSoftError, InnerExceptions }`. */
export interface TenantEnvelope<T> {
  readonly success: boolean;
  readonly Result: T;
  readonly Message?: string | null;
  readonly ErrorID?: string | null;
  readonly ErrorCode?: string | null;
}

const ENVELOPE_KEYS = ['success', 'Result', 'Message', 'MessageID', 'Exception', 'ErrorID', 'ErrorCode', 'IsSoftError', 'InnerExceptions'];

/** Limits on the tenant JSON bodies samlfed reads (settings, global mappings): real ones are a few KiB. */
export const TENANT_JSON_LIMITS = Object.freeze({ maxBytes: 4 * 1024 * 1024, maxDepth: 64, maxNodes: 1_000_000 });

const tooLarge = (what: string, message: string, expected: string, actual: unknown): PayloadError =>
  new PayloadError('ERR_PAYLOAD_TOO_LARGE', `${what}: ${message}`, { expected, actual });

/** Deepest `[`/`{` nesting of JSON text, by a linear scan that skips strings (no parsing, no recursion). The one pre-scan of the tenant client and the sandbox (request bodies, state files). */
export function jsonTextDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) max = Math.max(max, ++depth);
    else if (c === 0x5d || c === 0x7d) depth--;
  }
  return max;
}

/** Refuse parsed data nested deeper than `maxDepth` or with more than `maxNodes` values (iterative; also ends on cyclic objects). */
function checkDataShape(data: unknown, what: string): void {
  const stack: [unknown, number][] = [[data, 1]];
  let nodes = 0;
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth > TENANT_JSON_LIMITS.maxDepth) throw tooLarge(what, `expected JSON nested at most ${TENANT_JSON_LIMITS.maxDepth} levels deep, found deeper`, `<= ${TENANT_JSON_LIMITS.maxDepth} levels`, `> ${TENANT_JSON_LIMITS.maxDepth} levels`);
    for (const child of Object.values(v)) {
      if (++nodes > TENANT_JSON_LIMITS.maxNodes) throw tooLarge(what, `expected at most ${TENANT_JSON_LIMITS.maxNodes} JSON values, found more`, `<= ${TENANT_JSON_LIMITS.maxNodes} values`, `> ${TENANT_JSON_LIMITS.maxNodes} values`);
      stack.push([child, depth + 1]);
    }
  }
}

/**
 * Parse tenant JSON text within `TENANT_JSON_LIMITS` (size first, then nesting by a linear
 * pre-scan, so hostile bodies never reach `JSON.parse` deep or huge): `ERR_PAYLOAD_TOO_LARGE`;
 * text that is not JSON throws `code`. Parsed input is checked for depth and size the same way.
 */
export function readTenantJson(input: string | object, code: PayloadErrorCode, what: string): unknown {
  if (typeof input !== 'string') {
    checkDataShape(input, what);
    return input;
  }
  const bytes = Buffer.byteLength(input, 'utf8');
  if (bytes > TENANT_JSON_LIMITS.maxBytes) throw tooLarge(what, `expected at most ${TENANT_JSON_LIMITS.maxBytes} bytes of JSON, found ${bytes}`, `<= ${TENANT_JSON_LIMITS.maxBytes} bytes`, bytes);
  const depth = jsonTextDepth(input);
  if (depth > TENANT_JSON_LIMITS.maxDepth) throw tooLarge(what, `expected JSON nested at most ${TENANT_JSON_LIMITS.maxDepth} levels deep, found ${depth}`, `<= ${TENANT_JSON_LIMITS.maxDepth} levels`, depth);
  let data: unknown;
  try {
    data = JSON.parse(input.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new PayloadError(code, `${what}: expected JSON, found text that is not (${e instanceof Error ? e.message : String(e)})`, { expected: 'JSON', cause: e });
  }
  checkDataShape(data, what);
  return data;
}

/**
 * Accept either a whole tenant envelope or just its `Result`, as text or parsed JSON, and return
 * the `Result` object. A `success: false` envelope throws `ERR_PAYLOAD_TENANT_ERROR` with the
 * tenant's Message; non-JSON or non-object input throws `code`; oversized or over-deep input
 * `ERR_PAYLOAD_TOO_LARGE` (`TENANT_JSON_LIMITS`).
 */
export function unwrapTenantResult(input: string | object, code: PayloadErrorCode, what: string): Record<string, unknown> {
  const data = readTenantJson(input, code, what);
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new PayloadError(code, `${what}: expected a JSON object, found ${describeData(data)}`, { expected: 'object', actual: actualOf(data) });
  }
  const obj = data as Record<string, unknown>;
  const isEnvelope = 'success' in obj && 'Result' in obj && Object.keys(obj).every((k) => ENVELOPE_KEYS.includes(k));
  if (!isEnvelope) return obj;
  if (obj.success !== true) {
    const msg = typeof obj.Message === 'string' && obj.Message ? (obj.Message.length > 500 ? `${obj.Message.slice(0, 500)}…` : obj.Message) : '(no message)';
    throw new PayloadError('ERR_PAYLOAD_TENANT_ERROR', `${what}: expected success: true, found success: ${describeData(obj.success)}; the tenant says: ${msg}`, { expected: 'success: true', actual: { success: actualOf(obj.success), Message: actualOf(obj.Message ?? null), ErrorCode: actualOf(obj.ErrorCode ?? null) } });
  }
  const result = obj.Result;
  if (typeof result !== 'object' || result === null || Array.isArray(result)) {
    throw new PayloadError(code, `${what}: envelope Result must be an object, found ${describeData(result)}`, { expected: 'object', actual: actualOf(result) });
  }
  return result as Record<string, unknown>;
}
