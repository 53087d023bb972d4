import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNAUTHORIZED_TEXT } from '../../src/sandbox/index.js';
import { NATIVE, startTestSandbox, TEST_ADMIN_PASSWORD, TEST_CLIENT_SECRET, type TestSandbox } from '../helpers/sandbox.js';

let sb: TestSandbox;
beforeAll(async () => {
  sb = await startTestSandbox();
});
afterAll(() => sb.stop());

const post = (path: string, body: string, headers: Record<string, string> = {}) => sb.fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body });

describe('sandbox auth gate (tenant-api.md §1.2, §2.7, §9.3)', () => {
  it('refuses a call without the native-client header with the documented 401 text/html', async () => {
    const token = await sb.login();
    const r = await post('/Federation/GetFederations', '{}', { Authorization: `Bearer ${token}` });
    expect(r.status).toBe(401);
    expect(r.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await r.text()).toBe(UNAUTHORIZED_TEXT);
    expect(r.headers.get('x-samlfed-sandbox')).toBe('1');
  });

  it('accepts X-IDAP-NATIVE-CLIENT alone, and refuses a missing or unknown token with 401', async () => {
    const token = await sb.login();
    expect((await post('/Federation/GetGroups', '{}', { 'X-IDAP-NATIVE-CLIENT': 'true', Authorization: `Bearer ${token}` })).status).toBe(200);
    const none = await post('/Federation/GetGroups', '{}', NATIVE);
    expect(none.status).toBe(401);
    expect(await none.text()).toBe(UNAUTHORIZED_TEXT);
    expect((await post('/Federation/GetGroups', '{}', { ...NATIVE, Authorization: 'Bearer not-a-token' })).status).toBe(401);
  });

  it('accepts the .ASPXAUTH cookie instead of the bearer header', async () => {
    const token = await sb.login();
    const r = await post('/Security/whoami', '{}', { ...NATIVE, Cookie: `.ASPXAUTH=${token}` });
    expect(((await r.json()) as { Result: { User: string } }).Result.User).toBe(sb.admin.user);
  });

  it('matches paths case-insensitively with one trailing slash and accepts {}, [] and an empty body', async () => {
    const token = await sb.login();
    for (const [path, body] of [['/federation/getgroups/', '{}'], ['/FEDERATION/GetGroups', '[]'], ['/Federation/GetGroups', '']] as const) {
      const r = await post(path, body, { ...NATIVE, Authorization: `Bearer ${token}` });
      expect(((await r.json()) as { success: boolean }).success, path).toBe(true);
    }
  });

  it('puts X-Samlfed-Sandbox: 1 on every response: 404, admin, SP metadata', async () => {
    for (const path of ['/no/such/path', '/_sandbox/health', '/Federation/federationmetadata?FederationType=SAML%202.0']) {
      expect((await sb.fetch(path)).headers.get('x-samlfed-sandbox'), path).toBe('1');
    }
  });
});

