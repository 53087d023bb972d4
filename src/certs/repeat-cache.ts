/**
 * A certificate cache for one pass over a large aggregate (src/metadata/stream): a certificate is
 * kept only once it has been seen twice within the last `window` distinct certificates.
 *
 * In a real aggregate most certificates are distinct. Kept in an LRU (src/certs/cache.ts), each
 * outlived its entity, was promoted to V8's old generation and left there as garbage when evicted:
 * at 50k distinct certificates peak RSS was 137-142 MB with the shared 1,000-entry cache and
 * 120-123 MB with none (bench/README.md). Yet some aggregates repeat certificates (one operator's
 * entities, the same key in an entity's IdP and SP roles), and a repeat parsed again costs ~25 µs.
 * Here a first sighting costs only its SHA-256 (computed anyway: the key) in a ring of `window`
 * hashes; a second sighting is parsed and kept (LRU of `capacity`); later ones are hits.
 */
import type { ParsedCertificate } from './certificate.js';
import type { CertificateCachePolicy } from './cache.js';

export class RepeatCertificateCache implements CertificateCachePolicy {
  private readonly seen = new Set<string>();
  private readonly ring: string[] = [];
  private next = 0;
  private readonly kept = new Map<string, ParsedCertificate>();

  constructor(
    private readonly window = 1024,
    private readonly capacity = 256,
  ) {}

  get(sha256: string): ParsedCertificate | undefined {
    const c = this.kept.get(sha256);
    if (c !== undefined) {
      this.kept.delete(sha256);
      this.kept.set(sha256, c);
    }
    return c;
  }

  put(sha256: string, cert: ParsedCertificate): void {
    if (this.seen.has(sha256)) {
      this.kept.set(sha256, cert);
      if (this.kept.size > this.capacity) this.kept.delete(this.kept.keys().next().value as string);
      return;
    }
    if (this.ring.length < this.window) {
      this.ring.push(sha256);
    } else {
      this.seen.delete(this.ring[this.next]!);
      this.ring[this.next] = sha256;
      this.next = (this.next + 1) % this.window;
    }
    this.seen.add(sha256);
  }
}
