/**
 * Bounded LRU of parsed certificates keyed by the SHA-256 of their DER, so the same
 * certificate in many entities of an aggregate, or on every login, is parsed once
 * and keeps its `publicKey`. A `Map` keeps insertion order: a hit re-inserts.
 */
import type { ParsedCertificate } from './certificate.js';

/** Default capacity: enough for the distinct certificates of an eduGAIN-sized aggregate's IdPs. */
export const DEFAULT_CERTIFICATE_CACHE_SIZE = 1000;

let capacity = DEFAULT_CERTIFICATE_CACHE_SIZE;
const entries = new Map<string, ParsedCertificate>();
let hits = 0;
let misses = 0;

/** A cache that replaces the shared one for a while (`withCertificateCache`). */
export interface CertificateCachePolicy {
  get(sha256: string): ParsedCertificate | undefined;
  put(sha256: string, cert: ParsedCertificate): void;
}

let scoped: CertificateCachePolicy | undefined;

/**
 * Run `fn` with `policy` in place of the shared cache (its counters and entries are left alone).
 * Used by the streaming lint (src/metadata/stream), whose certificates are mostly distinct: kept
 * in the shared LRU they outlived their entity and filled the old generation (src/certs/repeat-cache.ts).
 */
export function withCertificateCache<T>(policy: CertificateCachePolicy, fn: () => T): T {
  const prev = scoped;
  scoped = policy;
  try {
    return fn();
  } finally {
    scoped = prev;
  }
}

/** The cached certificate for this DER SHA-256 (upper-case hex), marking it most recently used. */
export function cacheGet(sha256: string): ParsedCertificate | undefined {
  if (scoped !== undefined) return scoped.get(sha256);
  const c = entries.get(sha256);
  if (c === undefined) {
    misses++;
    return undefined;
  }
  hits++;
  entries.delete(sha256);
  entries.set(sha256, c);
  return c;
}

/** Remember `cert` under its DER SHA-256, evicting the least recently used entry beyond capacity. */
export function cachePut(sha256: string, cert: ParsedCertificate): void {
  if (scoped !== undefined) {
    scoped.put(sha256, cert);
    return;
  }
  if (capacity <= 0) return;
  entries.delete(sha256);
  entries.set(sha256, cert);
  while (entries.size > capacity) {
    const oldest = entries.keys().next().value as string;
    entries.delete(oldest);
  }
}

/** Counters and size of the certificate cache. */
export function certificateCacheStats(): { size: number; capacity: number; hits: number; misses: number } {
  return { size: entries.size, capacity, hits, misses };
}

/** Empty the certificate cache and reset its counters. */
export function clearCertificateCache(): void {
  entries.clear();
  hits = 0;
  misses = 0;
}

/**
 * Change the cache capacity (0 disables caching); evicts the oldest entries if needed.
 * @throws {TypeError} when `n` is not a non-negative integer.
 */
export function setCertificateCacheSize(n: number): void {
  if (!Number.isInteger(n) || n < 0) throw new TypeError(`setCertificateCacheSize: expected a non-negative integer, got ${String(n)}`);
  capacity = n;
  while (entries.size > capacity) entries.delete(entries.keys().next().value as string);
}
