import { createHash, randomBytes } from 'node:crypto';
import FormData from 'form-data';
import { PayloadError } from '../errors.js';
import { quoteFilename } from './fields.js';

/** A text part of the form. */
export interface TextPart {
  readonly kind: 'text';
  readonly name: string;
  readonly value: string;
  /** Shown as `(redacted)` in the reviewable view (passwords). */
  readonly secret?: boolean;
}

/** A file part: `filename` may be empty (an unused file input, as browsers send it). */
export interface FilePart {
  readonly kind: 'file';
  readonly name: string;
  readonly filename: string;
  readonly contentType: string;
  readonly bytes: Uint8Array;
}

export type Part = TextPart | FilePart;

/** Reviewable JSON view of one part. */
export type PartView =
  | { readonly name: string; readonly value: string; readonly redacted?: true }
  | { readonly name: string; readonly file: { readonly filename: string; readonly contentType: string; readonly size: number; readonly sha256: string } };

export interface Multipart {
  readonly body: Buffer;
  readonly boundary: string;
  /** `multipart/form-data; boundary=...` */
  readonly contentType: string;
  readonly fields: readonly PartView[];
}

/** RFC 2046 §5.1.1 boundary, restricted to RFC 7230 token characters so the Content-Type parameter never needs quoting. */
const BOUNDARY = /^[0-9A-Za-z'+_.-]{1,70}$/;

function randomBoundary(): string {
  return `----samlfedFormBoundary${randomBytes(16).toString('hex')}`;
}

function contains(part: Part, boundary: string): boolean {
  const needle = Buffer.from(`--${boundary}`, 'utf8');
  if (part.kind === 'text') return Buffer.from(part.value, 'utf8').includes(needle) || part.name.includes(boundary);
  return Buffer.from(part.bytes).includes(needle) || part.filename.includes(boundary);
}

/**
 * Serialise parts, in order, as multipart/form-data (RFC 7578 §4; boundary RFC 2046 §5.1.1) with `form-data`. A caller-given
 * boundary is used as is (tests); otherwise a random one. A boundary that occurs inside a part is
 * refused (`ERR_PAYLOAD_BOUNDARY`) or, when random, redrawn.
 */
export function buildMultipart(parts: readonly Part[], boundary?: string): Multipart {
  let b = boundary ?? randomBoundary();
  if (!BOUNDARY.test(b)) throw new TypeError(`boundary must be 1..70 RFC 2046 characters, got ${JSON.stringify(b)}`);
  for (let tries = 0; parts.some((p) => contains(p, b)); tries++) {
    if (boundary !== undefined || tries > 4) throw new PayloadError('ERR_PAYLOAD_BOUNDARY', `expected a multipart boundary that occurs in no part, found ${JSON.stringify(b)} inside one`, { expected: 'a boundary absent from every part', actual: b });
    b = randomBoundary();
  }
  const form = new FormData();
  form.setBoundary(b);
  const fields: PartView[] = [];
  for (const p of parts) {
    if (p.kind === 'text') {
      form.append(p.name, p.value);
      fields.push(p.secret && p.value !== '' ? { name: p.name, value: '(redacted)', redacted: true } : { name: p.name, value: p.value });
    } else {
      const bytes = Buffer.from(p.bytes.buffer, p.bytes.byteOffset, p.bytes.byteLength);
      // A string header replaces form-data's own (whose object form cannot override the
      // Content-Type it infers, nor emit `filename=""` for an unused file input).
      const header = `--${b}\r\nContent-Disposition: form-data; name="${quoteFilename(p.name)}"; filename="${quoteFilename(p.filename)}"\r\nContent-Type: ${p.contentType}\r\n\r\n`;
      form.append(p.name, bytes, { header });
      fields.push({ name: p.name, file: { filename: p.filename, contentType: p.contentType, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') } });
    }
  }
  const body = form.getBuffer();
  return { body, boundary: b, contentType: `multipart/form-data; boundary=${b}`, fields };
}
