/**
 * Transport behaviour a real tenant (or the sandbox) cannot be made to produce on demand: a tiny
 * purpose-built node:http server on 127.0.0.1 answers exactly what each test needs (huge and deep
 * bodies, a `__proto__` key, HTML with 200, redirects, Retry-After as an HTTP date, a body that is
 * cut mid-stream). Still real HTTP: the client's own fetch talks to it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTenantClient, isTenantError, type TenantClient } from '../../src/tenant/index.js';
import { parseRetryAfter } from '../../src/tenant/http/retry-after.js';
import { backoffDelay, DEFAULT_RETRY } from '../../src/tenant/http/backoff.js';
import { recordingSleep } from './helpers.js';

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;
let server: Server;
let url: string;
let handler: Handler;
const requests: { path: string; headers: IncomingMessage['headers']; body: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString('utf8')));
    req.on('end', () => {
      requests.push({ path: req.url ?? '', headers: req.headers, body });
      handler(req, res, body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  requests.length = 0;
});

const json = (res: ServerResponse, status: number, data: unknown, headers: Record<string, string> = {}): void => {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(typeof data === 'string' ? data : JSON.stringify(data));
};
const ok = (Result: unknown) => ({ success: true, Result, Message: null, MessageID: null, Exception: null, ErrorID: null, ErrorCode: null, IsSoftError: false, InnerExceptions: null });
const NOW = Date.parse('2026-12-01T12:00:00Z');

function client(extra: Partial<Parameters<typeof createTenantClient>[0]> = {}): { c: TenantClient; waits: number[] } {
  const rec = recordingSleep();
  return { c: createTenantClient({ url, auth: { kind: 'token', token: 'tok-123' }, now: () => NOW, sleep: rec.sleep, random: () => 0.5, timeoutMs: 2000, ...extra }), waits: rec.waits };
}

async function errorOf(p: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await p;
  } catch (e) {
    return e as Record<string, unknown>;
  }
  throw new Error('expected a rejection');
}

describe('requests', () => {
  it('POST with JSON, both native-client headers and the bearer token', async () => {
    handler = (_q, res) => json(res, 200, ok(['A']));
    expect(await client().c.getGroups()).toEqual(['A']);
    const r = requests[0]!;
    expect(r.path).toBe('/Federation/GetGroups');
    expect(r.headers['x-centrify-native-client']).toBe('true');
    expect(r.headers['x-idap-native-client']).toBe('true');
    expect(r.headers.authorization).toBe('Bearer tok-123');
    expect(r.headers['content-type']).toBe('application/json');
    expect(r.body).toBe('{}');
  });

  it('GetGlobalFederationSettings carries FederationType=SAML%202.0 in the query', async () => {
    handler = (_q, res) => json(res, 200, ok({ GlobalMappings: [{ Team: 'TestB2B' }] }));
    expect((await client().c.getGlobalFederationSettings()).GlobalMappings).toEqual([{ AttributeValue: 'Team', GroupName: 'TestB2B' }]);
    expect(requests[0]!.path).toBe('/Federation/GetGlobalFederationSettings?FederationType=SAML%202.0');
  });
});

describe('hostile answers give coded errors, never a crash', () => {
  it('a body over the cap (declared and streamed)', async () => {
    handler = (_q, res) => json(res, 200, JSON.stringify(ok('x'.repeat(2000))));
    expect(await errorOf(client({ maxBodyBytes: 1000 }).c.getGroups())).toMatchObject({ code: 'ERR_TENANT_RESPONSE_TOO_LARGE' });
    handler = (_q, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' }); // chunked: no Content-Length
      for (let i = 0; i < 20; i++) res.write('x'.repeat(100));
      res.end();
    };
    expect(await errorOf(client({ maxBodyBytes: 1000 }).c.getGroups())).toMatchObject({ code: 'ERR_TENANT_RESPONSE_TOO_LARGE' });
  });

  it('JSON nested 10 000 deep is refused before JSON.parse', async () => {
    handler = (_q, res) => json(res, 200, `{"success":true,"Result":${'['.repeat(10_000)}${']'.repeat(10_000)}}`);
    expect(await errorOf(client().c.getGroups())).toMatchObject({ code: 'ERR_TENANT_RESPONSE_TOO_LARGE', kind: 'response' });
  });

  it('a __proto__ key anywhere is ERR_TENANT_RESPONSE_INVALID', async () => {
    handler = (_q, res) => json(res, 200, '{"success":true,"Result":{"Settings":{"__proto__":{"polluted":true}},"RevStamp":"1"}}');
    expect(await errorOf(client().c.getPolicyBlock('/Policy/P'))).toMatchObject({ code: 'ERR_TENANT_RESPONSE_INVALID' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('wrong types in a Result name the field', async () => {
    handler = (_q, res) => json(res, 200, ok([{ FederationUuid: 5, FederationName: 'x' }]));
    const e = await errorOf(client().c.getFederations());
    expect(e).toMatchObject({ code: 'ERR_TENANT_RESPONSE_INVALID', endpoint: '/Federation/GetFederations' });
    expect(String(e.message)).toContain('Result[0].FederationUuid');
  });

  it('text that is not JSON, and JSON that is not the envelope', async () => {
    handler = (_q, res) => json(res, 200, 'not json');
    expect(await errorOf(client().c.getGroups())).toMatchObject({ code: 'ERR_TENANT_RESPONSE_INVALID' });
    handler = (_q, res) => json(res, 200, { Result: [] });
    expect(await errorOf(client().c.getGroups())).toMatchObject({ code: 'ERR_TENANT_RESPONSE_INVALID', expected: 'envelope' });
  });

  it('HTML where JSON is expected (200, text/html: a portal page) is ERR_TENANT_HTML, not retried', async () => {
    handler = (_q, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end('<!DOCTYPE html><html><title>Admin Portal</title></html>');
    };
    const { c, waits } = client();
    expect(await errorOf(c.getGroups())).toMatchObject({ code: 'ERR_TENANT_HTML', httpStatus: 200 });
    expect(waits).toEqual([]);
  });

  it('a redirect is not followed (a bearer token never goes elsewhere): ERR_TENANT_HTTP', async () => {
    handler = (_q, res) => {
      res.writeHead(302, { Location: 'https://elsewhere.example/' });
      res.end();
    };
    expect(await errorOf(client().c.getGroups())).toMatchObject({ code: 'ERR_TENANT_HTTP', httpStatus: 302 });
    expect(requests).toHaveLength(1);
  });

  it('success:false carries Message, MessageID, ErrorID, ErrorCode, IsSoftError and the endpoint', async () => {
    handler = (_q, res) => json(res, 200, { success: false, Result: null, Message: 'Role with name x already exists.', MessageID: 'M1', ErrorID: 'E1', ErrorCode: '1409', IsSoftError: false });
    const e = await errorOf(client().c.storeRole({ Name: 'x' }));
    expect(e).toMatchObject({ code: 'ERR_TENANT_API', kind: 'envelope', endpoint: '/SaasManage/StoreRole', tenantMessage: 'Role with name x already exists.', messageId: 'M1', errorId: 'E1', errorCode: '1409', isSoftError: false });
    expect(JSON.parse(JSON.stringify(e))).toMatchObject({ code: 'ERR_TENANT_API', errorCode: '1409', endpoint: '/SaasManage/StoreRole' });
  });

  it('SavePolicyBlock3 soft error _I18N_AdminLockoutPolicyChange is a typed warning; the policy is re-read, the save not repeated', async () => {
    handler = (req, res) => {
      if (req.url === '/Policy/SavePolicyBlock3') json(res, 200, { success: false, Result: null, Message: 'You may lock yourself out.', MessageID: '_I18N_AdminLockoutPolicyChange', IsSoftError: false });
      else json(res, 200, ok({ Path: '/Policy/P', RevStamp: '42', Settings: {} }));
    };
    const r = await client().c.savePolicyBlock({ plinks: [], policy: { Path: '/Policy/P', Settings: {}, Newpolicy: false, RevStamp: '41' } });
    expect(r).toEqual({ RevStamp: '42', warning: { messageId: '_I18N_AdminLockoutPolicyChange', message: 'You may lock yourself out.', endpoint: '/Policy/SavePolicyBlock3' } });
    expect(requests.map((q) => q.path)).toEqual(['/Policy/SavePolicyBlock3', '/Policy/GetPolicyBlock']);
  });
});

describe('transport failures', () => {
  it('a body cut mid-stream: a read is retried, a write is outcome unknown', async () => {
    let n = 0;
    handler = (_q, res) => {
      if (n++ === 0) {
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '500' });
        res.write('{"success":true,');
        setTimeout(() => res.destroy(), 10);
      } else json(res, 200, ok(['A']));
    };
    const { c, waits } = client();
    expect(await c.getGroups()).toEqual(['A']);
    expect(waits).toHaveLength(1);
    n = 0;
    expect(await errorOf(c.setTenantState('T1', 'Enabled'))).toMatchObject({ code: 'ERR_TENANT_OUTCOME_UNKNOWN' });
  });

  it('connection refused: a read gives ERR_TENANT_NETWORK after its retries', async () => {
    const dead = createServer();
    await new Promise<void>((r) => dead.listen(0, '127.0.0.1', r));
    const port = (dead.address() as AddressInfo).port;
    await new Promise<void>((r) => dead.close(() => r()));
    const rec = recordingSleep();
    const c = createTenantClient({ url: `http://127.0.0.1:${port}`, auth: { kind: 'token', token: 't' }, sleep: rec.sleep, random: () => 0.5 });
    expect(await errorOf(c.getGroups())).toMatchObject({ code: 'ERR_TENANT_NETWORK', attempts: 4 });
    expect(rec.waits).toEqual([375, 750, 1500]);
    // A refused write was never received: retried like a read, then ERR_TENANT_NETWORK (not "unknown").
    expect(await errorOf(c.setTenantState('T1', 'Enabled'))).toMatchObject({ code: 'ERR_TENANT_NETWORK' });
  });

  it('429 with Retry-After as an HTTP date waits until that date on the frozen clock', async () => {
    let n = 0;
    handler = (_q, res) => (n++ === 0 ? json(res, 429, '{}', { 'Retry-After': new Date(NOW + 7000).toUTCString() }) : json(res, 200, ok([])));
    const { c, waits } = client();
    expect(await c.getGroups()).toEqual([]);
    expect(waits).toEqual([7000]);
  });

  it('429 that never ends: ERR_TENANT_RATE_LIMITED; the wait is capped at maxDelayMs', async () => {
    handler = (_q, res) => json(res, 429, '{}', { 'Retry-After': '3600' });
    const { c, waits } = client({ retry: { attempts: 3, maxDelayMs: 5000 } });
    expect(await errorOf(c.getGroups())).toMatchObject({ code: 'ERR_TENANT_RATE_LIMITED', httpStatus: 429, attempts: 3 });
    expect(waits).toEqual([5000, 5000]);
  });

  it('401 with a ready token: no renewal possible, ERR_TENANT_UNAUTHORIZED at once', async () => {
    handler = (_q, res) => {
      res.writeHead(401, { 'Content-Type': 'text/html' });
      res.end('You do not have access to this content. Please contact your system administrator for assistance.');
    };
    expect(await errorOf(client().c.getGroups())).toMatchObject({ code: 'ERR_TENANT_UNAUTHORIZED', httpStatus: 401 });
    expect(requests).toHaveLength(1);
  });

  it('401 twice with client credentials: one re-authentication, then ERR_TENANT_UNAUTHORIZED', async () => {
    handler = (req, res) => {
      if (req.url?.startsWith('/oauth2/token/')) json(res, 200, { access_token: `t${requests.length}`, token_type: 'Bearer', expires_in: 3600 });
      else {
        res.writeHead(401);
        res.end();
      }
    };
    const c = createTenantClient({ url, auth: { kind: 'client-credentials', appId: 'app', clientId: 'svc@x', clientSecret: 'S3cret-abc', scope: 'all' } });
    const e = await errorOf(c.getGroups());
    expect(e).toMatchObject({ code: 'ERR_TENANT_UNAUTHORIZED' });
    expect(requests.map((q) => q.path)).toEqual(['/oauth2/token/app', '/Federation/GetGroups', '/oauth2/token/app', '/Federation/GetGroups']);
    expect(requests[0]!.headers.authorization).toBe(`Basic ${Buffer.from('svc@x:S3cret-abc').toString('base64')}`);
    expect(requests[0]!.body).toBe('grant_type=client_credentials&scope=all');
    expect(JSON.stringify(e) + String(e.message)).not.toContain('S3cret-abc');
  });

  it('PodFqdn that is not a bare host (a path, a scheme, credentials) is refused', async () => {
    handler = (_q, res) => json(res, 200, ok({ PodFqdn: 'evil.example/steal?x=' }));
    const c = createTenantClient({ url, auth: { kind: 'password', user: 'u', password: 'p' } });
    expect(await errorOf(c.login())).toMatchObject({ code: 'ERR_TENANT_RESPONSE_INVALID' });
    expect(requests).toHaveLength(1);
  });
});

describe('pure parts', () => {
  it('Retry-After: seconds, HTTP date, past date, garbage', () => {
    expect(parseRetryAfter('5', NOW)).toBe(5000);
    expect(parseRetryAfter('Tue, 01 Dec 2026 12:00:30 GMT', NOW)).toBe(30_000);
    expect(parseRetryAfter('Tue, 01 Dec 2026 11:00:00 GMT', NOW)).toBe(0);
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
    expect(parseRetryAfter(null, NOW)).toBeUndefined();
    expect(parseRetryAfter('-1', NOW)).toBeUndefined();
  });

  it('backoff doubles with jitter inside [ceiling/2, ceiling], capped', () => {
    expect([1, 2, 3].map((n) => backoffDelay(n, DEFAULT_RETRY, () => 0))).toEqual([250, 500, 1000]);
    expect([1, 2, 3].map((n) => backoffDelay(n, DEFAULT_RETRY, () => 0.999999))).toEqual([500, 1000, 2000]);
    expect(backoffDelay(20, DEFAULT_RETRY, () => 1)).toBe(10_000);
  });

  it('caller mistakes are TypeError: bad URL, http to a non-loopback host, missing credentials', () => {
    expect(() => createTenantClient({ url: 'http://tenant.example', auth: { kind: 'token', token: 't' } })).toThrow(TypeError);
    expect(() => createTenantClient({ url: 'https://u:p@tenant.example', auth: { kind: 'token', token: 't' } })).toThrow(TypeError);
    expect(() => createTenantClient({ url: 'https://tenant.example', auth: { kind: 'password', user: 'u', password: '' } })).toThrow(TypeError);
    expect(isTenantError(new TypeError('x'))).toBe(false);
  });
});
