/**
 * Red-team: what unauthenticated requests make the sandbox keep must stay bounded.
 * - The request log (1000 entries) kept a redacted copy of each body; a 1 MiB StartAuthentication
 *   body (no credentials needed) of 100 keys x 100 keys of small values was kept whole (depth,
 *   key and item limits apply per level, not in total): about 10,000 values per entry, millions in
 *   the full log. Now each entry's summary has a total budget (`LOG_BODY_BUDGET`).
 * - StartAuthentication packages and POST /login AuthnRequests were never dropped until used; now
 *   both maps hold at most `PENDING_CAP` entries (oldest dropped first).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CappedMap, PENDING_CAP } from '../../src/sandbox/capped-map.js';
import { LOG_BODY_BUDGET, redact } from '../../src/sandbox/requests-log.js';
import { NATIVE, startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';

let sb: TestSandbox;
beforeAll(async () => {
  sb = await startTestSandbox();
});
afterAll(() => sb.stop());

/** 100 keys, each an object of 100 short string values: ~10,000 values in well under 1 MiB. */
function wideBody(): Record<string, unknown> {
  const inner = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`k${i}`, 'vvvvvvvv']));
  return { User: 'nobody@x.example', ...Object.fromEntries(Array.from({ length: 99 }, (_, i) => [`o${i}`, inner])) };
}

describe('bounded memory under unauthenticated floods', () => {
  it('redact stops at the budget: a 10,000-value body keeps about LOG_BODY_BUDGET values', () => {
    expect(LOG_BODY_BUDGET).toBe(1000);
    const copy = JSON.stringify(redact(wideBody()));
    const values = (copy.match(/"vvvvvvvv"/g) ?? []).length;
    expect(values).toBeGreaterThan(800);
    expect(values).toBeLessThanOrEqual(LOG_BODY_BUDGET);
    expect(copy).toContain('"[…]"');
  });

  it('the logged summary of a wide StartAuthentication body is bounded', async () => {
    await sb.fetch('/_sandbox/requests', { method: 'DELETE' });
    const body = JSON.stringify(wideBody());
    expect(body.length).toBeGreaterThan(100_000);
    const r = await sb.fetch('/Security/StartAuthentication', { method: 'POST', headers: { ...NATIVE, 'Content-Type': 'application/json' }, body });
    expect(r.status).toBe(200);
    const log = (await (await sb.fetch('/_sandbox/requests')).json()) as { requests: { path: string; body: unknown }[] };
    const entry = log.requests.find((e) => e.path === '/Security/StartAuthentication')!;
    expect(JSON.stringify(entry.body).length).toBeLessThan(40_000);
  });

  it('CappedMap drops the oldest entry when full, keeps updates in place', () => {
    const m = new CappedMap<string, number>(3);
    m.set('a', 1).set('b', 2).set('c', 3);
    m.set('a', 10); // update: nothing dropped
    expect([...m.keys()]).toEqual(['a', 'b', 'c']);
    m.set('d', 4);
    expect([...m.keys()]).toEqual(['b', 'c', 'd']);
    expect(m.size).toBe(3);
    expect(() => new CappedMap(0)).toThrow(TypeError);
    expect(PENDING_CAP).toBe(10_000);
  });
});
