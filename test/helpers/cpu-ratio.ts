/**
 * CPU-time growth measurements for the linear-time tests (test/xml/*.complexity.test.ts and the
 * attack tests): speed is never asserted, only how work grows with the input. Linear work grows
 * with the input's size; quadratic work with its square.
 */

/** CPU time (user + system, µs) of `f`. */
export function cpuMicros(f: () => void): number {
  const start = process.cpuUsage();
  f();
  const d = process.cpuUsage(start);
  return d.user + d.system;
}

/** Best-of-`runs` CPU time of `f` (the minimum filters out noise from other processes and GC). */
export function bestCpu(f: () => void, runs: number): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) best = Math.min(best, cpuMicros(f));
  return best;
}

export interface RatioOptions {
  /** The larger input is built for `step * n` (default 2). */
  readonly step?: number;
  /** A ratio at or over it is measured again (up to three times in all): a busy machine can inflate one measurement, quadratic work is over it every time. */
  readonly bound: number;
  /** Runs per measurement, the best kept (default 3). */
  readonly runs?: number;
}

/** CPU-time ratio of `run` on the inputs built for `step * n` and `n` (after one warm-up run of the small one, not measured). */
export function cpuRatio<T>(build: (n: number) => T, n: number, run: (input: T) => void, o: RatioOptions): { ratio: number; small: number; large: number } {
  const a = build(n);
  const b = build((o.step ?? 2) * n);
  run(a);
  let best = { ratio: Infinity, small: 0, large: 0 };
  for (let attempt = 0; attempt < 3 && best.ratio >= o.bound; attempt++) {
    const small = bestCpu(() => run(a), o.runs ?? 3);
    const large = bestCpu(() => run(b), o.runs ?? 3);
    const r = large / Math.max(small, 1);
    if (r < best.ratio) best = { ratio: r, small, large };
  }
  return best;
}
