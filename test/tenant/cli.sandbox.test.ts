/** `samlfed tenant` against the sandbox over real HTTP, in-process with a fake CliIo (test/helpers/cli.ts). */
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { startTestSandbox, TEST_ADMIN_PASSWORD, TEST_CLIENT_ID, TEST_CLIENT_SECRET, type TestSandbox } from '../helpers/sandbox.js';
import { leaked } from './helpers.js';

let sb: TestSandbox;
let mfaSb: TestSandbox;
let dir: string;
beforeAll(async () => {
  [sb, mfaSb] = await Promise.all([startTestSandbox(), startTestSandbox({ adminMfa: 'OATH' })]);
  dir = mkdtempSync(join(tmpdir(), 'samlfed-tenant-cli-'));
  await sb.call('/Federation/AddGlobalGroupAssertionMapping', { Team: 'TestB2B' }, await sb.clientToken());
});
afterAll(async () => {
  await Promise.all([sb?.stop(), mfaSb?.stop()]);
  rmSync(dir, { recursive: true, force: true });
});

const pwEnv = () => ({ SAMLFED_TENANT_URL: sb.url, SAMLFED_USER: sb.admin.user, SAMLFED_PASSWORD: TEST_ADMIN_PASSWORD });
const ccEnv = () => ({ SAMLFED_TENANT_URL: sb.url, SAMLFED_CLIENT_ID: TEST_CLIENT_ID, SAMLFED_CLIENT_SECRET: TEST_CLIENT_SECRET, SAMLFED_APP_ID: sb.oauth.appId, SAMLFED_SCOPE: sb.oauth.scope });

