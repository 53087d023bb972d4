/**
 * Download a metadata document over HTTPS with a deadline and a size cap, following at most
 * five redirects, each checked against the scheme policy.
 */
import { readCappedBody } from './capped-body.js';
import { FetchError } from './errors.js';

export interface FetchMetadataOptions {
  /** Deadline for the whole download, body included. Default 10 000 ms. */
  readonly timeoutMs?: number;
  /** Largest body accepted. Default 64 MiB. */
  readonly maxBytes?: number;
  /** Allow plain `http:` (tests, intranet mirrors). Default false: https only. */
  readonly allowHttp?: boolean;
}

export const FETCH_DEFAULTS = Object.freeze({ timeoutMs: 10_000, maxBytes: 64 * 1024 * 1024, allowHttp: false, maxRedirects: 5 });

function checkScheme(url: URL, allowHttp: boolean, what: string): void {
  if (url.protocol === 'https:' || (allowHttp && url.protocol === 'http:')) return;
  throw new FetchError('ERR_FETCH_SCHEME', `Expected an ${allowHttp ? 'https or http' : 'https'} URL for ${what}, found ${url.protocol.replace(/:$/, '')}: ${url.href}`, {
    expected: allowHttp ? 'https: or http:' : 'https:',
    actual: url.protocol,
  });
}

function isTimeout(e: unknown, signal: AbortSignal): boolean {
  if (signal.aborted) return true;
  const name = (e as { name?: string } | null)?.name;
  return name === 'TimeoutError' || name === 'AbortError';
}

/**
 * Fetch `url` and return the body bytes.
 *
 * @throws {TypeError} when `url` is not a valid absolute URL.
 * @throws {FetchError} `ERR_FETCH_SCHEME`, `ERR_FETCH_TIMEOUT`, `ERR_FETCH_TOO_LARGE`,
 *   `ERR_FETCH_HTTP_STATUS` (non-2xx, or more than 5 redirects), `ERR_FETCH_NETWORK`.
 */
export async function fetchMetadata(url: string | URL, options: FetchMetadataOptions = {}): Promise<Uint8Array> {
  const timeoutMs = options.timeoutMs ?? FETCH_DEFAULTS.timeoutMs;
  const maxBytes = options.maxBytes ?? FETCH_DEFAULTS.maxBytes;
  const allowHttp = options.allowHttp ?? FETCH_DEFAULTS.allowHttp;
  let current = new URL(url); // throws TypeError for a caller's bad URL
  checkScheme(current, allowHttp, 'metadata');
  const signal = AbortSignal.timeout(timeoutMs);
  const timeoutError = () =>
    new FetchError('ERR_FETCH_TIMEOUT', `Expected ${current.href} to answer within ${timeoutMs} ms, found no complete response in time`, { expected: `${timeoutMs} ms`, actual: 'timeout' });

  for (let redirects = 0; ; redirects++) {
    let response: Response;
    try {
      response = await fetch(current, { redirect: 'manual', signal, headers: { accept: 'application/samlmetadata+xml, application/xml, text/xml;q=0.9, */*;q=0.1' } });
    } catch (e) {
      if (isTimeout(e, signal)) throw timeoutError();
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      const detail = cause?.code ?? cause?.message ?? (e instanceof Error ? e.message : String(e));
      throw new FetchError('ERR_FETCH_NETWORK', `Expected a response from ${current.href}, found a network error: ${detail}`, { expected: 'an HTTP response', actual: detail, cause: e });
    }
    if (response.status >= 300 && response.status < 400 && response.headers.has('location')) {
      await response.body?.cancel().catch(() => undefined);
      if (redirects >= FETCH_DEFAULTS.maxRedirects) {
        throw new FetchError('ERR_FETCH_HTTP_STATUS', `Expected at most ${FETCH_DEFAULTS.maxRedirects} redirects fetching ${url}, found more`, { expected: `<= ${FETCH_DEFAULTS.maxRedirects} redirects`, actual: `> ${FETCH_DEFAULTS.maxRedirects}` });
      }
      const location = response.headers.get('location')!;
      let next: URL;
      try {
        next = new URL(location, current);
      } catch (e) {
        // The server's mistake, not the caller's: not a TypeError.
        throw new FetchError('ERR_FETCH_HTTP_STATUS', `Expected the ${response.status} redirect from ${current.href} to name a URL, found Location ${JSON.stringify(location.slice(0, 200))}`, { expected: 'a URL in the Location header', actual: location.slice(0, 200), cause: e });
      }
      checkScheme(next, allowHttp, `the redirect from ${current.href}`);
      current = next;
      continue;
    }
    if (response.status < 200 || response.status > 299) {
      await response.body?.cancel().catch(() => undefined);
      throw new FetchError('ERR_FETCH_HTTP_STATUS', `Expected HTTP 2xx from ${current.href}, found ${response.status} ${response.statusText}`.trimEnd(), { expected: '2xx', actual: response.status });
    }
    return readBody(response, maxBytes, current.href, signal, timeoutError);
  }
}

async function readBody(response: Response, maxBytes: number, href: string, signal: AbortSignal, timeoutError: () => FetchError): Promise<Uint8Array> {
  const tooLarge = (declared: number | undefined) =>
    new FetchError('ERR_FETCH_TOO_LARGE', `Expected at most ${maxBytes} bytes from ${href}, found ${declared ?? `more than ${maxBytes}`}`, { expected: maxBytes, actual: declared ?? `more than ${maxBytes}` });
  try {
    return await readCappedBody(response, maxBytes, tooLarge);
  } catch (e) {
    if (e instanceof FetchError) throw e;
    if (isTimeout(e, signal)) throw timeoutError();
    const detail = e instanceof Error ? e.message : String(e);
    throw new FetchError('ERR_FETCH_NETWORK', `Expected the whole body from ${href}, found the connection broke: ${detail}`, { expected: 'a complete body', actual: detail, cause: e });
  }
}