describe('password login (tenant-api.md §2.2)', () => {
  it('answers StartAuthentication with a UP package, with or without TenantId, and refuses another tenant', async () => {
    const a = await sb.call<{ Summary: string; Challenges: { Mechanisms: { Name: string }[] }[]; TenantId: string }>('/Security/StartAuthentication', { User: sb.admin.user, Version: '1.0' });
    expect(a.Result.Summary).toBe('NewPackage');
    expect(a.Result.Challenges.map((c) => c.Mechanisms[0]!.Name)).toEqual(['UP']);
    expect(a.Result.TenantId).toBe('AAA1234');
    const b = await sb.call('/Security/StartAuthentication', { TenantId: 'aaa1234', User: sb.admin.user, Version: '1.0' });
    expect(b.success).toBe(true);
    const c = await sb.call('/Security/StartAuthentication', { TenantId: 'ZZZ9999', User: sb.admin.user, Version: '1.0' });
    expect(c.success).toBe(false);
  });

  it('a wrong password gives the documented Failure and invalidates the package', async () => {
    const s = await sb.call<{ SessionId: string; Challenges: { Mechanisms: { MechanismId: string }[] }[] }>('/Security/StartAuthentication', { User: sb.admin.user, Version: '1.0' });
    const m = s.Result.Challenges[0]!.Mechanisms[0]!.MechanismId;
    const bad = await sb.call<{ Summary: string }>('/Security/AdvanceAuthentication', { SessionId: s.Result.SessionId, MechanismId: m, Action: 'Answer', Answer: 'wrong' });
    expect(bad.success).toBe(false);
    expect(bad.Result.Summary).toBe('Failure');
    expect(bad.Message).toBe('Authentication (login or challenge) has failed. Please try again or contact your system administrator.');
    const again = await sb.call('/Security/AdvanceAuthentication', { SessionId: s.Result.SessionId, MechanismId: m, Action: 'Answer', Answer: TEST_ADMIN_PASSWORD });
    expect(again.success).toBe(false);
  });

  it('an unknown user gets a package too (no enumeration) and always fails', async () => {
    const s = await sb.call<{ SessionId: string; Challenges: { Mechanisms: { MechanismId: string }[] }[] }>('/Security/StartAuthentication', { User: 'nobody@aaa1234.samlfed.test', Version: '1.0' });
    expect(s.success).toBe(true);
    const r = await sb.call('/Security/AdvanceAuthentication', { SessionId: s.Result.SessionId, MechanismId: s.Result.Challenges[0]!.Mechanisms[0]!.MechanismId, Action: 'Answer', Answer: TEST_ADMIN_PASSWORD });
    expect(r.success).toBe(false);
  });

  it('sets .ASPXAUTH and CCSID cookies and Result.Auth on LoginSuccess', async () => {
    const s = await sb.call<{ SessionId: string; Challenges: { Mechanisms: { MechanismId: string }[] }[] }>('/Security/StartAuthentication', { User: sb.admin.user, Version: '1.0' });
    const r = await post('/Security/AdvanceAuthentication', JSON.stringify({ SessionId: s.Result.SessionId, MechanismId: s.Result.Challenges[0]!.Mechanisms[0]!.MechanismId, Action: 'Answer', Answer: TEST_ADMIN_PASSWORD }), NATIVE);
    const body = (await r.json()) as { Result: { Summary: string; Auth: string; CustomerID: string } };
    expect(body.Result.Summary).toBe('LoginSuccess');
    expect(body.Result.CustomerID).toBe('AAA1234');
    const cookies = r.headers.getSetCookie();
    expect(cookies.find((c) => c.startsWith('.ASPXAUTH='))).toBe(`.ASPXAUTH=${body.Result.Auth}; Path=/; HttpOnly; SameSite=Lax`);
    expect(cookies.some((c) => c.startsWith('CCSID='))).toBe(true);
  });

  it('answers an EMAIL second challenge with the code from /_sandbox/codes', async () => {
    await sb.adminApi('mfa', { body: { mechanism: 'EMAIL' } });
    try {
      const s = await sb.call<{ SessionId: string; Challenges: { Mechanisms: { MechanismId: string; Name: string; AnswerType: string }[] }[] }>('/Security/StartAuthentication', { User: sb.admin.user, Version: '1.0' });
      expect(s.Result.Challenges.map((c) => c.Mechanisms[0]!.Name)).toEqual(['UP', 'EMAIL']);
      const [up, email] = s.Result.Challenges.map((c) => c.Mechanisms[0]!);
      const first = await sb.call<{ Summary: string }>('/Security/AdvanceAuthentication', { SessionId: s.Result.SessionId, MechanismId: up!.MechanismId, Action: 'Answer', Answer: TEST_ADMIN_PASSWORD });
      expect(first.Result.Summary).toBe('StartNextChallenge');
      const oob = await sb.call<{ Summary: string }>('/Security/AdvanceAuthentication', { SessionId: s.Result.SessionId, MechanismId: email!.MechanismId, Action: 'StartOOB' });
      expect(oob.Result.Summary).toBe('OobPending');
      const codes = await sb.adminApi<{ codes: { sessionId: string; code: string; mechanism: string }[] }>('codes');
      const code = codes.codes.find((c) => c.sessionId === s.Result.SessionId)!;
      expect(code.mechanism).toBe('EMAIL');
      const done = await sb.call<{ Summary: string }>('/Security/AdvanceAuthentication', { SessionId: s.Result.SessionId, MechanismId: email!.MechanismId, Action: 'Answer', Answer: code.code });
      expect(done.Result.Summary).toBe('LoginSuccess');
      // and the helper's login() does the same for OATH
      await sb.adminApi('mfa', { body: { mechanism: 'OATH' } });
      const token = await sb.login();
      expect((await sb.call('/Security/whoami', {}, token)).success).toBe(true);
    } finally {
      await sb.adminApi('mfa', { body: { mechanism: null } });
    }
  });

  it('redirects through the pod entry point with PodFqdn (no scheme) and for a bare login suffix', async () => {
    const pod = await sb.call<{ PodFqdn: string }>('/pod0/Security/StartAuthentication', { User: sb.admin.user, Version: '1.0' });
    expect(pod.Result.PodFqdn).toBe(sb.url.replace('http://', ''));
    const suffix = await sb.call<{ PodFqdn: string }>('/Security/StartAuthentication', { User: '@aaa1234.samlfed.test', Version: '1.0' });
    expect(suffix.Result.PodFqdn).toBe(`127.0.0.1:${sb.port}`);
  });

  it('logout invalidates the token; whoami names the user and tenant', async () => {
    const token = await sb.login();
    const who = await sb.call<{ User: string; TenantId: string; UserUuid: string }>('/Security/whoami', {}, token);
    expect(who.Result.User).toBe(sb.admin.user);
    expect(who.Result.TenantId).toBe('AAA1234');
    expect((await sb.call('/Security/Logout', {}, token)).success).toBe(true);
    expect((await post('/Security/whoami', '{}', { ...NATIVE, Authorization: `Bearer ${token}` })).status).toBe(401);
  });
});

