/**
 * Red-team: handlers read arguments from the query string as well as the JSON body (tenant-api.md
 * §1.1), so a password sent as `?Answer=` must be redacted in GET /_sandbox/requests like a body
 * `Answer` is. Before the fix the query was redacted by a shorter pattern that missed `Answer`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NATIVE, TEST_ADMIN_PASSWORD, startTestSandbox, type Envelope, type TestSandbox } from '../helpers/sandbox.js';

let sb: TestSandbox;
beforeAll(async () => {
  sb = await startTestSandbox();
});
afterAll(() => sb.stop());

describe('secrets in the query string never reach the request log', () => {
  it('a password answered as ?Answer= logs in and is logged as [redacted]', async () => {
    const start = await sb.call<{ SessionId: string; Challenges: { Mechanisms: { MechanismId: string }[] }[] }>('/Security/StartAuthentication', { User: sb.admin.user, Version: '1.0' });
    const q = new URLSearchParams({ SessionId: start.Result.SessionId, MechanismId: start.Result.Challenges[0]!.Mechanisms[0]!.MechanismId, Action: 'Answer', Answer: TEST_ADMIN_PASSWORD, client_secret: 'also-secret' });
    const r = await sb.fetch(`/Security/AdvanceAuthentication?${q}`, { method: 'POST', headers: { ...NATIVE, 'Content-Type': 'application/json' }, body: '{}' });
    const env = (await r.json()) as Envelope<{ Summary: string }>;
    expect(env.success).toBe(true);
    expect(env.Result.Summary).toBe('LoginSuccess');
    const log = (await (await sb.fetch('/_sandbox/requests')).text());
    expect(log).not.toContain(TEST_ADMIN_PASSWORD);
    expect(log).not.toContain('also-secret');
    const { requests } = JSON.parse(log) as { requests: { path: string; query: string }[] };
    const entry = requests.find((e) => e.path === '/Security/AdvanceAuthentication')!;
    const logged = new URLSearchParams(entry.query);
    expect(logged.get('Answer')).toBe('[redacted]');
    expect(logged.get('client_secret')).toBe('[redacted]');
    expect(logged.get('Action')).toBe('Answer');
  });
});
