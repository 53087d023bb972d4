/**
 * A seeded slice of `npm run fuzz -- verify` (scripts/fuzz/verify-fuzz.ts, issue 7 §5): byte and
 * structure mutants of the valid signed Responses in test/fixtures/responses/. Every mutant is
 * accepted or rejected with a SamlfedError, costs under 300 ms of CPU, and, when accepted, logs in
 * as the original's identity (issuer, NameID, attributes, groups, session index).
 */
import { describe, expect, it } from 'vitest';
import { runVerifyFuzz } from '../../scripts/fuzz/verify-fuzz.js';

describe('mutation fuzzing of verifyResponse (seed 7, 2000 mutants)', () => {
  it('no crash, no slow input, no other identity', async () => {
    const r = await runVerifyFuzz({ seed: 7, count: 2000, maxCpuMs: 300 });
    expect(r.findings.map((f) => `#${f.index} ${f.kind} (${f.seedFile}; ${f.what}): ${f.detail.split('\n')[0]}`)).toEqual([]);
    expect(r.inputs).toBe(2000);
    // The mutants exercise both outcomes and many refusal codes (a fuzzer that only ever hits the parser proves little).
    expect(r.accepted).toBeGreaterThan(50);
    expect(Object.keys(r.rejected).length).toBeGreaterThan(10);
    expect(r.rejected.ERR_SIGNATURE_DIGEST_MISMATCH).toBeGreaterThan(50);
  }, 180_000);
});
