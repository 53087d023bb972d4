import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { certificateFromDer, certificateCacheStats, clearCertificateCache } from '../../src/certs/index.js';
import { withCertificateCache } from '../../src/certs/cache.js';
import { RepeatCertificateCache } from '../../src/certs/repeat-cache.js';
import type { ParsedCertificate } from '../../src/certs/certificate.js';

// The streaming lint's certificate cache (src/certs/repeat-cache.ts): kept from the second sighting.
const KEYS = join(__dirname, '../keys');
const der = (name: string) => readFileSync(join(KEYS, name));

describe('RepeatCertificateCache', () => {
  it('parses a first and a second sighting, keeps the second, hits from the third; the shared cache is untouched', () => {
    clearCertificateCache();
    const cache = new RepeatCertificateCache();
    const [a, b, c] = withCertificateCache(cache, () => [1, 2, 3].map(() => certificateFromDer(der('idp-signing.crt.der'))));
    expect(b).not.toBe(a); // first sighting: remembered by hash only
    expect(c).toBe(b); // second sighting kept
    expect(c!.subject).toBe(a!.subject);
    expect(certificateCacheStats()).toMatchObject({ size: 0, hits: 0, misses: 0 });
    // Outside the scope the shared cache is back.
    const d = certificateFromDer(der('idp-signing.crt.der'));
    expect(certificateFromDer(der('idp-signing.crt.der'))).toBe(d);
    expect(certificateCacheStats()).toMatchObject({ size: 1, hits: 1, misses: 1 });
  });

  it('forgets a hash once `window` other certificates were seen; keeps at most `capacity` certificates', () => {
    const cache = new RepeatCertificateCache(2, 1);
    const names = ['idp-signing.crt.der', 'idp-signing-2.crt.der', 'sp-encryption.crt.der'];
    withCertificateCache(cache, () => {
      const first = certificateFromDer(der(names[0]!));
      certificateFromDer(der(names[1]!));
      certificateFromDer(der(names[2]!)); // pushes names[0] out of the 2-hash window
      const again = certificateFromDer(der(names[0]!)); // a first sighting again: not kept
      expect(again).not.toBe(first);
      const kept = certificateFromDer(der(names[0]!)); // second sighting within the window: kept
      expect(certificateFromDer(der(names[0]!))).toBe(kept);
      certificateFromDer(der(names[2]!)); // names[2] seen twice: kept, evicting names[0] (capacity 1)
      expect(certificateFromDer(der(names[0]!))).not.toBe(kept);
    });
  });

  it('restores the shared cache when the scoped function throws', () => {
    clearCertificateCache();
    expect(() => withCertificateCache(new RepeatCertificateCache(), () => {
      throw new Error('boom');
    })).toThrow('boom');
    const d = certificateFromDer(der('attacker.crt.der'));
    expect(certificateFromDer(der('attacker.crt.der'))).toBe(d);
  });
});

describe('RepeatCertificateCache fingerprint table', () => {
  // Hashes whose fingerprints share low bits (the table slot) so that probing and the
  // backward-shift deletion are exercised; checked against a plain model of the window.
  const cert = (n: number) => ({ n }) as unknown as ParsedCertificate;
  const hashOf = (k: number) => ((k * 0x100 + (k % 3)) >>> 0).toString(16).padStart(8, '0').toUpperCase() + 'AB'.repeat(28);

  it('keeps exactly the certificates a Set-of-hashes window would keep, over 20,000 random sightings', () => {
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) % n;
    const window = 16;
    const cache = new RepeatCertificateCache(window, 4);
    const seen = new Set<string>();
    const ring: string[] = [];
    let next = 0;
    let kept = 0;
    let first = 0;
    for (let i = 0; i < 20000; i++) {
      const h = hashOf(rand(40));
      if (cache.get(h) !== undefined) continue;
      cache.put(h, cert(i));
      const expectKept = seen.has(h);
      expect(cache.get(h) !== undefined).toBe(expectKept);
      if (expectKept) {
        kept++;
        continue;
      }
      first++;
      if (ring.length < window) ring.push(h);
      else {
        seen.delete(ring[next]!);
        ring[next] = h;
        next = (next + 1) % window;
      }
      seen.add(h);
    }
    expect(kept).toBeGreaterThan(1000);
    expect(first).toBeGreaterThan(5000);
  });

  it('refuses a window that is not a positive integer (a caller mistake)', () => {
    expect(() => new RepeatCertificateCache(0)).toThrow(TypeError);
    expect(() => new RepeatCertificateCache(1.5)).toThrow(TypeError);
  });
});
