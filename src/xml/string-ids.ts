/**
 * Small integer ids for strings, by content, in time linear in the strings' length whatever
 * they are. A `Map` or `Set` keyed by strings is not: V8 hashes a string longer than 16383 code
 * units by its length alone (String::kMaxHashCalcLength), so long keys of one length share a
 * bucket and every lookup compares them end to end (quadratic for hostile XML; see
 * test/xml/attack.long-namespace-duplicates.test.ts). Here every code unit goes into the hash,
 * with a seed chosen per process, and a key is compared only with the strings of its own hash.
 */
const SEED = (Math.random() * 0x100000000) >>> 0;

/** A seeded 32-bit hash of every code unit of `s` (multiply-xorshift, murmur-like mixing). */
function hash(s: string): number {
  let h = SEED ^ s.length;
  for (let i = 0; i < s.length; i++) {
    h = Math.imul(h ^ s.charCodeAt(i), 0x5bd1e995);
    h ^= h >>> 15;
  }
  return h >>> 0;
}

/** Interns strings as ids 0, 1, 2, … (equal strings, equal ids). */
export class StringIds {
  private readonly buckets = new Map<number, number[]>();
  private readonly strings: string[] = [];

  /** The strings, by id (index = id). */
  list(): readonly string[] {
    return this.strings;
  }

  /** How many distinct strings have ids (the next new id). */
  get size(): number {
    return this.strings.length;
  }

  /** The id of `s` if it has one, without making one. */
  find(s: string): number | undefined {
    const bucket = this.buckets.get(hash(s));
    if (bucket !== undefined) for (let i = 0; i < bucket.length; i++) if (this.strings[bucket[i]!] === s) return bucket[i]!;
    return undefined;
  }

  /** The id of `s`, a new one if `s` was not seen before. */
  id(s: string): number {
    const h = hash(s);
    let bucket = this.buckets.get(h);
    if (bucket === undefined) {
      bucket = [];
      this.buckets.set(h, bucket);
    } else {
      for (let i = 0; i < bucket.length; i++) if (this.strings[bucket[i]!] === s) return bucket[i]!;
    }
    const id = this.strings.length;
    this.strings.push(s);
    bucket.push(id);
    return id;
  }
}
