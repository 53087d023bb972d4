import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchMetadata, FetchError } from '../../src/metadata/index.js';

let server: Server;
let base: string;
const pending = new Set<import('node:http').ServerResponse>();

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    switch (url.pathname) {
      case '/ok':
        res.writeHead(200, { 'content-type': 'application/samlmetadata+xml' });
        res.end('<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="x"/>');
        return;
      case '/redirect': {
        const n = Number(url.searchParams.get('n') ?? '0');
        res.writeHead(302, { location: n > 0 ? `/redirect?n=${n - 1}` : '/ok' });
        res.end();
        return;
      }
      case '/to-ftp':
        res.writeHead(301, { location: 'ftp://example.invalid/md.xml' });
        res.end();
        return;
      case '/bad-location':
        res.writeHead(302, { location: 'https://[::1' });
        res.end();
        return;
      case '/404':
        res.writeHead(404);
        res.end('nope');
        return;
      case '/big-declared':
        res.writeHead(200, { 'content-length': String(2048) });
        res.end('x'.repeat(2048));
        return;
      case '/big-chunked':
        res.writeHead(200, { 'content-type': 'text/xml' }); // no content-length: chunked
        for (let i = 0; i < 8; i++) res.write('y'.repeat(512));
        res.end();
        return;
      case '/hang':
        res.writeHead(200);
        res.write('<partial');
        pending.add(res); // never ends; closed in afterAll
        return;
      default:
        res.writeHead(500);
        res.end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const res of pending) res.destroy();
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

async function codeOf(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(FetchError);
    return (e as FetchError).code;
  }
  return undefined;
}

describe('fetchMetadata', () => {
  it('returns the body bytes', async () => {
    const body = await fetchMetadata(`${base}/ok`, { allowHttp: true });
    expect(Buffer.from(body).toString('utf8')).toContain('entityID="x"');
  });

  it('refuses http by default and non-http schemes always', async () => {
    expect(await codeOf(fetchMetadata(`${base}/ok`))).toBe('ERR_FETCH_SCHEME');
    expect(await codeOf(fetchMetadata('file:///etc/passwd', { allowHttp: true }))).toBe('ERR_FETCH_SCHEME');
    await expect(fetchMetadata('not a url')).rejects.toBeInstanceOf(TypeError);
  });

  it('follows up to 5 redirects, not 6, and checks the scheme of each', async () => {
    expect(Buffer.from(await fetchMetadata(`${base}/redirect?n=4`, { allowHttp: true })).byteLength).toBeGreaterThan(0);
    expect(await codeOf(fetchMetadata(`${base}/redirect?n=5`, { allowHttp: true }))).toBe('ERR_FETCH_HTTP_STATUS');
    expect(await codeOf(fetchMetadata(`${base}/to-ftp`, { allowHttp: true }))).toBe('ERR_FETCH_SCHEME');
  });

  it('a redirect whose Location is not a URL is the server\'s error (ERR_FETCH_HTTP_STATUS), not a TypeError', async () => {
    await expect(fetchMetadata(`${base}/bad-location`, { allowHttp: true })).rejects.toMatchObject({ code: 'ERR_FETCH_HTTP_STATUS', actual: 'https://[::1', message: expect.stringMatching(/^Expected the 302 redirect from .* to name a URL, found Location "https:\/\/\[::1"$/) });
  });

  it('non-2xx → ERR_FETCH_HTTP_STATUS', async () => {
    const p = fetchMetadata(`${base}/404`, { allowHttp: true });
    await expect(p).rejects.toMatchObject({ code: 'ERR_FETCH_HTTP_STATUS', actual: 404 });
  });

  it('caps the size by Content-Length and while streaming', async () => {
    expect(await codeOf(fetchMetadata(`${base}/big-declared`, { allowHttp: true, maxBytes: 1024 }))).toBe('ERR_FETCH_TOO_LARGE');
    expect(await codeOf(fetchMetadata(`${base}/big-chunked`, { allowHttp: true, maxBytes: 1024 }))).toBe('ERR_FETCH_TOO_LARGE');
    expect((await fetchMetadata(`${base}/big-chunked`, { allowHttp: true, maxBytes: 4096 })).byteLength).toBe(4096);
  });

  it('times out a body that never ends', async () => {
    expect(await codeOf(fetchMetadata(`${base}/hang`, { allowHttp: true, timeoutMs: 200 }))).toBe('ERR_FETCH_TIMEOUT');
  });

  it('connection refused → ERR_FETCH_NETWORK', async () => {
    const s = createServer();
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    const port = (s.address() as AddressInfo).port;
    await new Promise<void>((r) => s.close(() => r()));
    expect(await codeOf(fetchMetadata(`http://127.0.0.1:${port}/`, { allowHttp: true }))).toBe('ERR_FETCH_NETWORK');
  });
});
