import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SandboxError, startSandbox } from '../../src/sandbox/index.js';
import { federationForm, NATIVE, startTestSandbox, testSpKeys, type Envelope } from '../helpers/sandbox.js';

const dir = mkdtempSync(join(tmpdir(), 'samlfed-sandbox-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function thrown(p: Promise<unknown>): Promise<SandboxError> {
  try {
    await p;
  } catch (e) {
    return e as SandboxError;
  }
  throw new Error('expected a rejection');
}

describe('state file (tenant-api.md §9.1, §9.2)', () => {
  it('survives a restart: federations, groups, SP keys and credentials', async () => {
    const stateFile = join(dir, 'restart.json');
    const a = await startTestSandbox({ stateFile });
    const token = await a.login();
    const r = (await (await a.fetch('/Federation/CreateFederation', { method: 'POST', headers: { ...NATIVE, Authorization: `Bearer ${token}` }, body: federationForm({}) })).json()) as Envelope<{ FederationUuid: string }>;
    const settingsBefore = await a.call<{ SPSigningCertificateThumbprint: string }>('/Federation/GetGlobalFederationSettings', {}, token);
    await a.stop();
    expect(existsSync(stateFile)).toBe(true);
    const saved = JSON.parse(readFileSync(stateFile, 'utf8')) as { version: number; federations: unknown[] };
    expect(saved.version).toBe(2);
    expect(readFileSync(stateFile, 'utf8')).not.toContain('Sandbox-Test-Pa55word!');
    // Restart without any password option: the stored hash still logs the admin in.
    const b = await startSandbox({ stateFile });
    try {
      expect(b.admin.password).toBeUndefined();
      const login = await fetch(`${b.url}/Security/StartAuthentication`, { method: 'POST', headers: { ...NATIVE, 'Content-Type': 'application/json' }, body: JSON.stringify({ User: b.admin.user, Version: '1.0' }) });
      const pkg = (await login.json()) as Envelope<{ SessionId: string; Challenges: { Mechanisms: { MechanismId: string }[] }[] }>;
      const adv = await fetch(`${b.url}/Security/AdvanceAuthentication`, { method: 'POST', headers: { ...NATIVE, 'Content-Type': 'application/json' }, body: JSON.stringify({ SessionId: pkg.Result.SessionId, MechanismId: pkg.Result.Challenges[0]!.Mechanisms[0]!.MechanismId, Action: 'Answer', Answer: 'Sandbox-Test-Pa55word!' }) });
      const t2 = ((await adv.json()) as Envelope<{ Auth: string }>).Result.Auth;
      const list = (await (await fetch(`${b.url}/Federation/GetFederations`, { method: 'POST', headers: { ...NATIVE, Authorization: `Bearer ${t2}` }, body: '{}' })).json()) as Envelope<{ FederationUuid: string }[]>;
      expect(list.Result.map((f) => f.FederationUuid)).toEqual([r.Result.FederationUuid]);
      const settings = (await (await fetch(`${b.url}/Federation/GetGlobalFederationSettings`, { method: 'POST', headers: { ...NATIVE, Authorization: `Bearer ${t2}` }, body: '{}' })).json()) as Envelope<{ SPSigningCertificateThumbprint: string }>;
      expect(settings.Result.SPSigningCertificateThumbprint).toBe(settingsBefore.Result.SPSigningCertificateThumbprint);
    } finally {
      await b.stop();
    }
  });

  it('refuses a corrupt state file with a clear error and leaves it untouched', async () => {
    const stateFile = join(dir, 'corrupt.json');
    writeFileSync(stateFile, '{"version":1, "tenant": ');
    const e = await thrown(startSandbox({ stateFile, keys: testSpKeys() }));
    expect(e.code).toBe('ERR_SANDBOX_STATE_CORRUPT');
    expect(e.message).toContain('refusing to start');
    expect(readFileSync(stateFile, 'utf8')).toBe('{"version":1, "tenant": ');
    writeFileSync(stateFile, JSON.stringify({ version: 1, tenant: { id: 'AAA1234' } }));
    expect((await thrown(startSandbox({ stateFile }))).code).toBe('ERR_SANDBOX_STATE_CORRUPT');
  });

  it('refuses a state file of another version', async () => {
    const stateFile = join(dir, 'v99.json');
    writeFileSync(stateFile, JSON.stringify({ version: 99 }));
    const e = await thrown(startSandbox({ stateFile }));
    expect(e.code).toBe('ERR_SANDBOX_STATE_VERSION');
    expect(e.message).toContain('written by another sandbox version');
  });

  it('exports and imports state (validated), and reset goes back to the seed', async () => {
    const sb = await startTestSandbox();
    try {
      const token = await sb.login();
      await sb.fetch('/Federation/CreateFederation', { method: 'POST', headers: { ...NATIVE, Authorization: `Bearer ${token}` }, body: federationForm({}) });
      const exported = await sb.adminApi<{ federations: unknown[] }>('state');
      expect(exported.federations).toHaveLength(1);
      await sb.fetch('/_sandbox/reset', { method: 'POST' });
      expect((await sb.call<unknown[]>('/Federation/GetFederations', {}, token)).Result).toEqual([]);
      const bad = await sb.fetch('/_sandbox/state', { method: 'PUT', body: JSON.stringify({ ...exported, federations: 'nope' }) });
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { error: string }).error).toBe('ERR_SANDBOX_STATE_INVALID');
      const fed = (exported.federations[0] as Record<string, unknown>);
      const nested = await sb.fetch('/_sandbox/state', { method: 'PUT', body: JSON.stringify({ ...exported, federations: [{ ...fed, idpSigningSummaries: undefined }] }) });
      expect(await nested.json()).toMatchObject({ error: 'ERR_SANDBOX_STATE_INVALID', message: expect.stringContaining('federations[0].idpSigningSummaries') });
      const notJson = await sb.fetch('/_sandbox/state', { method: 'PUT', body: '{' });
      expect(((await notJson.json()) as { error: string }).error).toBe('ERR_SANDBOX_STATE_INVALID');
      const ok = await sb.fetch('/_sandbox/state', { method: 'PUT', body: JSON.stringify(exported) });
      expect(ok.status).toBe(200);
      expect((await sb.call<unknown[]>('/Federation/GetFederations', {}, token)).Result).toHaveLength(1);
    } finally {
      await sb.stop();
    }
  });

  it('the same seed gives the same ids', async () => {
    const uuids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const sb = await startTestSandbox({ seed: 42 });
      try {
        const token = await sb.login();
        const r = (await (await sb.fetch('/Federation/CreateFederation', { method: 'POST', headers: { ...NATIVE, Authorization: `Bearer ${token}` }, body: federationForm({}) })).json()) as Envelope<{ FederationUuid: string }>;
        uuids.push(r.Result.FederationUuid);
      } finally {
        await sb.stop();
      }
    }
    expect(uuids[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4/);
    expect(uuids[1]).toBe(uuids[0]);
  });

  it('removes its temporary state file on stop', async () => {
    const sb = await startTestSandbox();
    expect(existsSync(sb.stateFile)).toBe(true);
    await sb.stop();
    expect(existsSync(sb.stateFile)).toBe(false);
  });
});
