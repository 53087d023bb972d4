import busboy from 'busboy';

export interface ParsedPart {
  name: string;
  kind: 'field' | 'file';
  value?: string;
  filename?: string;
  mimeType?: string;
  bytes?: Buffer;
}

/** Parse a multipart/form-data body with busboy (independent of form-data), keeping part order. */
export function parseMultipart(body: Buffer, contentType: string): Promise<ParsedPart[]> {
  return new Promise((resolve, reject) => {
    const parts: ParsedPart[] = [];
    const pending: Promise<void>[] = [];
    const bb = busboy({ headers: { 'content-type': contentType }, preservePath: true, defParamCharset: 'utf8', limits: { fieldSize: 10 * 1024 * 1024 } });
    bb.on('field', (name, value) => parts.push({ name, kind: 'field', value }));
    bb.on('file', (name, stream, info) => {
      const part: ParsedPart = { name, kind: 'file', filename: info.filename, mimeType: info.mimeType };
      parts.push(part);
      const chunks: Buffer[] = [];
      pending.push(new Promise((res, rej) => {
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          part.bytes = Buffer.concat(chunks);
          res();
        });
        stream.on('error', rej);
      }));
    });
    bb.on('error', reject);
    bb.on('close', () => Promise.all(pending).then(() => resolve(parts), reject));
    bb.end(body);
  });
}
