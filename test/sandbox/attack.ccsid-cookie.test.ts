/**
 * Red-team: the device cookie CCSID a browser sends back was echoed verbatim in the login's
 * Set-Cookie (a value of the attacker's choosing planted under the sandbox's name). Now only a
 * value of the sandbox's own shape (32 lower-case hex digits) is kept; anything else is replaced.
 * Also checked: the session token is new on every login (no fixation through .ASPXAUTH), and
 * Logout invalidates the token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NATIVE, TEST_ADMIN_PASSWORD, startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';

let sb: TestSandbox;
beforeAll(async () => {
  sb = await startTestSandbox();
});
afterAll(() => sb.stop());

async function loginWithCookie(cookie: string): Promise<{ setCookies: string[]; token: string }> {
  const headers = { ...NATIVE, 'Content-Type': 'application/json', Cookie: cookie };
  const start = (await (await sb.fetch('/Security/StartAuthentication', { method: 'POST', headers, body: JSON.stringify({ User: sb.admin.user, Version: '1.0' }) })).json()) as { Result: { SessionId: string; Challenges: { Mechanisms: { MechanismId: string }[] }[] } };
  const r = await sb.fetch('/Security/AdvanceAuthentication', { method: 'POST', headers, body: JSON.stringify({ SessionId: start.Result.SessionId, MechanismId: start.Result.Challenges[0]!.Mechanisms[0]!.MechanismId, Action: 'Answer', Answer: TEST_ADMIN_PASSWORD }) });
  const j = (await r.json()) as { success: boolean; Result: { Auth: string } };
  expect(j.success).toBe(true);
  return { setCookies: r.headers.getSetCookie(), token: j.Result.Auth };
}

const ccsidOf = (cookies: string[]) => cookies.find((c) => c.startsWith('CCSID='))!.split(';')[0]!.slice('CCSID='.length);

describe('login cookies', () => {
  it('a hostile CCSID is not echoed; a fresh 32-hex value is set', async () => {
    const { setCookies } = await loginWithCookie('CCSID=evil, .ASPXAUTH=planted');
    const v = ccsidOf(setCookies);
    expect(v).toMatch(/^[0-9a-f]{32}$/);
    expect(setCookies.join('\n')).not.toContain('evil');
  });

  it('a CCSID of the sandbox\'s own shape is kept (the device stays the same)', async () => {
    const own = 'ab'.repeat(16);
    expect(ccsidOf((await loginWithCookie(`CCSID=${own}`)).setCookies)).toBe(own);
  });

  it('a planted .ASPXAUTH is not adopted: the session token is new, and Logout ends it', async () => {
    const { setCookies, token } = await loginWithCookie('.ASPXAUTH=planted-by-attacker');
    expect(token).not.toBe('planted-by-attacker');
    expect(setCookies.some((c) => c.startsWith(`.ASPXAUTH=${token};`))).toBe(true);
    const who = await sb.fetch('/Security/whoami', { method: 'POST', headers: { ...NATIVE, Cookie: '.ASPXAUTH=planted-by-attacker' } });
    expect(who.status).toBe(401);
    expect((await sb.call('/Security/Logout', {}, token)).success).toBe(true);
    const after = await sb.fetch('/Security/whoami', { method: 'POST', headers: { ...NATIVE, Authorization: `Bearer ${token}` } });
    expect(after.status).toBe(401);
  });
});
