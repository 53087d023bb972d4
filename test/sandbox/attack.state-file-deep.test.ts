/**
 * Red-team: `PUT /_sandbox/state` refuses JSON nested deeper than the body limit, but a state FILE
 * read at start did not. A file whose (customer tenant's) policy settings were nested 100 000 levels
 * deep parsed (V8's JSON.parse is iterative) and passed the structural check (settings are any
 * object); the start then failed writing it back, ERR_SANDBOX_STATE_IO "cannot write state file
 * ...: Maximum call stack size exceeded" (JSON.stringify overflowed): the wrong code and a message
 * that sends the operator to file permissions. Now the file is refused as it is read,
 * ERR_SANDBOX_STATE_CORRUPT, like any corrupt file, with the same depth limit as an import.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BODY_LIMITS } from '../../src/sandbox/http/body.js';
import { loadStateFile } from '../../src/sandbox/state/store.js';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';

const dir = mkdtempSync(join(tmpdir(), 'samlfed-deep-'));
let good: Record<string, unknown> & { customers: { state: { policies: { settings: unknown }[] } }[]; policies: { settings: unknown }[] };
let sb: TestSandbox;
beforeAll(async () => {
  sb = await startTestSandbox();
  const token = await sb.login();
  const r = await sb.call('/msp/createnewsmb', { company: 'Deep Co', podRegion: 'Europe', adminUser: 'admin', initialAlias: 'deep.example' }, token);
  expect(r.success).toBe(true);
  good = sb.state() as unknown as typeof good;
});
afterAll(async () => {
  await sb.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** `{"x":{"x":...}}`, `levels` deep, as JSON text spliced where `"__DEEP__"` stands. */
function withDeep(state: unknown, levels: number): string {
  return JSON.stringify(state).replace('"__DEEP__"', `${'{"x":'.repeat(levels)}1${'}'.repeat(levels)}`);
}

describe('a state file nested deeper than the JSON limit', () => {
  for (const [where, place] of [
    ["a customer tenant's policy settings", (s: typeof good) => void (s.customers[0]!.state.policies[0]!.settings = { deep: '__DEEP__' })],
    ["the MSP tenant's policy settings", (s: typeof good) => void (s.policies[0]!.settings = { deep: '__DEEP__' })],
  ] as const) {
    it(`is refused at start (${where})`, async () => {
      const s = structuredClone(good);
      place(s);
      const file = join(dir, `${where.length}.json`);
      writeFileSync(file, withDeep(s, 100_000));
      expect(() => loadStateFile(file)).toThrow(expect.objectContaining({ code: 'ERR_SANDBOX_STATE_CORRUPT', message: expect.stringContaining(`nested deeper than ${BODY_LIMITS.jsonDepth}`) }));
      await expect(startTestSandbox({ stateFile: file })).rejects.toMatchObject({ code: 'ERR_SANDBOX_STATE_CORRUPT' });
    });
  }

  it('a file at the limit still loads', () => {
    const s = structuredClone(good);
    s.policies[0]!.settings = { deep: '__DEEP__' };
    const file = join(dir, 'ok.json');
    writeFileSync(file, withDeep(s, 40));
    expect(loadStateFile(file)?.tenant.id).toBe(good['tenant'] && (good['tenant'] as { id: string }).id);
  });
});
