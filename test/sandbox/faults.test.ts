import { describe, expect, it } from 'vitest';
import { parseFaults, SandboxError } from '../../src/sandbox/index.js';
import { federationForm, NATIVE, sandboxForFile, startTestSandbox, type Envelope } from '../helpers/sandbox.js';

const sb = sandboxForFile({ resetBeforeEach: true });

const setFaults = async (rules: unknown) => {
  const r = await sb.fetch('/_sandbox/faults', { method: 'PUT', body: JSON.stringify(rules) });
  expect(r.status).toBe(200);
};
const groups = (signal?: AbortSignal) => sb.fetch('/Federation/GetGroups', { method: 'POST', headers: { ...NATIVE, Authorization: `Bearer ${sb.token}` }, body: '{}', ...(signal ? { signal } : {}) });
const createFed = () => sb.fetch('/Federation/CreateFederation', { method: 'POST', headers: { ...NATIVE, Authorization: `Bearer ${sb.token}` }, body: federationForm({}) });

describe('faults (tenant-api.md §9.4)', () => {
  it('latency delays the real answer', async () => {
    await setFaults([{ kind: 'latency', path: '/Federation/GetGroups', latencyMs: 150 }]);
    const t0 = performance.now();
    const r = await groups();
    expect(((await r.json()) as Envelope).success).toBe(true);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(140);
  });

  it('http 500 and 503 with Retry-After, then the real answer once `times` is used up', async () => {
    await setFaults([{ kind: 'http', path: '/federation/getgroups', status: 503, retryAfter: 2, times: 1 }]);
    const r = await groups();
    expect(r.status).toBe(503);
    expect(r.headers.get('retry-after')).toBe('2');
    expect(r.headers.get('x-samlfed-sandbox')).toBe('1');
    expect((await groups()).status).toBe(200);
    await setFaults([{ kind: 'http' }]);
    expect((await groups()).status).toBe(500);
  });

  it('throttle answers 429 with Retry-After', async () => {
    await setFaults([{ kind: 'throttle', retryAfter: 1, path: '/Federation/*' }]);
    const r = await groups();
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBe('1');
  });

  it('envelope answers HTTP 200 success:false with the message', async () => {
    await setFaults([{ kind: 'envelope', message: 'Try later.' }]);
    const j = (await (await groups()).json()) as Envelope;
    expect(j).toMatchObject({ success: false, Message: 'Try later.', ErrorID: 'sandbox-fault' });
  });

  it('drop destroys the connection before any answer', async () => {
    await setFaults([{ kind: 'drop', times: 1 }]);
    await expect(groups()).rejects.toThrow();
    expect((await groups()).status).toBe(200);
  });

  it('stall holds the answer until the client gives up, and does not keep the server from stopping', async () => {
    const other = await startTestSandbox({ faults: [{ kind: 'stall', path: '/Federation/GetGroups' }] });
    const t = await other.login();
    const pending = other.fetch('/Federation/GetGroups', { method: 'POST', headers: { ...NATIVE, Authorization: `Bearer ${t}` }, body: '{}', signal: AbortSignal.timeout(300) });
    await expect(pending).rejects.toThrow(/abort|timeout/i);
    const stalled2 = other.fetch('/Federation/GetGroups', { method: 'POST', headers: { ...NATIVE, Authorization: `Bearer ${t}` }, body: '{}' }).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 50));
    const t0 = performance.now();
    await other.stop();
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(await stalled2).toBeInstanceOf(Error);
  });

  it('partial-commit applies the change and then fails the response: a blind retry would duplicate', async () => {
    await setFaults([{ kind: 'partial-commit', path: '/Federation/CreateFederation', times: 1 }]);
    const r = await createFed();
    expect(r.status).toBe(500);
    const list = await sb.call<{ FederationName: string }[]>('/Federation/GetFederations', {}, sb.token);
    expect(list.Result.map((f) => f.FederationName)).toEqual(['Acme']);
    const retry = (await (await createFed()).json()) as Envelope;
    expect(retry.Message).toBe("A federation named 'Acme' already exists.");
  });

  it('after skips the first matches; probability is reproducible for a seed', async () => {
    await setFaults([{ kind: 'http', after: 2 }]);
    expect([(await groups()).status, (await groups()).status, (await groups()).status]).toEqual([200, 200, 500]);
    const runs: number[][] = [];
    for (let i = 0; i < 2; i++) {
      const s = await startTestSandbox({ seed: 7, faults: [{ kind: 'http', probability: 0.5, path: '/_none_' }] });
      try {
        await s.fetch('/_sandbox/faults', { method: 'PUT', body: JSON.stringify([{ kind: 'http', probability: 0.5, path: '/Federation/GetGroups' }]) });
        const t = await s.login();
        const statuses: number[] = [];
        for (let k = 0; k < 12; k++) statuses.push((await s.fetch('/Federation/GetGroups', { method: 'POST', headers: { ...NATIVE, Authorization: `Bearer ${t}` }, body: '{}' })).status);
        runs.push(statuses);
      } finally {
        await s.stop();
      }
    }
    expect(runs[0]).toEqual(runs[1]);
    expect(runs[0]).toContain(500);
    expect(runs[0]).toContain(200);
  });

  it('refuses an invalid fault spec with ERR_SANDBOX_FAULTS_INVALID (admin endpoint and option)', async () => {
    const r = await sb.fetch('/_sandbox/faults', { method: 'PUT', body: JSON.stringify([{ kind: 'explode' }]) });
    expect(r.status).toBe(400);
    expect(((await r.json()) as { error: string }).error).toBe('ERR_SANDBOX_FAULTS_INVALID');
    expect(() => parseFaults([{ kind: 'http', probability: 2 }])).toThrow(SandboxError);
    await expect(startTestSandbox({ faults: { nope: true } })).rejects.toMatchObject({ code: 'ERR_SANDBOX_FAULTS_INVALID' });
  });
});
