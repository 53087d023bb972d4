import type { ReplayCache } from './types.js';

export interface InMemoryReplayCacheOptions {
  /** Clock used for expiry; default `() => new Date()`. Pass the same fixed time as `verifyResponse`'s `now` in tests. */
  readonly now?: () => Date;
  /** Refuse to grow beyond this many live entries (oldest-expiring are NOT evicted: a full cache rejects). Default 1,000,000. */
  readonly maxEntries?: number;
}

/**
 * Process-local replay cache (SAML profiles 2.0 §4.1.4.5): remembers each assertion ID
 * until its expiry, prunes expired entries as it goes. Synchronous, so
 * `verifyResponse` checks and records in one step. Not shared between processes: a
 * cluster needs a shared store implementing {@link ReplayCache}.
 */
export class InMemoryReplayCache implements ReplayCache {
  readonly #entries = new Map<string, number>();
  readonly #now: () => Date;
  readonly #maxEntries: number;
  #nextPrune = 0;

  constructor(options: InMemoryReplayCacheOptions = {}) {
    this.#now = options.now ?? (() => new Date());
    this.#maxEntries = options.maxEntries ?? 1_000_000;
  }

  /** True while `id` is remembered and not yet expired. */
  has(id: string): boolean {
    const exp = this.#entries.get(id);
    if (exp === undefined) return false;
    if (exp <= this.#now().getTime()) {
      this.#entries.delete(id);
      return false;
    }
    return true;
  }

  /** Remember `id` until `expiresAt`. */
  add(id: string, expiresAt: Date): void {
    const now = this.#now().getTime();
    if (now >= this.#nextPrune || this.#entries.size >= this.#maxEntries) this.prune();
    if (this.#entries.size >= this.#maxEntries) {
      throw new RangeError(`InMemoryReplayCache is full (${this.#maxEntries} live entries)`);
    }
    const prev = this.#entries.get(id);
    this.#entries.set(id, Math.max(prev ?? 0, expiresAt.getTime()));
  }

  /** Drop every expired entry. Called automatically from `add` at most once a minute of clock time. */
  prune(): void {
    const now = this.#now().getTime();
    for (const [id, exp] of this.#entries) if (exp <= now) this.#entries.delete(id);
    this.#nextPrune = now + 60_000;
  }

  /** Number of stored entries (expired ones may linger until the next prune). */
  get size(): number {
    return this.#entries.size;
  }
}

/** The cache used when `verifyResponse` is given none. */
export const defaultReplayCache = new InMemoryReplayCache();
