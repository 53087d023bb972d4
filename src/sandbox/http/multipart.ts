import busboy from 'busboy';
import { SandboxError } from '../errors.js';

/** One part of a multipart/form-data body, in arrival order. */
export interface FormPart {
  readonly name: string;
  /** Text parts: the value. File parts: the bytes (possibly empty). */
  readonly value: string;
  readonly bytes: Buffer;
  readonly isFile: boolean;
  readonly filename?: string;
  readonly contentType?: string;
}

/** Part count and size limits for CreateFederation (the documented form has 21 parts). */
export const MULTIPART_LIMITS = Object.freeze({ parts: 64, fieldBytes: 1024 * 1024, fileBytes: 8 * 1024 * 1024 });

/**
 * Parse a buffered multipart/form-data body with busboy (RFC 7578).
 * @throws {SandboxError} `ERR_SANDBOX_MULTIPART_INVALID` for a missing boundary, malformed
 *   framing, too many parts, or a part over its size limit.
 */
export function parseMultipart(contentType: string | undefined, body: Buffer): Promise<FormPart[]> {
  return new Promise((resolve, reject) => {
    const bad = (msg: string, cause?: unknown) => new SandboxError('ERR_SANDBOX_MULTIPART_INVALID', `multipart body refused: ${msg}`, cause === undefined ? {} : { cause });
    if (!contentType || !/^multipart\/form-data\b/i.test(contentType)) {
      reject(bad(`Content-Type must be multipart/form-data, found ${JSON.stringify(contentType ?? '')}`));
      return;
    }
    let bb: busboy.Busboy;
    try {
      bb = busboy({
        headers: { 'content-type': contentType },
        limits: { parts: MULTIPART_LIMITS.parts, fields: MULTIPART_LIMITS.parts, files: MULTIPART_LIMITS.parts, fieldSize: MULTIPART_LIMITS.fieldBytes, fileSize: MULTIPART_LIMITS.fileBytes },
        defParamCharset: 'utf8',
      });
    } catch (e) {
      reject(bad((e as Error).message, e));
      return;
    }
    const parts: FormPart[] = [];
    let failed: SandboxError | undefined;
    const fail = (e: SandboxError) => {
      if (!failed) failed = e;
    };
    let pending = 0;
    let finished = false;
    const done = () => {
      if (finished && pending === 0) {
        if (failed) reject(failed);
        else resolve(parts);
      }
    };
    bb.on('field', (name, value, info) => {
      if (info.valueTruncated) fail(bad(`part "${name}" is larger than ${MULTIPART_LIMITS.fieldBytes} bytes`));
      parts.push({ name, value, bytes: Buffer.from(value, 'utf8'), isFile: false });
    });
    bb.on('file', (name, stream, info) => {
      pending++;
      const index = parts.length;
      parts.push({ name, value: '', bytes: Buffer.alloc(0), isFile: true, filename: info.filename ?? '', contentType: info.mimeType });
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('limit', () => fail(bad(`file part "${name}" is larger than ${MULTIPART_LIMITS.fileBytes} bytes`)));
      stream.on('close', () => {
        const bytes = Buffer.concat(chunks);
        parts[index] = { ...parts[index]!, bytes, value: bytes.toString('utf8') };
        pending--;
        done();
      });
      stream.on('error', (e: Error) => {
        fail(bad(e.message, e));
      });
    });
    bb.on('partsLimit', () => fail(bad(`more than ${MULTIPART_LIMITS.parts} parts`)));
    bb.on('filesLimit', () => fail(bad(`more than ${MULTIPART_LIMITS.parts} file parts`)));
    bb.on('fieldsLimit', () => fail(bad(`more than ${MULTIPART_LIMITS.parts} fields`)));
    bb.on('error', (e: Error) => {
      fail(bad(e.message, e));
      finished = true;
      pending = 0;
      done();
    });
    bb.on('close', () => {
      finished = true;
      done();
    });
    bb.end(body);
  });
}
