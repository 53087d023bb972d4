/** Resolved retry policy (options.ts `RetryOptions` with defaults). */
export interface RetryPolicy {
  readonly attempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = Object.freeze({ attempts: 4, baseDelayMs: 500, maxDelayMs: 10_000 });

/**
 * Wait before retry number `retry` (1 = first retry): the server's `Retry-After` when given (capped
 * at `maxDelayMs`), else exponential backoff with "full jitter" — a random wait in
 * [base·2^(retry-1)/2, base·2^(retry-1)], capped (tenant-api.md §8, the CyberArk SDK's policy [O S12]).
 */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number, retryAfterMs?: number): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, policy.maxDelayMs);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(ceiling / 2 + (ceiling / 2) * r);
}
