/**
 * Properties of the streaming lint's certificate cache (src/certs/repeat-cache.ts), whose first
 * sightings are 32-bit fingerprints (the first 8 hex digits of the SHA-256, 0 read as 1) in a ring
 * and a linear-probing table with backward-shift deletion:
 * - it never returns a certificate for another SHA-256 than the one asked for, whatever the
 *   fingerprints: equal to 0 (the empty mark), 1 (what 0 becomes), negative as Int32 (>= 0x80000000),
 *   colliding in full, or sharing the table slot (low bits) with different high bits;
 * - it keeps exactly what a plain model keeps (a Set of fingerprints over the last `window`
 *   distinct first sightings, an LRU of `capacity` full hashes), for windows 1 to 1,000, over
 *   seeded random sightings;
 * - with real DER certificates and `window` 1, `certificateFromDer` always answers the
 *   certificate whose SHA-256 is that of the DER it was given.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../scripts/fuzz/c14n-gen.js';
import { certificateFromDer } from '../../src/certs/index.js';
import { withCertificateCache } from '../../src/certs/cache.js';
import type { ParsedCertificate } from '../../src/certs/certificate.js';
import { RepeatCertificateCache } from '../../src/certs/repeat-cache.js';

/** A certificate stand-in that names the hash it was put under. */
const cert = (sha256: string, n: number) => ({ sha256, n }) as unknown as ParsedCertificate & { sha256: string; n: number };

/** The fingerprint the cache documents: the first 8 hex digits as an Int32, 0 read as 1. */
const fp = (h: string): number => (Number.parseInt(h.slice(0, 8), 16) | 0) || 1;

/**
 * The plain model: a Set of fingerprints over a ring of the last `window` distinct first sightings;
 * the kept certificates as a list, most recently used last (linear searches: small and obvious).
 */
class Model {
  private readonly seen = new Set<number>();
  private readonly ring: number[] = [];
  private next = 0;
  private readonly kept: { h: string; c: unknown }[] = [];
  constructor(private readonly window: number, private readonly capacity: number) {}
  get(h: string): unknown {
    const i = this.kept.findIndex((e) => e.h === h);
    if (i === -1) return undefined;
    const [e] = this.kept.splice(i, 1);
    this.kept.push(e!);
    return e!.c;
  }
  put(h: string, c: unknown): void {
    const f = fp(h);
    if (this.seen.has(f)) {
      // Like Map#set: a hash already kept is updated where it stands.
      const i = this.kept.findIndex((e) => e.h === h);
      if (i !== -1) this.kept[i] = { h, c };
      else this.kept.push({ h, c });
      if (this.kept.length > this.capacity) this.kept.shift();
      return;
    }
    if (this.ring.length < this.window) this.ring.push(f);
    else {
      this.seen.delete(this.ring[this.next]!);
      this.ring[this.next] = f;
      this.next = (this.next + 1) % this.window;
    }
    this.seen.add(f);
  }
}

const hex8 = (n: number) => (n >>> 0).toString(16).padStart(8, '0').toUpperCase();
const tail = (k: number) => k.toString(16).toUpperCase().padStart(56, '0');

/**
 * A pool of hashes built to hurt: fingerprints 0 and 1 (equal once 0 is read as 1), 0xFFFFFFFF
 * and 0x80000000 (negative as Int32), full-fingerprint collisions (same 8 digits, other tails),
 * and many that share the low 4-12 bits (one table slot) with different high bits.
 */
function hostilePool(r: () => number): string[] {
  const heads = [0, 1, 0xffffffff, 0x80000000, 0x7fffffff, 0x80000001];
  for (let k = 0; k < 40; k++) heads.push((((Math.floor(r() * 0x10000) << 16) >>> 0) | (k % 4)) >>> 0);
  for (let k = 0; k < 20; k++) heads.push(Math.floor(r() * 0x100000000));
  const pool: string[] = [];
  heads.forEach((h, i) => {
    pool.push(hex8(h) + tail(i));
    if (i % 3 === 0) pool.push(hex8(h) + tail(1000 + i)); // same fingerprint, another certificate
  });
  return pool;
}

