import { describe, expect, it } from 'vitest';
import { reconcile, MAX_ATTEMPTS, OnboardError } from '../../src/onboard/index.js';
import { TenantError } from '../../src/tenant/index.js';

// Pure logic of one step against an in-memory state: the only way to make a write's outcome
// unknown on demand, exactly once, at a chosen point (the sandbox tests do it over HTTP at random).
const unknown = () => new TenantError('ERR_TENANT_OUTCOME_UNKNOWN', 'dropped', { kind: 'network', write: true });

describe('reconcile', () => {
  it('does nothing when the change is already in place', async () => {
    let writes = 0;
    expect(await reconcile({ label: 's', read: async () => true, isDone: (s) => s, write: async () => void writes++ })).toBe('already');
    expect(writes).toBe(0);
  });

  it('a partial commit (applied, then the answer lost) is read back, never written twice', async () => {
    let state = 0;
    let writes = 0;
    const outcome = await reconcile({ label: 's', read: async () => state, isDone: (s) => s === 1, write: async () => {
      writes++;
      state = 1;
      throw unknown();
    } });
    expect(outcome).toBe('done');
    expect(writes).toBe(1);
  });

  it('a write that was lost before it was applied is sent again after the re-read', async () => {
    let state = 0;
    let writes = 0;
    expect(await reconcile({ label: 's', read: async () => state, isDone: (s) => s === 1, write: async () => {
      if (++writes === 1) throw unknown();
      state = 1;
    } })).toBe('done');
    expect(writes).toBe(2);
  });

  it(`gives up with ERR_ONBOARD_NOT_CONVERGED after ${MAX_ATTEMPTS} attempts, carrying the last error`, async () => {
    let writes = 0;
    let err: unknown;
    try {
      await reconcile({ label: 'add x', read: async () => 0, isDone: () => false, write: async () => {
        writes++;
        throw new TenantError('ERR_TENANT_API', 'refused', { kind: 'envelope' });
      } });
    } catch (e) {
      err = e;
    }
    expect((err as OnboardError).code).toBe('ERR_ONBOARD_NOT_CONVERGED');
    expect((err as OnboardError).message).toMatch(/^add x: .*ERR_TENANT_API: refused/);
    expect(writes).toBe(MAX_ATTEMPTS);
  });

  it('an error that is not the tenant\'s stops at once; a dry run writes once and reports planned', async () => {
    await expect(reconcile({ label: 's', read: async () => 0, isDone: () => false, write: async () => { throw new TypeError('bug'); } })).rejects.toThrow(TypeError);
    let writes = 0;
    expect(await reconcile({ label: 's', read: async () => 0, isDone: () => false, write: async () => void writes++ }, { dryRun: true })).toBe('planned');
    expect(writes).toBe(1);
  });
});

describe('reconcile: failed reads', () => {
  it('a read that fails is read again (within the attempts), then the step goes on', async () => {
    let reads = 0;
    let state = 0;
    const outcome = await reconcile({ label: 's', read: async () => {
      if (++reads === 1) throw new TenantError('ERR_TENANT_API', 'flaky read', { kind: 'envelope' });
      return state;
    }, isDone: (s) => s === 1, write: async () => void (state = 1) });
    expect(outcome).toBe('done');
    expect(reads).toBe(3);
  });
});