describe('OAuth2 client credentials (tenant-api.md §2.1)', () => {
  const tokenCall = (app: string, body: string, auth?: string) =>
    sb.fetch(`/oauth2/token/${app}`, { method: 'POST', headers: { ...NATIVE, 'Content-Type': 'application/x-www-form-urlencoded', ...(auth ? { Authorization: auth } : {}) }, body });
  const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

  it('issues a bearer token with Basic auth or form credentials (plain JSON, not the envelope)', async () => {
    const r = await tokenCall('samlfed', 'grant_type=client_credentials&scope=all', basic(sb.oauth.clientId, TEST_CLIENT_SECRET));
    const j = (await r.json()) as Record<string, unknown>;
    expect(r.status).toBe(200);
    expect(j).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: 'all' });
    expect((await sb.call('/Security/whoami', {}, j['access_token'] as string)).success).toBe(true);
    const form = await tokenCall('SAMLFED', `grant_type=client_credentials&client_id=${encodeURIComponent(sb.oauth.clientId)}&client_secret=${TEST_CLIENT_SECRET}`);
    expect(form.status).toBe(200);
  });

  it('answers 400 invalid_client, invalid_grant and invalid_scope', async () => {
    const cases: [string, string, string | undefined, string][] = [
      ['nosuchapp', 'grant_type=client_credentials', basic(sb.oauth.clientId, TEST_CLIENT_SECRET), 'invalid_client'],
      ['samlfed', 'grant_type=client_credentials', basic(sb.oauth.clientId, 'wrong'), 'invalid_client'],
      ['samlfed', 'grant_type=client_credentials', undefined, 'invalid_client'],
      ['samlfed', 'grant_type=password', basic(sb.oauth.clientId, TEST_CLIENT_SECRET), 'invalid_grant'],
      ['samlfed', 'grant_type=client_credentials&scope=other', basic(sb.oauth.clientId, TEST_CLIENT_SECRET), 'invalid_scope'],
    ];
    for (const [app, body, auth, error] of cases) {
      const r = await tokenCall(app, body, auth);
      expect(r.status, `${app} ${body}`).toBe(400);
      expect(((await r.json()) as { error: string }).error, `${app} ${body}`).toBe(error);
    }
  });
});

describe('request log (secrets redacted)', () => {
  it('never holds the password, the tokens, the client secret or cookies', async () => {
    const token = await sb.login();
    await sb.clientToken();
    await sb.fetch('/Security/whoami', { method: 'POST', headers: { ...NATIVE, Cookie: `.ASPXAUTH=${token}` }, body: '{}' });
    const log = JSON.stringify(await sb.adminApi('requests'));
    expect(log).toContain('/Security/AdvanceAuthentication');
    for (const secret of [TEST_ADMIN_PASSWORD, TEST_CLIENT_SECRET, token, Buffer.from(`${sb.oauth.clientId}:${TEST_CLIENT_SECRET}`).toString('base64')]) expect(log).not.toContain(secret);
    expect(log).toContain('[redacted]');
  });
});
