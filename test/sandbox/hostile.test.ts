import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { BODY_LIMITS } from '../../src/sandbox/index.js';
import { NATIVE, sandboxForFile, type Envelope } from '../helpers/sandbox.js';

const sb = sandboxForFile();

const post = async (path: string, body: string | Buffer, headers: Record<string, string> = {}) => {
  const r = await sb.fetch(path, { method: 'POST', headers: { ...NATIVE, Authorization: `Bearer ${sb.token}`, 'Content-Type': 'application/json', ...headers }, body });
  return { status: r.status, json: (await r.json()) as Envelope };
};

async function healthy(): Promise<void> {
  expect(((await (await sb.fetch('/_sandbox/health')).json()) as { status: string }).status).toBe('ok');
}

describe('hostile request bodies get coded failures and never crash the sandbox', () => {
  it('a body over the JSON limit: 413 ERR_SANDBOX_BODY_TOO_LARGE', async () => {
    const r = await post('/Federation/GetGroups', `{"a":"${'x'.repeat(BODY_LIMITS.jsonBytes + 10)}"}`);
    expect(r.status).toBe(413);
    expect(r.json.ErrorCode).toBe('ERR_SANDBOX_BODY_TOO_LARGE');
    await healthy();
  });

  it('a chunked body that grows past the limit is cut off with 413', async () => {
    const status = await new Promise<number | 'reset'>((resolve, reject) => {
      const req = request(`${sb.url}/Federation/GetGroups`, { method: 'POST', headers: { ...NATIVE, Authorization: `Bearer ${sb.token}`, 'Transfer-Encoding': 'chunked' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      let sent = 0;
      const pump = () => {
        while (sent < BODY_LIMITS.jsonBytes * 2) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    }).catch(() => 'reset' as const);
    // The sandbox answers 413 and closes; a client still writing may see the reset first.
    expect([413, 'reset']).toContain(status);
    await healthy();
  });

  it('JSON nested deeper than the limit: ERR_SANDBOX_JSON_TOO_DEEP', async () => {
    const r = await post('/Federation/GetGroups', `${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    expect(r.json.success).toBe(false);
    expect(r.json.ErrorCode).toBe('ERR_SANDBOX_JSON_TOO_DEEP');
    await healthy();
  });

  it('malformed JSON: HTTP 200 success:false, Newtonsoft-style message, ERR_SANDBOX_JSON_INVALID', async () => {
    for (const body of ['{"a":', 'true', '\u0000\u0001', '{"a":"\\ud800"']) {
      const r = await post('/Federation/GetGroups', body);
      expect(r.status).toBe(200);
      expect(r.json.ErrorCode, body).toBe('ERR_SANDBOX_JSON_INVALID');
      expect(r.json.Message).toMatch(/^Unexpected character encountered while parsing value/);
    }
  });

  it('bad multipart: no boundary, truncated, not multipart at all: ERR_SANDBOX_MULTIPART_INVALID', async () => {
    const cases: [string, string][] = [
      ['multipart/form-data', '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--x--'],
      ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="FederationName"\r\n\r\nAcme'],
      ['application/json', '{}'],
    ];
    for (const [ct, body] of cases) {
      const r = await post('/Federation/CreateFederation', body, { 'Content-Type': ct });
      expect(r.json.ErrorCode, ct).toBe('ERR_SANDBOX_MULTIPART_INVALID');
    }
    await healthy();
  });

  it('multipart with too many parts is refused', async () => {
    const fd = new FormData();
    for (let i = 0; i < 200; i++) fd.append(`p${i}`, 'x');
    const r = await sb.fetch('/Federation/CreateFederation', { method: 'POST', headers: { ...NATIVE, Authorization: `Bearer ${sb.token}` }, body: fd });
    expect(((await r.json()) as Envelope).ErrorCode).toBe('ERR_SANDBOX_MULTIPART_INVALID');
  });

  it('a raw garbage request line is answered or closed, and the server lives on', async () => {
    const net = await import('node:net');
    await new Promise<void>((resolve) => {
      const s = net.connect(sb.port, '127.0.0.1', () => s.end('\u0000\u0001GARBAGE / HTTP/9.9\r\n\r\n'));
      s.on('close', () => resolve());
      s.on('error', () => resolve());
      s.resume();
    });
    await healthy();
  });
});
