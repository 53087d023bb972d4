/**
 * AuthnRequests waiting for the user to sign in, keyed by an unguessable random key that the
 * login form carries back. Bounded (oldest evicted first) and expiring, so a flood of requests
 * cannot grow memory.
 */
import { randomBytes } from 'node:crypto';

export interface PendingLogin {
  readonly requestId?: string;
  readonly acsUrl: string;
  readonly spEntityId: string;
  readonly relayState?: string;
  readonly createdAt: number;
}

export const PENDING_LIMITS = Object.freeze({ entries: 1000, ttlMs: 15 * 60 * 1000 });

export class PendingLogins {
  readonly #map = new Map<string, PendingLogin>();

  add(login: PendingLogin): string {
    const key = randomBytes(18).toString('base64url');
    if (this.#map.size >= PENDING_LIMITS.entries) this.#map.delete(this.#map.keys().next().value!);
    this.#map.set(key, login);
    return key;
  }

  /** The login for `key` (removed: a form is used once), or undefined when unknown or expired at `now`. */
  take(key: string, now: number): PendingLogin | undefined {
    const hit = this.#map.get(key);
    if (!hit) return undefined;
    this.#map.delete(key);
    return now - hit.createdAt > PENDING_LIMITS.ttlMs ? undefined : hit;
  }
}
