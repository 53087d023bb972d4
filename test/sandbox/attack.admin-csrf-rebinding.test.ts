/**
 * Red-team: the admin prefix `/_sandbox/*` has no auth (loopback only), so before the fix any web
 * page the developer had open could reset the sandbox or install faults with a simple cross-site
 * POST (`text/plain`, no CORS preflight), and a DNS-rebinding page (attacker.example re-pointed at
 * 127.0.0.1) could read `/_sandbox/state` (SP private keys) and `/_sandbox/codes`. Now: a Host that
 * is not a loopback name is refused on every path, and admin requests a browser sends from another
 * origin are refused; 403 `ERR_SANDBOX_ORIGIN_REFUSED`, nothing changed.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';

let sb: TestSandbox;
beforeAll(async () => {
  sb = await startTestSandbox();
});
afterAll(() => sb.stop());

/** Raw request (fetch does not let a test set Host). */
function raw(method: string, path: string, headers: Record<string, string>, body = ''): Promise<{ status: number; json: { error?: string; faults?: unknown[]; status?: string } }> {
  return new Promise((resolve, reject) => {
    const req = request(`${sb.url}${path}`, { method, headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const FAULT = JSON.stringify({ faults: [{ kind: 'http', status: 500, path: '/Security/StartAuthentication' }] });

describe('admin endpoints refuse cross-site browsers and rebinding hosts', () => {
  it('a cross-site text/plain POST that would install faults: 403, no fault installed', async () => {
    const r = await raw('POST', '/_sandbox/faults', { 'Content-Type': 'text/plain', Origin: 'https://attacker.example', 'Sec-Fetch-Site': 'cross-site' }, FAULT);
    expect(r.status).toBe(403);
    expect(r.json.error).toBe('ERR_SANDBOX_ORIGIN_REFUSED');
    expect((await sb.adminApi<{ faults: unknown[] }>('faults')).faults).toEqual([]);
  });

  it('a same-site page on another port (the IdP simulator\'s origin) cannot reset the sandbox', async () => {
    const r = await raw('POST', '/_sandbox/reset', { Origin: 'http://127.0.0.1:1', 'Sec-Fetch-Site': 'same-site' });
    expect(r.status).toBe(403);
    expect(r.json.error).toBe('ERR_SANDBOX_ORIGIN_REFUSED');
  });

  it('Sec-Fetch-Site cross-site alone (no Origin, a GET) is refused', async () => {
    const r = await raw('GET', '/_sandbox/codes', { 'Sec-Fetch-Site': 'cross-site' });
    expect(r.status).toBe(403);
  });

  it('a rebinding Host is refused on admin and tenant paths alike', async () => {
    for (const path of ['/_sandbox/state', '/login', '/Security/StartAuthentication']) {
      const r = await raw('GET', path, { Host: `attacker.example:${sb.port}` });
      expect(r.status, path).toBe(403);
      expect(r.json.error, path).toBe('ERR_SANDBOX_ORIGIN_REFUSED');
    }
  });

  it('scripts (no Origin), the sandbox\'s own origin and localhost still work', async () => {
    expect((await raw('GET', '/_sandbox/health', {})).json.status).toBe('ok');
    expect((await raw('GET', '/_sandbox/health', { Origin: sb.url, 'Sec-Fetch-Site': 'same-origin' })).json.status).toBe('ok');
    expect((await raw('GET', '/_sandbox/health', { Host: `localhost:${sb.port}` })).json.status).toBe('ok');
    const put = await raw('PUT', '/_sandbox/faults', { 'Content-Type': 'application/json' }, FAULT);
    expect(put.status).toBe(200);
    expect(put.json.faults).toHaveLength(1);
    expect((await raw('DELETE', '/_sandbox/faults', {})).status).toBe(200);
  });
});
