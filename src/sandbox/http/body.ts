import type { IncomingMessage } from 'node:http';
import { jsonTextDepth } from '../../tenant/read/envelope.js';
import { SandboxError } from '../errors.js';

/** Request body limits (hostile input: size, JSON nesting). */
export const BODY_LIMITS = Object.freeze({
  /** JSON and form bodies. */
  jsonBytes: 1024 * 1024,
  /** Multipart CreateFederation bodies (metadata files). */
  multipartBytes: 8 * 1024 * 1024,
  /** JSON nesting depth. */
  jsonDepth: 64,
});

/**
 * Read the whole body, refusing more than `cap` bytes (by Content-Length up front, else while
 * reading). On refusal the rest of the body is not read.
 * @throws {SandboxError} `ERR_SANDBOX_BODY_TOO_LARGE`.
 */
export async function readBody(req: IncomingMessage, cap: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > cap) throw tooLarge(cap, declared);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > cap) throw tooLarge(cap, size);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function tooLarge(cap: number, found: number): SandboxError {
  return new SandboxError('ERR_SANDBOX_BODY_TOO_LARGE', `request body is larger than ${cap} bytes (found at least ${found})`, { expected: cap, actual: found });
}

/**
 * Parse a JSON request body the way the sandbox accepts it (tenant-api.md §1.1): empty, `{}` and
 * `[]` are "no arguments"; otherwise an object. Key lookup is case-insensitive (see `argOf`).
 * @throws {SandboxError} `ERR_SANDBOX_JSON_TOO_DEEP`, `ERR_SANDBOX_JSON_INVALID` (message in the
 *   tenant's Newtonsoft style, tenant-api.md §5 errors).
 */
export function parseJsonBody(buf: Buffer): Record<string, unknown> {
  const text = buf.toString('utf8').replace(/^\uFEFF/, '');
  if (text.trim() === '') return {};
  const depth = jsonTextDepth(text);
  if (depth > BODY_LIMITS.jsonDepth) {
    throw new SandboxError('ERR_SANDBOX_JSON_TOO_DEEP', `The reader's MaxDepth of ${BODY_LIMITS.jsonDepth} has been exceeded.`, { expected: BODY_LIMITS.jsonDepth, actual: depth });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const m = /position (\d+)/.exec((e as Error).message);
    const pos = m ? Number(m[1]) : 0;
    const ch = text.charAt(pos) || 'end of input';
    throw new SandboxError('ERR_SANDBOX_JSON_INVALID', `Unexpected character encountered while parsing value: ${ch}. Path '', line 1, position ${pos}.`, { cause: e });
  }
  if (Array.isArray(value)) return {};
  if (value === null || typeof value !== 'object') {
    throw new SandboxError('ERR_SANDBOX_JSON_INVALID', `Unexpected character encountered while parsing value: ${text.trim().charAt(0)}. Path '', line 1, position 0.`);
  }
  return value as Record<string, unknown>;
}

/** Look up `name` case-insensitively among an object's own keys (ASP.NET model binding, tenant-api.md §1.1). */
export function keyOf(obj: Record<string, unknown>, name: string): unknown {
  if (Object.prototype.hasOwnProperty.call(obj, name)) return obj[name];
  const lower = name.toLowerCase();
  for (const k of Object.keys(obj)) if (k.toLowerCase() === lower) return obj[k];
  return undefined;
}
