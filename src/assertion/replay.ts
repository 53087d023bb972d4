import { AssertionError } from './errors.js';
import type { ReplayCache } from './types.js';

/** Default capacity of an {@link InMemoryReplayCache}: live (unexpired) assertion IDs. */
export const DEFAULT_REPLAY_CACHE_ENTRIES = 100_000;

export interface InMemoryReplayCacheOptions {
  /**
   * Fallback clock, used only when a call does not pass its own `now`. `verifyResponse` always
   * passes the `now` it checks every other time with, so expiry is judged on that same clock.
   * Default `() => new Date()`.
   */
  readonly now?: () => Date;
  /**
   * Most live entries kept (default 100,000: about 300 logins a second with 5-minute assertions).
   * When full, expired entries are pruned; if it is still full, `add` throws
   * `ERR_ASSERTION_REPLAY_CACHE_FULL` (fail closed: the login is refused, nothing is evicted).
   */
  readonly maxEntries?: number;
}

/**
 * Process-local replay cache (SAML profiles 2.0 §4.1.4.5): remembers each assertion ID
 * until its expiry, prunes expired entries as it goes. Synchronous, so
 * `verifyResponse` checks and records in one step. Not shared between processes: a
 * cluster needs a shared store implementing {@link ReplayCache}.
 *
 * Expiry is judged with the `now` passed to `has`/`add` (the verify call's clock); a cache
 * shared by callers on different clocks prunes by whichever clock calls it.
 */
export class InMemoryReplayCache implements ReplayCache {
  readonly #entries = new Map<string, number>();
  readonly #now: () => Date;
  readonly #maxEntries: number;
  #nextPrune = Number.NEGATIVE_INFINITY;

  constructor(options: InMemoryReplayCacheOptions = {}) {
    if (options === null || typeof options !== 'object') throw new TypeError('InMemoryReplayCache: options must be an object');
    if (options.now !== undefined && typeof options.now !== 'function') throw new TypeError('InMemoryReplayCache: options.now must be a function returning a Date');
    const max = options.maxEntries ?? DEFAULT_REPLAY_CACHE_ENTRIES;
    if (typeof max !== 'number' || !Number.isInteger(max) || max < 1) throw new TypeError('InMemoryReplayCache: options.maxEntries must be a positive integer');
    this.#now = options.now ?? (() => new Date());
    this.#maxEntries = max;
  }

  #time(now: Date | undefined): number {
    const t = (now ?? this.#now()).getTime();
    if (Number.isNaN(t)) throw new TypeError('InMemoryReplayCache: now must be a valid Date');
    return t;
  }

  /** True while `id` is remembered and not yet expired at `now` (default: the fallback clock). */
  has(id: string, now?: Date): boolean {
    const exp = this.#entries.get(id);
    if (exp === undefined) return false;
    if (exp <= this.#time(now)) {
      this.#entries.delete(id);
      return false;
    }
    return true;
  }

  /**
   * Remember `id` until `expiresAt`.
   * @throws {AssertionError} `ERR_ASSERTION_REPLAY_CACHE_FULL` when `maxEntries` live entries remain after pruning.
   */
  add(id: string, expiresAt: Date, now?: Date): void {
    const t = this.#time(now);
    if (!(expiresAt instanceof Date) || Number.isNaN(expiresAt.getTime())) throw new TypeError('InMemoryReplayCache: expiresAt must be a valid Date');
    const prev = this.#entries.get(id);
    if (prev === undefined) {
      if (t >= this.#nextPrune || this.#entries.size >= this.#maxEntries) this.prune(now ?? new Date(t));
      if (this.#entries.size >= this.#maxEntries) {
        throw new AssertionError(
          'ERR_ASSERTION_REPLAY_CACHE_FULL',
          `Expected room in the replay cache to record assertion ${JSON.stringify(id.slice(0, 100))}, found all ${this.#maxEntries} entries unexpired: the login is refused rather than risk a replay (raise maxEntries or use a shared store)`,
          { expected: `fewer than ${this.#maxEntries} live entries`, actual: this.#entries.size },
        );
      }
    }
    this.#entries.set(id, Math.max(prev ?? Number.NEGATIVE_INFINITY, expiresAt.getTime()));
  }

  /** Drop every entry expired at `now` (default: the fallback clock). Called from `add` at most once a minute of that clock, or when full. */
  prune(now?: Date): void {
    const t = this.#time(now);
    for (const [id, exp] of this.#entries) if (exp <= t) this.#entries.delete(id);
    this.#nextPrune = t + 60_000;
  }

  /** Number of stored entries (expired ones may linger until the next prune). */
  get size(): number {
    return this.#entries.size;
  }

  /** Capacity (live entries). */
  get maxEntries(): number {
    return this.#maxEntries;
  }
}

/** The cache used when `verifyResponse` is given none. */
export const defaultReplayCache = new InMemoryReplayCache();
