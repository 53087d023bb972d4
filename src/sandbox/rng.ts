/**
 * A small seeded PRNG (mulberry32) so that ids and fault decisions repeat for a given `--seed`.
 * Not for secrets: passwords, tokens and codes come from node:crypto.
 */
export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** `n` random bytes as lower-case hex. */
  hex(bytes: number): string;
  /** A version-4-shaped uuid (lower-case). */
  uuid(): string;
  /** How many numbers were drawn so far (stored in the state so a restart continues the sequence). */
  readonly draws: number;
}

/** Create a PRNG from a 32-bit seed. */
export function createRng(seed: number, skip = 0): Rng {
  let a = seed >>> 0;
  let draws = 0;
  const next = (): number => {
    draws++;
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const hex = (bytes: number): string => {
    let s = '';
    for (let i = 0; i < bytes; i++) s += Math.floor(next() * 256).toString(16).padStart(2, '0');
    return s;
  };
  for (let i = 0; i < skip; i++) next();
  return {
    get draws() {
      return draws;
    },
    next,
    hex,
    uuid: () => {
      const h = hex(16).split('');
      h[12] = '4';
      h[16] = '89ab'[Math.floor(next() * 4)]!;
      const s = h.join('');
      return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
    },
  };
}
