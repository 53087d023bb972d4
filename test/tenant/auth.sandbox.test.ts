/** Login flows of the tenant client against the sandbox, over real HTTP on 127.0.0.1 (tenant-api.md §2). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenantClient, isTenantError, type MfaChallenge } from '../../src/tenant/index.js';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';
import { clientAuth, clientFor, leaked, passwordAuth, recordingFetch } from './helpers.js';

let sb: TestSandbox;
let mfaSb: TestSandbox;
beforeAll(async () => {
  [sb, mfaSb] = await Promise.all([startTestSandbox(), startTestSandbox({ adminMfa: 'EMAIL' })]);
});
afterAll(async () => {
  await Promise.all([sb?.stop(), mfaSb?.stop()]);
});

const codeFor = async (box: TestSandbox, user: string): Promise<string> => {
  const r = await box.adminApi<{ codes: { code: string; user: string }[] }>(`codes?user=${encodeURIComponent(user)}`);
  return r.codes.at(-1)!.code;
};

async function errorOf(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}

describe('client credentials (§2.1)', () => {
  it('gets a token and whoami names the service user', async () => {
    const { client } = clientFor(sb);
    const me = await client.whoami();
    expect(me.User.toLowerCase()).toBe(sb.oauth.clientId.toLowerCase());
    expect(me.TenantId).toBe('AAA1234');
  });

  it('a wrong secret is ERR_TENANT_AUTH_FAILED with the OAuth error, and the secret is nowhere in the error', async () => {
    const wrong = 'Wrong-Secret-Value-12345';
    const { client } = clientFor(sb, { auth: { ...clientAuth(sb), clientSecret: wrong } as never });
    const e = await errorOf(client.getGroups());
    expect(isTenantError(e, 'ERR_TENANT_AUTH_FAILED')).toBe(true);
    expect((e as { kind: string }).kind).toBe('oauth');
    expect((e as Error).message).toContain('invalid_client');
    const text = `${(e as Error).message} ${JSON.stringify(e)} ${(e as Error).stack}`;
    expect(text).not.toContain(wrong);
    expect(leaked(text)).toEqual([]);
  });
});

describe('user and password (§2.2)', () => {
  it('logs in with the password only and prefers the .ASPXAUTH cookie', async () => {
    const rec = recordingFetch();
    const { client } = clientFor(sb, { auth: passwordAuth(sb), fetch: rec.fetch });
    const me = await client.whoami();
    expect(me.User).toBe(sb.admin.user);
    expect(rec.calls.map((c) => c.path)).toEqual(['/Security/StartAuthentication', '/Security/AdvanceAuthentication', '/Security/whoami']);
    expect(rec.calls[2]!.authorization).toMatch(/^Bearer .+/);
  });

  it('answers the second challenge (EMAIL: StartOOB, then the code from the callback)', async () => {
    const seen: MfaChallenge[] = [];
    const { client } = clientFor(mfaSb, {
      auth: passwordAuth(mfaSb, async (c) => {
        seen.push(c);
        return codeFor(mfaSb, mfaSb.admin.user);
      }),
    });
    expect((await client.whoami()).User).toBe(mfaSb.admin.user);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.name).toBe('EMAIL');
    expect(seen[0]!.prompt).toContain('code');
  });

  it('without an answer callback the second challenge is ERR_TENANT_MFA_UNSUPPORTED', async () => {
    const { client } = clientFor(mfaSb, { auth: passwordAuth(mfaSb) });
    const e = await errorOf(client.login());
    expect(isTenantError(e, 'ERR_TENANT_MFA_UNSUPPORTED')).toBe(true);
    expect(leaked(`${(e as Error).message} ${JSON.stringify(e)}`)).toEqual([]);
  });

  it('a wrong code is the documented failure, as ERR_TENANT_AUTH_FAILED with the tenant message', async () => {
    const { client } = clientFor(mfaSb, { auth: passwordAuth(mfaSb, async () => '000000x') });
    const e = await errorOf(client.login());
    expect(isTenantError(e, 'ERR_TENANT_AUTH_FAILED')).toBe(true);
    expect((e as { tenantMessage: string }).tenantMessage).toMatch(/Authentication \(login or challenge\) has failed/);
  });

  it('a wrong password never appears in the error', async () => {
    const wrong = 'Not-The-Password-987';
    const { client } = clientFor(sb, { auth: { kind: 'password', user: sb.admin.user, password: wrong } });
    const e = await errorOf(client.getGroups());
    expect(isTenantError(e, 'ERR_TENANT_AUTH_FAILED')).toBe(true);
    const text = `${(e as Error).message} ${JSON.stringify(e)} ${(e as Error).stack}`;
    expect(text).not.toContain(wrong);
    expect(leaked(text)).toEqual([]);
  });

  it('follows the PodFqdn redirect and uses the pod URL for every later call', async () => {
    const rec = recordingFetch();
    const { client } = clientFor(sb, { url: sb.podUrl, auth: passwordAuth(sb), fetch: rec.fetch });
    expect(client.baseUrl).toBe(sb.podUrl);
    await client.getGroups();
    expect(client.baseUrl).toBe(sb.url);
    expect(rec.calls.map((c) => c.path)).toEqual(['/pod0/Security/StartAuthentication', '/Security/StartAuthentication', '/Security/AdvanceAuthentication', '/Federation/GetGroups']);
  });
});

describe('a ready token (§2.3), whoami and logout (§2.4, §2.5)', () => {
  it('uses the token; after logout the token is refused with ERR_TENANT_UNAUTHORIZED (a token cannot be renewed)', async () => {
    const token = await sb.login();
    const client = createTenantClient({ url: sb.url, auth: { kind: 'token', token } });
    expect((await client.whoami()).User).toBe(sb.admin.user);
    const other = createTenantClient({ url: sb.url, auth: { kind: 'token', token } });
    await client.logout();
    const e = await errorOf(other.getGroups());
    expect(isTenantError(e, 'ERR_TENANT_UNAUTHORIZED')).toBe(true);
    expect((e as { httpStatus: number }).httpStatus).toBe(401);
    expect(JSON.stringify(e)).not.toContain(token);
    await expect(client.getGroups()).rejects.toMatchObject({ code: 'ERR_TENANT_UNAUTHORIZED' });
  });

  it('401 triggers exactly one re-authentication, then the call succeeds', async () => {
    const rec = recordingFetch();
    const { client } = clientFor(sb, { fetch: rec.fetch });
    await client.getGroups();
    const first = rec.calls.at(-1)!.authorization!.replace(/^Bearer /, '');
    await sb.call('/Security/Logout', {}, first); // the token dies behind the client's back
    expect(await client.getGroups()).toBeInstanceOf(Array);
    const paths = rec.calls.map((c) => c.path);
    expect(paths.filter((p) => p.startsWith('/oauth2/token/'))).toHaveLength(2);
    expect(paths.slice(-3)).toEqual(['/Federation/GetGroups', `/oauth2/token/${sb.oauth.appId}`, '/Federation/GetGroups']);
    expect(rec.calls.at(-1)!.authorization).not.toBe(`Bearer ${first}`);
  });
});