describe('samlfed tenant', () => {
  it('every WHAT prints in text and json, with password login; no secret in any output', async () => {
    for (const what of ['federations', 'global-mappings', 'groups', 'roles', 'policy', 'settings', 'whoami']) {
      const t = await cli(['tenant', what], { env: pwEnv() });
      expect(t.code, `${what}: ${t.stderr}`).toBe(0);
      const j = await cli(['tenant', what, '-f', 'json'], { env: pwEnv() });
      expect(j.code).toBe(0);
      expect(() => JSON.parse(j.stdout)).not.toThrow();
      expect(leaked(t.stdout + t.stderr + j.stdout + j.stderr)).toEqual([]);
    }
  });

  it('shows the documented data: mappings, groups, settings URLs, whoami', async () => {
    expect((await cli(['tenant', 'global-mappings'], { env: pwEnv() })).stdout).toBe('"Team" -> TestB2B\n');
    expect(JSON.parse((await cli(['tenant', 'groups', '--format', 'json'], { env: pwEnv() })).stdout).groups).toContain('TestB2B');
    const s = (await cli(['tenant', 'settings'], { env: pwEnv() })).stdout;
    expect(s).toContain(`SPMetadataUrl: ${sb.url}/Federation/federationmetadata?FederationType=SAML%202.0`);
    expect(s).toContain(`SPAutnenticationResponseUrl: ${sb.url}/My`);
    expect((await cli(['tenant', 'whoami'], { env: pwEnv() })).stdout).toContain(`user: ${sb.admin.user}`);
  });

  it('roles --members lists members; policy shows each link with FederatedLoginAllowsMfa', async () => {
    const r = JSON.parse((await cli(['tenant', 'roles', '--members', '-f', 'json'], { env: pwEnv() })).stdout) as { roles: { Name: string; members: { Type: string }[] }[] };
    expect(r.roles.length).toBeGreaterThan(0);
    expect(r.roles.every((x) => Array.isArray(x.members))).toBe(true);
    const p = (await cli(['tenant', 'policy'], { env: pwEnv() })).stdout;
    expect(p).toMatch(/^policy links \(evaluation order\), RevStamp \d+\n  1\. \/Policy\/.+ link=\w+ {2}FederatedLoginAllowsMfa=/);
  });

  it('client credentials inferred from the environment; --url wins over SAMLFED_TENANT_URL', async () => {
    const r = await cli(['tenant', 'whoami', '-f', 'json', '--url', sb.url], { env: { ...ccEnv(), SAMLFED_TENANT_URL: 'https://wrong.invalid' } });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).whoami.User.toLowerCase()).toBe(TEST_CLIENT_ID.toLowerCase());
  });

  it('a secret file (0600, KEY=VALUE) works; a group-readable one is refused with ERR_TENANT_CONFIG', async () => {
    const f = join(dir, 'secrets.env');
    writeFileSync(f, `# sandbox\nSAMLFED_USER=${sb.admin.user}\nSAMLFED_PASSWORD="${TEST_ADMIN_PASSWORD}"\n`);
    chmodSync(f, 0o600);
    const ok = await cli(['tenant', 'whoami', '--url', sb.url, '--secret-file', f], { env: {} });
    expect(ok.code).toBe(0);
    chmodSync(f, 0o640);
    const bad = await cli(['tenant', 'whoami', '--url', sb.url, '--secret-file', f], { env: {} });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('ERR_TENANT_CONFIG');
    expect(bad.stderr).toContain('chmod 600');
    expect(leaked(bad.stderr)).toEqual([]);
  });

  it('a JSON secret file with an unknown key is refused naming the key, not the value', async () => {
    const f = join(dir, 'secrets.json');
    writeFileSync(f, JSON.stringify({ SAMLFED_TOKEN: 'x', SAMLFED_PASWORD: TEST_ADMIN_PASSWORD }));
    chmodSync(f, 0o600);
    const r = await cli(['tenant', 'groups', '--url', sb.url, '--secret-file', f], { env: {} });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('SAMLFED_PASWORD');
    expect(leaked(r.stderr)).toEqual([]);
  });

  it('a ready token from SAMLFED_TOKEN', async () => {
    const token = await sb.login();
    const r = await cli(['tenant', 'whoami'], { env: { SAMLFED_TENANT_URL: sb.url, SAMLFED_TOKEN: token } });
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr).not.toContain(token);
  });

  it('a second challenge without SAMLFED_MFA_CODE and without a TTY: ERR_TENANT_MFA_UNSUPPORTED; a wrong SAMLFED_MFA_CODE is refused; both exit 2', async () => {
    const env = { SAMLFED_TENANT_URL: mfaSb.url, SAMLFED_USER: mfaSb.admin.user, SAMLFED_PASSWORD: TEST_ADMIN_PASSWORD };
    const no = await cli(['tenant', 'whoami'], { env });
    expect(no.code).toBe(2);
    expect(no.stderr).toContain('ERR_TENANT_MFA_UNSUPPORTED');
    // OATH codes are issued when the password is accepted; a wrong code is refused (exit 2).
    const wrong = await cli(['tenant', 'whoami'], { env: { ...env, SAMLFED_MFA_CODE: '000000x' } });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('ERR_TENANT_AUTH_FAILED');
    expect(leaked(no.stderr + wrong.stderr)).toEqual([]);
  });

  it('wrong password: exit 2, ERR_TENANT_AUTH_FAILED, the password in no output (json error too)', async () => {
    const r = await cli(['tenant', 'groups', '-f', 'json'], { env: { ...pwEnv(), SAMLFED_PASSWORD: 'Wrong-Pw-Value-55' } });
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).error).toMatchObject({ code: 'ERR_TENANT_AUTH_FAILED', kind: 'auth' });
    expect(r.stdout + r.stderr).not.toContain('Wrong-Pw-Value-55');
  });

  it('usage: no WHAT, unknown WHAT, no URL, no credentials, a bad URL, -o writes a file', async () => {
    expect((await cli(['tenant'], { env: pwEnv() })).code).toBe(2);
    expect((await cli(['tenant', 'everything'], { env: pwEnv() })).code).toBe(2);
    const noUrl = await cli(['tenant', 'groups'], { env: { SAMLFED_TOKEN: 't' } });
    expect([noUrl.code, noUrl.stderr.includes('ERR_TENANT_CONFIG')]).toEqual([2, true]);
    const noCreds = await cli(['tenant', 'groups', '--url', sb.url], { env: {} });
    expect([noCreds.code, noCreds.stderr.includes('ERR_TENANT_CONFIG')]).toEqual([2, true]);
    expect((await cli(['tenant', 'groups', '--url', 'http://tenant.example'], { env: { SAMLFED_TOKEN: 't' } })).code).toBe(2);
    const out = join(dir, 'groups.json');
    expect((await cli(['tenant', 'groups', '-f', 'json', '-o', out], { env: pwEnv() })).code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).groups).toContain('TestB2B');
    // -o creates the parent directory (the CLI's one -o rule, src/cli/output.ts), as for lint and payload.
    const nested = join(dir, 'new', 'deeper', 'groups.json');
    expect((await cli(['tenant', 'groups', '-f', 'json', '-o', nested], { env: pwEnv() })).code).toBe(0);
    expect(JSON.parse(readFileSync(nested, 'utf8')).groups).toContain('TestB2B');
  });

  it('the tenant refusing is exit 1 with the tenant error', async () => {
    await sb.fetch('/_sandbox/faults', { method: 'PUT', body: JSON.stringify([{ kind: 'envelope', path: '/Federation/GetGroups', message: 'Nope.' }]) });
    try {
      const r = await cli(['tenant', 'groups'], { env: pwEnv() });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('ERR_TENANT_API');
      expect(r.stderr).toContain('Nope.');
    } finally {
      await sb.fetch('/_sandbox/faults', { method: 'PUT', body: '[]' });
    }
  });
});
