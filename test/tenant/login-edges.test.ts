/**
 * Login-flow answers the sandbox does not give (a purpose-built node:http server on 127.0.0.1 plays
 * the tenant): the legacy `Redirect` instead of `PodFqdn`, a `NewPackage` after the password, an
 * OATH (Text) second factor, `Result.Auth` without any `.ASPXAUTH` cookie, a federated user, an
 * endless redirect loop, and login bodies that never leak into errors.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTenantClient } from '../../src/tenant/index.js';

let server: Server;
let host: string;
let handler: (path: string, body: Record<string, unknown>, res: ServerResponse, req: IncomingMessage) => void;
const seen: { path: string; body: Record<string, unknown>; auth?: string | undefined }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (d: Buffer) => (raw += d.toString()));
    req.on('end', () => {
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      seen.push({ path: req.url ?? '', body, auth: req.headers.authorization });
      handler(req.url ?? '', body, res, req);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  seen.length = 0;
});

const send = (res: ServerResponse, Result: unknown, success = true, extra: Record<string, unknown> = {}): void => {
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ success, Result, Message: success ? null : 'Authentication (login or challenge) has failed.', ...extra }));
};
const mech = (Name: string, AnswerType: string, id: string) => ({ Mechanisms: [{ Name, AnswerType, MechanismId: id, PromptMechChosen: `Enter ${Name}` }] });

describe('password login edges', () => {
  it('legacy Redirect, NewPackage with an OATH code, Result.Auth used when no cookie is set', async () => {
    handler = (path, body, res) => {
      if (path === '/base/Security/StartAuthentication') return send(res, { Redirect: host });
      if (path === '/Security/StartAuthentication') return send(res, { SessionId: 's1', Summary: 'NewPackage', Challenges: [mech('UP', 'Text', 'm-up')] });
      if (path === '/Security/AdvanceAuthentication' && body.MechanismId === 'm-up') return send(res, { Summary: 'NewPackage', SessionId: 's2', Challenges: [mech('OATH', 'Text', 'm-oath')] });
      if (path === '/Security/AdvanceAuthentication' && body.MechanismId === 'm-oath' && body.Answer === '424242' && body.SessionId === 's2') return send(res, { Summary: 'LoginSuccess', Auth: 'auth-token-1' });
      if (path === '/Federation/GetGroups') return send(res, ['G']);
      send(res, { Summary: 'Failure' }, false);
    };
    const asked: string[] = [];
    const c = createTenantClient({ url: `http://${host}/base`, auth: { kind: 'password', user: 'u@x', password: 'Pw-Secret-9', mfa: async (ch) => (asked.push(ch.name), '424242') } });
    expect(await c.getGroups()).toEqual(['G']);
    expect(asked).toEqual(['OATH']);
    expect(c.baseUrl).toBe(`http://${host}`);
    expect(seen.at(-1)!.auth).toBe('Bearer auth-token-1');
    expect(seen[1]!.body).toEqual({ User: 'u@x', Version: '1.0' });
  });

  it('the .ASPXAUTH cookie wins over Result.Auth', async () => {
    handler = (path, _b, res) => {
      if (path === '/Security/StartAuthentication') return send(res, { SessionId: 's', Challenges: [mech('UP', 'Text', 'm')] });
      if (path === '/Security/AdvanceAuthentication') {
        res.setHeader('Set-Cookie', ['.ASPXAUTH=cookie-token; Path=/; HttpOnly', 'CCSID=dev; Path=/']);
        return send(res, { Summary: 'LoginSuccess', Auth: 'one-time-auth' });
      }
      send(res, ['G']);
    };
    const c = createTenantClient({ url: `http://${host}`, auth: { kind: 'password', user: 'u', password: 'p' } });
    await c.getGroups();
    expect(seen.at(-1)!.auth).toBe('Bearer cookie-token');
  });

  it('a federated user (IdpRedirectUrl) and a redirect loop are ERR_TENANT_AUTH_FAILED; the password is in no error', async () => {
    handler = (_p, _b, res) => send(res, { IdpRedirectUrl: 'https://idp.example/sso', IdpLoginSessionId: 'x' });
    const fed = await createTenantClient({ url: `http://${host}`, auth: { kind: 'password', user: 'jane@partner.example', password: 'Pw-Secret-9' } }).login().catch((e: Error) => e);
    expect(fed).toMatchObject({ code: 'ERR_TENANT_AUTH_FAILED', message: expect.stringContaining('partner identity provider') });
    handler = (_p, _b, res) => send(res, { PodFqdn: host });
    const loop = await createTenantClient({ url: `http://${host}`, auth: { kind: 'password', user: 'u', password: 'Pw-Secret-9' } }).login().catch((e: Error) => e);
    expect(loop).toMatchObject({ code: 'ERR_TENANT_AUTH_FAILED', message: expect.stringContaining('redirects') });
    expect(seen).toHaveLength(1 + 4);
    for (const e of [fed, loop]) expect(`${(e as Error).message}${JSON.stringify(e)}${(e as Error).stack}`).not.toContain('Pw-Secret-9');
  });

  it('an OOB push (StartOob) cannot be typed: ERR_TENANT_MFA_UNSUPPORTED', async () => {
    handler = (path, _b, res) => {
      if (path === '/Security/StartAuthentication') return send(res, { SessionId: 's', Challenges: [mech('UP', 'Text', 'm'), mech('PF', 'StartOob', 'p')] });
      send(res, { Summary: 'StartNextChallenge' });
    };
    const e = await createTenantClient({ url: `http://${host}`, auth: { kind: 'password', user: 'u', password: 'p', mfa: async () => '1' } }).login().catch((x: Error) => x);
    expect(e).toMatchObject({ code: 'ERR_TENANT_MFA_UNSUPPORTED' });
  });
});