describe('RepeatCertificateCache: hostile fingerprints against the model', () => {
  const SEED = 1202;
  const SHAPES: [number, number][] = [
    [1, 1],
    [1, 4],
    [2, 1],
    [3, 2],
    [5, 3],
    [16, 8],
    [64, 256],
    [1000, 16],
  ];

  it.each(SHAPES)('window %i, capacity %i: 20,000 sightings; never another hash\'s certificate; same hits as the model', (window, capacity) => {
    const r = seededRandom(SEED + window * 31 + capacity);
    const pool = hostilePool(r);
    const cache = new RepeatCertificateCache(window, capacity);
    const model = new Model(window, capacity);
    let hits = 0;
    for (let i = 0; i < 20000; i++) {
      const h = pool[Math.floor(r() * pool.length)]!;
      const got = cache.get(h) as ReturnType<typeof cert> | undefined;
      const want = model.get(h);
      expect(got).toBe(want);
      if (got !== undefined) {
        expect(got.sha256).toBe(h);
        hits++;
        continue;
      }
      const c = cert(h, i);
      cache.put(h, c);
      model.put(h, c);
    }
    // Every pool hash (and so every fingerprint) is probed at the end, not only the last ones seen.
    for (const h of pool) expect(cache.get(h)).toBe(model.get(h));
    expect(hits).toBeGreaterThan(window === 1 && capacity === 1 ? 0 : 100);
  });

  it('fingerprints 0 and 1 are one fingerprint: the second first sighting counts as a repeat and is kept under its own hash only', () => {
    const zero = hex8(0) + tail(1);
    const one = hex8(1) + tail(2);
    const cache = new RepeatCertificateCache(4, 4);
    cache.put(zero, cert(zero, 0));
    expect(cache.get(zero)).toBeUndefined(); // a first sighting is not kept
    const c1 = cert(one, 1);
    cache.put(one, c1);
    expect(cache.get(one)).toBe(c1);
    expect(cache.get(zero)).toBeUndefined();
  });

  it('a fingerprint leaves the window after `window` other first sightings, also when its slot is shared (backward shift)', () => {
    // Four hashes whose fingerprints all fall in the same slot of the 8-slot table of window 4.
    const hs = [0x10, 0x20, 0x30, 0x40].map((h, i) => hex8(h) + tail(i));
    const cache = new RepeatCertificateCache(4, 8);
    for (const h of hs) cache.put(h, cert(h, 0));
    const extra = hex8(0x50) + tail(9);
    cache.put(extra, cert(extra, 0)); // evicts hs[0]: the probe chain must close over its gap
    for (const h of hs.slice(1)) {
      const c = cert(h, 1);
      cache.put(h, c);
      expect(cache.get(h)).toBe(c); // still remembered: a repeat
    }
    const c0 = cert(hs[0]!, 1);
    cache.put(hs[0]!, c0);
    expect(cache.get(hs[0]!)).toBeUndefined(); // forgotten: a first sighting again
  });

  it('refuses windows outside 1..2^24 and non-integers (a caller mistake), accepts the bounds', () => {
    for (const w of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, (1 << 24) + 1]) expect(() => new RepeatCertificateCache(w)).toThrow(TypeError);
    expect(() => new RepeatCertificateCache(1)).not.toThrow();
    const big = new RepeatCertificateCache(1 << 20, 2);
    const h = hex8(0xdeadbeef) + tail(1);
    big.put(h, cert(h, 0));
    const c = cert(h, 1);
    big.put(h, c);
    expect(big.get(h)).toBe(c);
  });
});

describe('RepeatCertificateCache with real certificates', () => {
  const KEYS = join(__dirname, '../keys');
  const ders = readdirSync(KEYS)
    .filter((f) => f.endsWith('.der'))
    .map((f) => readFileSync(join(KEYS, f)));
  const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex').toUpperCase();

  it.each([1, 2, 3])('window %i: every answer is the certificate of the DER given (500 seeded sightings)', (window) => {
    expect(ders.length).toBeGreaterThanOrEqual(10);
    const r = seededRandom(77 + window);
    let same = 0;
    withCertificateCache(new RepeatCertificateCache(window, 2), () => {
      const last = new Map<string, unknown>();
      for (let i = 0; i < 500; i++) {
        const d = ders[Math.floor(r() * Math.min(ders.length, 2 + window))]!;
        const c = certificateFromDer(d)!;
        expect(c.sha256Thumbprint.replace(/:/g, '').toUpperCase()).toBe(sha(d));
        if (last.get(sha(d)) === c) same++;
        last.set(sha(d), c);
      }
    });
    expect(same).toBeGreaterThan(0); // repeats were answered from the cache
  });
});
