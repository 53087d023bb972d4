import { readCappedBody as readCapped } from '../../metadata/capped-body.js';
import { TenantError } from '../errors.js';

/**
 * Read a response body as UTF-8 text, at most `maxBytes` (checked against `Content-Length` first,
 * then counted while streaming; the stream is cancelled past the cap): `ERR_TENANT_RESPONSE_TOO_LARGE`.
 * The capped read is `fetchMetadata`'s (src/metadata/capped-body.ts).
 */
export async function readCappedBody(res: Response, maxBytes: number, endpoint: string): Promise<string> {
  const tooLarge = (declared: number | undefined): TenantError => {
    const n = declared ?? `more than ${maxBytes} bytes`;
    return new TenantError('ERR_TENANT_RESPONSE_TOO_LARGE', `${endpoint}: expected a response body of at most ${maxBytes} bytes, found ${n}`, { kind: 'response', endpoint, httpStatus: res.status, expected: `<= ${maxBytes} bytes`, actual: n });
  };
  return new TextDecoder('utf-8', { fatal: false }).decode(await readCapped(res, maxBytes, tooLarge));
}
