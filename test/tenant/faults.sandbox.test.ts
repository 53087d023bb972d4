/**
 * Every sandbox fault kind against the client (tenant-api.md §8, §9.4): reads are retried and
 * succeed; writes are never repeated and come back as ERR_TENANT_OUTCOME_UNKNOWN; 429 waits for
 * Retry-After. The clock is frozen and `sleep` only records the wait, so nothing really waits
 * (except `stall`, which needs a real client timeout: 300 ms).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TenantClient } from '../../src/tenant/index.js';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';
import { adfsPayload, clientFor } from './helpers.js';

let sb: TestSandbox;
let client: TenantClient;
let waits: number[];
beforeAll(async () => {
  sb = await startTestSandbox();
});
afterAll(() => sb?.stop());
beforeEach(async () => {
  await sb.fetch('/_sandbox/faults', { method: 'PUT', body: '[]' });
  await sb.fetch('/_sandbox/reset', { method: 'POST' });
  ({ client, waits } = clientFor(sb, { timeoutMs: 300 }));
  await client.login();
});

const setFaults = async (rules: unknown): Promise<void> => {
  const r = await sb.fetch('/_sandbox/faults', { method: 'PUT', body: JSON.stringify(rules) });
  expect(r.status).toBe(200);
};
/** How many requests to `path` the sandbox saw (its request log). */
const seen = async (path: string): Promise<number> => {
  const log = await sb.adminApi<{ requests: { path: string }[] }>('requests');
  return log.requests.filter((r) => r.path.toLowerCase() === path.toLowerCase()).length;
};

describe('reads are retried and succeed', () => {
  for (const [name, rule] of [
    ['HTTP 500', { kind: 'http', status: 500 }],
    ['HTTP 502', { kind: 'http', status: 502 }],
    ['HTTP 503', { kind: 'http', status: 503 }],
    ['a dropped connection', { kind: 'drop' }],
    ['a stalled response (client timeout)', { kind: 'stall' }],
  ] as const) {
    it(`${name}, twice, then the answer`, async () => {
      await setFaults([{ ...rule, path: '/Federation/GetGroups', times: 2 }]);
      expect(await client.getGroups()).toBeInstanceOf(Array);
      expect(waits).toHaveLength(2);
      expect(waits[0]).toBe(375); // backoff: base 500 ms, full jitter with random() = 0.5 → 250 + 125
      expect(waits[1]).toBe(750);
    });
  }

  it('429 waits exactly Retry-After (seconds), not the backoff', async () => {
    await setFaults([{ kind: 'throttle', path: '/Federation/GetGroups', retryAfter: 3, times: 1 }]);
    expect(await client.getGroups()).toBeInstanceOf(Array);
    expect(waits).toEqual([3000]);
  });

  it('a read that keeps failing gives up after 4 attempts with ERR_TENANT_HTTP', async () => {
    await setFaults([{ kind: 'http', status: 500, path: '/Federation/GetGroups' }]);
    await expect(client.getGroups()).rejects.toMatchObject({ code: 'ERR_TENANT_HTTP', httpStatus: 500, attempts: 4 });
    expect(waits).toHaveLength(3);
  });

  it('an envelope failure (success:false) is the tenant\'s answer: not retried', async () => {
    await setFaults([{ kind: 'envelope', path: '/Federation/GetGroups', message: 'Try later.' }]);
    await expect(client.getGroups()).rejects.toMatchObject({ code: 'ERR_TENANT_API', tenantMessage: 'Try later.', errorId: 'sandbox-fault' });
    expect(waits).toEqual([]);
  });

  it('latency within the timeout is just a slow answer', async () => {
    await setFaults([{ kind: 'latency', path: '/Federation/GetGroups', latencyMs: 50 }]);
    expect(await client.getGroups()).toBeInstanceOf(Array);
    expect(waits).toEqual([]);
  });
});

describe('writes are never repeated blindly', () => {
  it('partial commit: applied, then HTTP 500 → ERR_TENANT_OUTCOME_UNKNOWN, sent once, no duplicate federation', async () => {
    const payload = await adfsPayload(client);
    const before = await seen('/Federation/CreateFederation');
    await setFaults([{ kind: 'partial-commit', path: '/Federation/CreateFederation', times: 1 }]);
    await expect(client.createFederation(payload)).rejects.toMatchObject({ code: 'ERR_TENANT_OUTCOME_UNKNOWN', endpoint: '/Federation/CreateFederation', httpStatus: 500 });
    expect((await seen('/Federation/CreateFederation')) - before).toBe(1);
    expect(waits).toEqual([]);
    expect((await client.getFederations()).map((f) => f.FederationName)).toEqual(['acmeco']); // it was applied: re-read, don't resend
  });

  for (const [name, rule, status] of [
    ['a dropped connection', { kind: 'drop' }, undefined],
    ['a stall (client timeout)', { kind: 'stall' }, undefined],
    ['HTTP 500', { kind: 'http', status: 500 }, 500],
    ['HTTP 503 without Retry-After', { kind: 'http', status: 503 }, 503],
  ] as const) {
    it(`${name} → ERR_TENANT_OUTCOME_UNKNOWN after one request`, async () => {
      const before = await seen('/Federation/AddGlobalGroupAssertionMapping');
      await setFaults([{ ...rule, path: '/Federation/AddGlobalGroupAssertionMapping', times: 1 }]);
      const e = await client.addGlobalGroupMapping({ AttributeValue: 'Team', GroupName: 'TestB2B' }).catch((x: unknown) => x);
      expect(e).toMatchObject({ code: 'ERR_TENANT_OUTCOME_UNKNOWN', ...(status ? { httpStatus: status } : {}) });
      expect((await seen('/Federation/AddGlobalGroupAssertionMapping')) - before).toBe(1);
      expect(waits).toEqual([]);
    });
  }

  it('429 on a write: refused before it was applied, so it is sent again after Retry-After', async () => {
    const before = await seen('/Federation/AddGlobalGroupAssertionMapping');
    await setFaults([{ kind: 'throttle', path: '/Federation/AddGlobalGroupAssertionMapping', retryAfter: 2, times: 1 }]);
    await client.addGlobalGroupMapping({ AttributeValue: 'Team', GroupName: 'TestB2B' });
    expect(waits).toEqual([2000]);
    expect((await seen('/Federation/AddGlobalGroupAssertionMapping')) - before).toBe(2);
    expect(await client.getGlobalGroupMappings()).toEqual([{ AttributeValue: 'Team', GroupName: 'TestB2B' }]);
  });

  it('503 with Retry-After on a write is also a refusal: retried after the wait', async () => {
    await setFaults([{ kind: 'http', status: 503, retryAfter: 1, path: '/Federation/AddGlobalGroupAssertionMapping', times: 1 }]);
    await client.addGlobalGroupMapping({ AttributeValue: 'Team', GroupName: 'TestB2B' });
    expect(waits).toEqual([1000]);
  });
});
