import { afterEach, describe, expect, it } from 'vitest';
import { onboard } from '../../src/onboard/index.js';
import { duplicates, EVERY_FAULT, EXAMPLES, managedView, NOW, startEnv, type Env } from './sandbox-env.js';

let envs: Env[] = [];
afterEach(async () => {
  await Promise.all(envs.map((e) => e.stop()));
  envs = [];
});

const MAX_RUNS = 40;

describe('apply under injected faults converges to the clean state', () => {
  it.each([1, 7, 42])('seed %i: repeated apply until success = one clean apply, no duplicates', async (seed) => {
    const clean = await startEnv({ seed });
    envs.push(clean);
    const cleanRun = await onboard(clean.client, [EXAMPLES], { now: NOW });
    expect(cleanRun.result.failed).toBeUndefined();
    const want = managedView(clean.sb.state());

    // A short client timeout so that a stalled response ends as "outcome unknown" quickly.
    const faulty = await startEnv({ seed, faults: EVERY_FAULT }, { timeoutMs: 300 });
    envs.push(faulty);
    let runs = 0;
    let failures = 0;
    for (; runs < MAX_RUNS; runs++) {
      try {
        const r = await onboard(faulty.client, [EXAMPLES], { now: NOW });
        if (!r.result.failed) break;
        failures++;
      } catch {
        failures++; // a read that failed after its retries: the run stops, the next one starts over
      }
    }
    expect(runs).toBeLessThan(MAX_RUNS);
    await faulty.sb.adminApi('faults', { method: 'DELETE' });
    const got = faulty.sb.state();
    expect(duplicates(got)).toEqual([]);
    expect(managedView(got)).toEqual(want);
    // The faults did hit, partial commits on writes included (the sandbox's request log names the fault).
    const log = await faulty.sb.adminApi<{ requests: { method: string; path: string; fault?: string }[] }>('requests');
    const fired = log.requests.filter((r) => r.fault !== undefined);
    const kinds = new Set(fired.map((r) => r.fault!.split(/[ :]/)[0]));
    expect(kinds.has('partial-commit')).toBe(true);
    console.log(`seed ${seed}: ${runs + 1} apply run(s), ${failures} failed; faults fired: ${[...kinds].sort().join(', ')} (${fired.length} in the last ${log.requests.length} requests)`);
  }, 120_000);

  it('a partial commit on the first call of every write endpoint: one apply succeeds, nothing twice', async () => {
    const clean = await startEnv({ seed: 3 });
    envs.push(clean);
    await onboard(clean.client, [EXAMPLES], { now: NOW });
    const writes = ['/Federation/CreateFederation', '/Federation/AddGlobalGroupAssertionMapping', '/SaasManage/StoreRole', '/Roles/UpdateRole', '/Policy/SavePolicyBlock3'];
    const faulty = await startEnv({ seed: 3, faults: writes.map((path) => ({ kind: 'partial-commit', path, times: 1 })) });
    envs.push(faulty);
    const retries: string[] = [];
    const r = await onboard(faulty.client, [EXAMPLES], { now: NOW, onStep: (e) => void (e.status === 'retry' && retries.push(e.label)) });
    expect(r.result.failed).toBeUndefined();
    // Each partial commit came back as "outcome unknown": the step re-read and found its change made.
    expect(retries).toHaveLength(writes.length);
    expect(r.result.done).toHaveLength(r.plan.changes.length);
    expect(duplicates(faulty.sb.state())).toEqual([]);
    expect(managedView(faulty.sb.state())).toEqual(managedView(clean.sb.state()));
  });
});
