import { TenantError } from '../errors.js';

/**
 * Read a response body as UTF-8 text, at most `maxBytes` (checked against `Content-Length` first,
 * then counted while streaming; the stream is cancelled past the cap): `ERR_TENANT_RESPONSE_TOO_LARGE`.
 */
export async function readCappedBody(res: Response, maxBytes: number, endpoint: string): Promise<string> {
  const tooLarge = (n: number | string): TenantError =>
    new TenantError('ERR_TENANT_RESPONSE_TOO_LARGE', `${endpoint}: expected a response body of at most ${maxBytes} bytes, found ${n}`, { kind: 'response', endpoint, httpStatus: res.status, expected: `<= ${maxBytes} bytes`, actual: n });
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    throw tooLarge(declared);
  }
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(`more than ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  return new TextDecoder('utf-8', { fatal: false }).decode(Buffer.concat(chunks));
}
