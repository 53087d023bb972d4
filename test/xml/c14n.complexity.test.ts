/**
 * Canonicalization stays linear on adversarial shapes (issue 7 §1): for each shape, doubling the
 * input must not much more than double the CPU time of `canonicalize`. Measured as a ratio of
 * CPU times (process.cpuUsage, best of several runs of at least 10 ms) between size N and 2N in
 * the same test, with a generous bound (< 3.5; linear is ~2, quadratic ~4). On a loaded machine
 * one measurement can be off, so the smallest of up to three ratios counts: noise can make a
 * linear shape look slow once, but cannot make a quadratic one look linear three times.
 * Parsing is outside the measurement (the parser has its own complexity tests).
 */
import { describe, expect, it } from 'vitest';
import { parseXml } from '../../src/xml/parse.js';

type Element = ReturnType<typeof parseXml>['root'];
import { canonicalize, type CanonicalizeOptions } from '../../src/xml/c14n.js';

const LIMITS = { maxDepth: 100_000 };

/** Best-of-`runs` CPU milliseconds of canonicalizing `apex` (repeated until ≥ 10 ms per run). */
function cpu(apex: Element, opts: CanonicalizeOptions, runs = 3): number {
  let reps = 1;
  for (;;) {
    const t = process.cpuUsage();
    for (let i = 0; i < reps; i++) canonicalize(apex, opts);
    const u = process.cpuUsage(t);
    if ((u.user + u.system) / 1000 >= 10 || reps >= 4096) break;
    reps *= 2;
  }
  let best = Infinity;
  for (let r = 0; r < runs; r++) {
    const t = process.cpuUsage();
    for (let i = 0; i < reps; i++) canonicalize(apex, opts);
    const u = process.cpuUsage(t);
    best = Math.min(best, (u.user + u.system) / 1000 / reps);
  }
  return best;
}

/** Ratio of the CPU time at 2N to the CPU time at N (the smallest of up to three measurements under 3.5). */
function ratio(make: (n: number) => { apex: Element; opts?: CanonicalizeOptions }, n: number): number {
  const small = make(n);
  const large = make(2 * n);
  cpu(small.apex, small.opts ?? {}, 1); // warm up
  let best = Infinity;
  for (let attempt = 0; attempt < 3 && best >= 3.5; attempt++) {
    best = Math.min(best, cpu(large.apex, large.opts ?? {}) / cpu(small.apex, small.opts ?? {}));
  }
  return best;
}

const root = (xml: string): Element => parseXml(xml, LIMITS).root;
const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
const MODES: ReadonlyArray<CanonicalizeOptions['mode']> = ['exclusive', 'inclusive', 'inclusive-1.1'];

describe('canonicalize is linear (CPU ratio 2N/N < 3.5)', () => {
  for (const mode of MODES) {
    it(`${mode}: many namespace declarations on one element, each used by an attribute`, () => {
      const make = (n: number) => ({ apex: root(`<a ${range(n).map((i) => `xmlns:p${i}="urn:${i}" p${i}:x="${i}"`).join(' ')}/>`), opts: { mode } });
      expect(ratio(make, 2000)).toBeLessThan(3.5);
    });

    it(`${mode}: deep nesting, a new prefix declared at every level`, () => {
      const make = (n: number) => ({ apex: root(range(n).map((i) => `<p${i}:e xmlns:p${i}="urn:${i}">`).join('') + range(n).reverse().map((i) => `</p${i}:e>`).join('')), opts: { mode } });
      expect(ratio(make, 2000)).toBeLessThan(3.5);
    });

    it(`${mode}: long attribute list with astral and U+F900.. names (code-point sort)`, () => {
      const make = (n: number) => ({ apex: root(`<a ${range(n).map((i) => `x${i % 2 ? '\u{10000}' : '\uF900'}${i}="v&amp;${i}"`).join(' ')}/>`), opts: { mode } });
      expect(ratio(make, 2500)).toBeLessThan(3.5);
    });

    it(`${mode}: apex below many ancestors that declare namespaces and xml:* attributes`, () => {
      const make = (n: number) => {
        // The apex's content uses the ancestors' prefixes, so every mode has Θ(N) work to do.
        const body = range(n).map((i) => `<p${i}:c/>`).join('');
        const r = root(range(n).map((i) => `<e xmlns:p${i}="urn:${i}" xml:lang="l${i}" xml:space="preserve">`).join('') + `<s ID="x">${body}</s>` + range(n).map(() => '</e>').join(''));
        let apex = r;
        while (apex.getAttribute('ID') !== 'x') apex = apex.firstChild as Element;
        return { apex, opts: { mode } };
      };
      expect(ratio(make, 1000)).toBeLessThan(3.5);
    });

    it(`${mode}: many siblings, each re-declaring the same namespaces`, () => {
      const decl = range(20).map((i) => `xmlns:p${i}="urn:${i}"`).join(' ');
      const make = (n: number) => ({ apex: root(`<r xmlns:p0="urn:0">${range(n).map(() => `<p0:s ${decl}><p1:t/></p0:s>`).join('')}</r>`), opts: { mode } });
      expect(ratio(make, 500)).toBeLessThan(3.5);
    });
  }

  it('exclusive: a large InclusiveNamespaces PrefixList (attacker-sized, read before the signature is checked)', () => {
    const make = (n: number) => ({
      apex: root(`<r ${range(n).map((i) => `xmlns:p${i}="urn:${i}"`).join(' ')}><a><b/><c/></a></r>`),
      opts: { inclusivePrefixes: range(n).map((i) => `p${i}`) },
    });
    expect(ratio(make, 2000)).toBeLessThan(3.5);
  });
});
