/** Entries kept of what unauthenticated requests create (login packages, issued AuthnRequests). */
export const PENDING_CAP = 10_000;

/**
 * A Map that holds at most `cap` entries: adding a new key to a full map drops the oldest first.
 * StartAuthentication and POST /login need no credentials, so their pending entries must not
 * grow without bound under a flood (a real login in the flood may be dropped; memory stays bounded).
 */
export class CappedMap<K, V> extends Map<K, V> {
  constructor(readonly cap: number) {
    super();
    if (!Number.isInteger(cap) || cap < 1) throw new TypeError('CappedMap: cap must be a positive integer');
  }

  override set(key: K, value: V): this {
    if (!this.has(key)) {
      while (this.size >= this.cap) this.delete(this.keys().next().value as K);
    }
    return super.set(key, value);
  }
}
