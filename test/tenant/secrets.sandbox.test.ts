/**
 * Secrets never reach an error, its toJSON, its cause chain, or the CLI's output: a battery of
 * failures with each credential kind against the sandbox (and a dead port), everything collected
 * and searched for every secret string.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenantClient, type TenantAuth } from '../../src/tenant/index.js';
import { cli } from '../helpers/cli.js';
import { startTestSandbox, TEST_ADMIN_PASSWORD, TEST_CLIENT_ID, TEST_CLIENT_SECRET, type TestSandbox } from '../helpers/sandbox.js';
import { recordingSleep } from './helpers.js';

const WRONG = ['Wrong-Password-xyz-1', 'Wrong-Client-Secret-xyz-2', 'Wrong-Token-xyz-3'];
let sb: TestSandbox;
let deadUrl: string;
let token: string;
beforeAll(async () => {
  sb = await startTestSandbox({ adminMfa: 'EMAIL' });
  token = await sb.login();
  const dead = createServer();
  await new Promise<void>((r) => dead.listen(0, '127.0.0.1', r));
  deadUrl = `http://127.0.0.1:${(dead.address() as AddressInfo).port}`;
  await new Promise<void>((r) => dead.close(() => r()));
});
afterAll(() => sb?.stop());

/** Everything an error can show: message, stack, toJSON, and the same for each cause. */
function everything(e: unknown): string {
  const parts: string[] = [];
  for (let x: unknown = e, depth = 0; x !== undefined && x !== null && depth < 10; x = (x as { cause?: unknown }).cause, depth++) {
    if (x instanceof Error) parts.push(x.message, x.stack ?? '', JSON.stringify(x), String(x));
    else parts.push(JSON.stringify(x) ?? String(x));
  }
  return parts.join('\n');
}

describe('no secret in any error or output', () => {
  it('client errors across flows and failures', async () => {
    const secrets = [TEST_ADMIN_PASSWORD, TEST_CLIENT_SECRET, token, ...WRONG];
    const auths: TenantAuth[] = [
      { kind: 'password', user: sb.admin.user, password: TEST_ADMIN_PASSWORD }, // MFA needed, no callback
      { kind: 'password', user: sb.admin.user, password: TEST_ADMIN_PASSWORD, mfa: async () => 'bad-code' },
      { kind: 'password', user: sb.admin.user, password: WRONG[0]! },
      { kind: 'client-credentials', appId: sb.oauth.appId, clientId: TEST_CLIENT_ID, clientSecret: WRONG[1]!, scope: sb.oauth.scope },
      { kind: 'client-credentials', appId: sb.oauth.appId, clientId: TEST_CLIENT_ID, clientSecret: TEST_CLIENT_SECRET, scope: 'not-granted' },
      { kind: 'token', token: WRONG[2]! },
    ];
    const errors: unknown[] = [];
    for (const auth of auths) {
      for (const url of [sb.url, deadUrl]) {
        const c = createTenantClient({ url, auth, sleep: recordingSleep().sleep, timeoutMs: 2000 });
        await c.getGroups().then(() => errors.push(new Error(`unexpected success ${auth.kind}`)), (e: unknown) => errors.push(e));
      }
    }
    // A write failing in transit with a good token.
    await sb.fetch('/_sandbox/faults', { method: 'PUT', body: JSON.stringify([{ kind: 'drop', path: '/Federation/AddGlobalGroupAssertionMapping', times: 1 }]) });
    await createTenantClient({ url: sb.url, auth: { kind: 'token', token } }).addGlobalGroupMapping({ AttributeValue: 'a', GroupName: 'g' }).catch((e: unknown) => errors.push(e));
    expect(errors).toHaveLength(auths.length * 2 + 1);
    expect(errors.map((e) => (e as { code?: string }).code).every((c) => typeof c === 'string' && c.startsWith('ERR_TENANT_'))).toBe(true);
    const text = errors.map(everything).join('\n');
    expect(secrets.filter((s) => text.includes(s))).toEqual([]);
  });

  it('CLI outputs (text and json) for failing logins', async () => {
    const runs: Record<string, string>[] = [
      { SAMLFED_TENANT_URL: sb.url, SAMLFED_USER: sb.admin.user, SAMLFED_PASSWORD: WRONG[0]! },
      { SAMLFED_TENANT_URL: sb.url, SAMLFED_USER: sb.admin.user, SAMLFED_PASSWORD: TEST_ADMIN_PASSWORD },
      { SAMLFED_TENANT_URL: sb.url, SAMLFED_CLIENT_ID: TEST_CLIENT_ID, SAMLFED_CLIENT_SECRET: WRONG[1]!, SAMLFED_APP_ID: sb.oauth.appId, SAMLFED_SCOPE: sb.oauth.scope },
      { SAMLFED_TENANT_URL: sb.url, SAMLFED_TOKEN: WRONG[2]! },
    ];
    let out = '';
    for (const env of runs) {
      for (const format of ['text', 'json']) {
        const r = await cli(['tenant', 'whoami', '-f', format], { env });
        expect(r.code).not.toBe(0);
        out += r.stdout + r.stderr;
      }
    }
    expect([TEST_ADMIN_PASSWORD, TEST_CLIENT_SECRET, ...WRONG].filter((s) => out.includes(s))).toEqual([]);
  });
});
