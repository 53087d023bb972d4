/**
 * Read an HTTP response body with a size cap: the one capped reader of `fetchMetadata` and the
 * tenant client's transport.
 */

/**
 * Read `response`'s body, at most `maxBytes`: checked against `Content-Length` first, then counted
 * while streaming; past the cap the stream is cancelled and `tooLarge` is thrown, with the declared
 * length, or `undefined` when the count passed the cap while streaming. Errors of the stream itself
 * propagate unchanged (the caller classifies them).
 */
export async function readCappedBody(response: Response, maxBytes: number, tooLarge: (declared: number | undefined) => Error): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge(declared);
  }
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(undefined);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}
