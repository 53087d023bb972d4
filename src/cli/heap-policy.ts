import { setFlagsFromString } from 'node:v8';

let applied = false;

/**
 * Let V8 grow the old generation by at most 30% over what the last full collection found live,
 * instead of its default factor of up to 4x for a process with a large heap limit. Applied once,
 * by the streaming lint of large aggregates only (src/cli/commands/lint.ts), before it reads.
 *
 * Why: the streaming lint keeps little (~10 MB live at 50k entities: entityIDs, positions,
 * validUntil values) but allocates gigabytes of short-lived objects; those alive at a young
 * collection are promoted and the old generation filled with them up to several times the live
 * size before a full collection: peak RSS grew with the input (50k entities: 153 MB; with this
 * policy 136 MB; 1k entities: 80 MB either way). The cost is more full collections of a small
 * live heap: no measurable CPU difference on the 10k and 50k bench inputs (bench/README.md).
 * `--heap-growing-percent` is a V8 flag read at each full collection; setting it after start-up
 * is supported by `v8.setFlagsFromString` on Node 20 and 22. Nothing else changes: no forced
 * collections, no heap cap (the limit stays V8's default, so a larger input never fails on memory
 * because of this).
 */
export function boundOldGenerationGrowth(): void {
  if (applied) return;
  applied = true;
  try {
    setFlagsFromString('--heap-growing-percent=30');
  } catch {
    // An embedder that refuses flag changes keeps V8's default policy.
  }
}
