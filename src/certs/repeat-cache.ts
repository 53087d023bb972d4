/**
 * A certificate cache for one pass over a large aggregate (src/metadata/stream): a certificate is
 * kept only once it has been seen twice within the last `window` distinct certificates.
 *
 * In a real aggregate most certificates are distinct. Kept in an LRU (src/certs/cache.ts), each
 * outlived its entity, was promoted to V8's old generation and left there as garbage when evicted:
 * at 50k distinct certificates peak RSS was 137-142 MB with the shared 1,000-entry cache and
 * 120-123 MB with none (bench/README.md). Yet some aggregates repeat certificates (one operator's
 * entities, the same key in an entity's IdP and SP roles), and a repeat parsed again costs ~25 µs.
 * Here a first sighting costs only its SHA-256 (computed anyway: the key); a second sighting is
 * parsed and kept (LRU of `capacity`); later ones are hits.
 *
 * First sightings are remembered as 32-bit fingerprints of the hash in typed arrays (a ring in
 * sighting order and an open-addressing table), not as the hash strings in a Set: those strings
 * outlived many young collections, were promoted and died in the old generation, one per
 * certificate (the lint worker's old generation grew by ~4 MB of them over 50k entities). A
 * fingerprint shared by two certificates only makes the second one's first sighting count as a
 * repeat: it is parsed and kept like one; what is kept is still found by its full SHA-256.
 */
import type { ParsedCertificate } from './certificate.js';
import type { CertificateCachePolicy } from './cache.js';

export class RepeatCertificateCache implements CertificateCachePolicy {
  /** The fingerprints seen, oldest first from `next` once full; 0 is an empty place. */
  private readonly ring: Int32Array;
  private filled = 0;
  private next = 0;
  /** Linear probing, at most half full; 0 is an empty slot. */
  private readonly table: Int32Array;
  private readonly mask: number;
  private readonly kept = new Map<string, ParsedCertificate>();

  constructor(
    window = 1024,
    private readonly capacity = 256,
  ) {
    if (!Number.isInteger(window) || window < 1 || window > 1 << 24) throw new TypeError('RepeatCertificateCache: window must be an integer from 1 to 2^24');
    this.ring = new Int32Array(window);
    let size = 2;
    while (size < 2 * window) size *= 2;
    this.table = new Int32Array(size);
    this.mask = size - 1;
  }

  get(sha256: string): ParsedCertificate | undefined {
    const c = this.kept.get(sha256);
    if (c !== undefined) {
      this.kept.delete(sha256);
      this.kept.set(sha256, c);
    }
    return c;
  }

  put(sha256: string, cert: ParsedCertificate): void {
    const fp = fingerprint(sha256);
    if (this.has(fp)) {
      this.kept.set(sha256, cert);
      if (this.kept.size > this.capacity) this.kept.delete(this.kept.keys().next().value as string);
      return;
    }
    if (this.filled < this.ring.length) {
      this.ring[this.filled++] = fp;
    } else {
      this.remove(this.ring[this.next]!);
      this.ring[this.next] = fp;
      this.next = (this.next + 1) % this.ring.length;
    }
    this.insert(fp);
  }

  // The table is at most half full (window entries in at least 2 x window slots), so every probe
  // below meets an empty slot within table.length steps; the bound only turns a broken invariant
  // into an error instead of a loop without end.

  private has(fp: number): boolean {
    const { table, mask } = this;
    for (let n = 0, i = fp & mask; n <= mask; n++, i = (i + 1) & mask) {
      const v = table[i]!;
      if (v === fp) return true;
      if (v === 0) return false;
    }
    throw full();
  }

  private insert(fp: number): void {
    const { table, mask } = this;
    for (let n = 0, i = fp & mask; n <= mask; n++, i = (i + 1) & mask) {
      if (table[i] !== 0) continue;
      table[i] = fp;
      return;
    }
    throw full();
  }

  /** Remove `fp` and close the gap (backward-shift deletion: no tombstones). */
  private remove(fp: number): void {
    const { table, mask } = this;
    let i = fp & mask;
    for (let n = 0; table[i] !== fp; n++) {
      if (table[i] === 0) return;
      if (n === mask) throw full();
      i = (i + 1) & mask;
    }
    let j = i;
    for (let n = 0; n <= mask; n++) {
      j = (j + 1) & mask;
      const v = table[j]!;
      if (v === 0) {
        table[i] = 0;
        return;
      }
      const home = v & mask;
      // Move v into the gap at i unless its home lies cyclically in (i, j].
      if (i <= j ? home > i && home <= j : home > i || home <= j) continue;
      table[i] = v;
      i = j;
    }
    throw full();
  }
}

function full(): Error {
  return new Error('RepeatCertificateCache: the fingerprint table has no empty slot (broken invariant)');
}

/** 32 bits of the hash (its first 8 hex digits: uniform, so its low bits pick the slot), never 0 (the empty mark). */
function fingerprint(sha256: string): number {
  const fp = Number.parseInt(sha256.slice(0, 8), 16) | 0;
  return fp === 0 ? 1 : fp;
}
