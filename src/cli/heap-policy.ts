import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';

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
  setFlag('--heap-growing-percent=30');
}

/** Set a V8 flag at run time; an embedder that refuses flag changes keeps V8's default. */
function setFlag(flag: string): void {
  try {
    setFlagsFromString(flag);
  } catch {
    // V8's default policy stays.
  }
}

/** The semi-space size (MiB) at which the young generation stops growing in the one-thread lint. */
export const ONE_THREAD_SEMI_SPACE_MIB = 8;
/**
 * The same for the parsing thread of the two-thread lint: it builds no entity trees (the worker
 * does), so it keeps less across a young collection. 50k entities, two threads, 8 -> 4 MiB: peak
 * RSS -8 to -10 MB, its scavenges 217 -> ~415 (measured 2026-12-02). 4 -> 2 MiB once what the
 * thread keeps was cut (entities kept in columns, no map tables or queue lists rebuilt: session of
 * 2026-12-02, bench/README.md "Lint memory, session 17"): 50k, eight alternating pairs, peak RSS
 * 93.0 -> 88.3 MB median (87.4-90.9, no outlier), CPU +1.5%; 10k: 84.7 -> 80.3 MB, wall +1%.
 * (An earlier 2 MiB trial, before those cuts, saw the peak vary from 103 to 140 MB between runs;
 * none of 16 runs did now.)
 */
export const PARSING_THREAD_SEMI_SPACE_MIB = 2;
let youngCapped = false;

/**
 * The same chunks, in order; while they are read, V8's young generation is kept from growing past
 * two `semiSpaceMiB` semi-spaces (8 MiB: the size it reaches in the first ~800 entities of an
 * aggregate; a smaller cap is reached sooner).
 *
 * Why: V8 (Node 20, no pointer compression) doubles the semi-spaces up to 16 MiB each once enough
 * bytes have survived young collections, which every long streaming lint reaches: +16 MB of RSS at
 * 10k and 50k entities, and through the old generation's allocation limit (which adds the young
 * generation's capacity) more old-generation headroom too. `--max-semi-space-size` is read only at
 * start-up; `--semi-space-growth-factor` is read at each growth, so it is set to 1 once the
 * semi-spaces have reached the size (checked before each chunk until then). Young collections come
 * more often but each copies what is live, not the semi-space size: GC pause time stays within
 * the noise (bench/README.md, "Lint memory"). No forced collection and no heap limit: a larger
 * input never fails on memory because of this. Pointer-compressed builds stop at 8 MiB anyway.
 * The flag is process-wide: a worker started later keeps the size it starts with
 * (`workersStartWithYoungGeneration`).
 */
export function* withYoungGenerationCap<T>(chunks: Iterable<T>, semiSpaceMiB = ONE_THREAD_SEMI_SPACE_MIB): Generator<T> {
  const cap = 2 * semiSpaceMiB * (1 << 20);
  for (const chunk of chunks) {
    if (!youngCapped) capYoungGenerationWhenGrown(cap);
    yield chunk;
  }
}

function capYoungGenerationWhenGrown(cap: number): void {
  const young = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
  if (young === undefined) {
    youngCapped = true; // another heap layout: leave V8's policy alone
    return;
  }
  if (young.space_size < cap) return;
  youngCapped = true;
  setFlag('--semi-space-growth-factor=1');
}

let workerYoungSet = false;

/**
 * Worker threads started from now on (the two-thread lint's: src/metadata/stream/lint-parallel.ts)
 * begin with semi-spaces of `semiSpaceMiB` (the lint worker's: LINT_WORKER_SEMI_SPACE_MIB, which
 * also caps them there) instead of V8's 1 MiB, which would not grow once `withYoungGenerationCap`
 * has set the growth factor to 1. `--min-semi-space-size` (MiB) is read when an isolate's heap is
 * set up, so it changes no running isolate. Process-wide, so only the CLI sets it, never the library.
 */
export function workersStartWithYoungGeneration(semiSpaceMiB: number): void {
  if (workerYoungSet) return;
  workerYoungSet = true;
  setFlag(`--min-semi-space-size=${semiSpaceMiB}`);
}
