/**
 * Prefix churn against the namespace axis (src/xml/c14n-ns.ts), which keeps a prefix no element
 * renders any more as "not rendered" while its map holds at most 64 prefixes and deletes it beyond:
 * seeded documents where up to 150 distinct prefixes come into scope, go out of scope and are
 * declared again (same URI or another), where the default namespace is declared, undeclared with
 * `xmlns=""` and re-declared, and where the map crosses the 64 threshold in both directions in the
 * middle of the document. Oracles: libxml2 (`xmllint --exc-c14n`, `--c14n`, `--c14n11`) for the
 * whole document; the streamed exclusive canonicalizer (src/xml/stream/c14n-stream.ts) for every
 * InclusiveNamespaces PrefixList (exc-c14n §4.1, with `#default`), which xmllint cannot take.
 */
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../scripts/fuzz/c14n-gen.js';
import { hasTool, scratch, xmllintC14n, type XmllintMode } from '../../scripts/fuzz/tools.js';
import { canonicalize, type C14nMode } from '../../src/xml/c14n.js';
import { parseXml } from '../../src/xml/parse.js';
import { streamedExcC14n } from '../helpers/xml-stream.js';
import { churn } from '../../scripts/fuzz/prefix-churn.js';

const SEED = 20261202;
// [sections, pool, slide]: below 64 prefixes throughout; crossing 64 in the middle; far beyond (150).
const SHAPES: [number, number, number][] = [
  [30, 6, 0],
  [40, 8, 2],
  [60, 20, 3],
  [50, 150, 0],
];
const docs: string[] = [];
{
  const r = seededRandom(SEED);
  for (const [sections, pool, slide] of SHAPES) for (let k = 0; k < 6; k++) docs.push(churn(r, sections, pool, slide));
}
/** How many distinct prefixes a document declares. */
const prefixCount = (xml: string): number => new Set(xml.match(/xmlns:p\d+/g) ?? []).size;

describe(`c14n with prefixes churning in and out of scope (seed ${SEED}, ${docs.length} documents)`, () => {
  it('the documents cross 64 distinct prefixes in the middle (and stay below it for the first shapes)', () => {
    expect(prefixCount(docs[0]!)).toBeLessThanOrEqual(6);
    const counts = docs.map(prefixCount);
    expect(counts.filter((n) => n > 64).length).toBeGreaterThanOrEqual(12);
    // The first half of a crossing document stays below the threshold.
    const crossing = docs[12]!;
    expect(prefixCount(crossing.slice(0, crossing.length / 4))).toBeLessThan(64);
    expect(prefixCount(crossing)).toBeGreaterThan(64);
  });

  it.skipIf(!hasTool('xmllint'))('tree c14n equals xmllint --exc-c14n, --c14n and --c14n11 on every document', () => {
    const tmp = scratch();
    try {
      const modes: [XmllintMode, C14nMode][] = [
        ['--exc-c14n', 'exclusive'],
        ['--c14n', 'inclusive'],
        ['--c14n11', 'inclusive-1.1'],
      ];
      for (const [flag, mode] of modes) {
        const expected = xmllintC14n(docs, flag, tmp.dir);
        const bad: number[] = [];
        docs.forEach((xml, i) => {
          expect(expected[i], `xmllint ${flag} #${i}`).toBeDefined();
          if (canonicalize(parseXml(xml).root, { mode }) !== expected[i]) bad.push(i);
        });
        expect(bad, `${flag}: documents that differ`).toEqual([]);
      }
    } finally {
      tmp.dispose();
    }
  }, 30_000);

  it('streamed exclusive c14n equals the tree one with every kind of PrefixList (#default, churning prefixes, 100 prefixes), in odd chunks', () => {
    const r = seededRandom(SEED + 1);
    const lists: (readonly string[] | undefined)[] = [
      undefined,
      ['#default'],
      ['p0', 'p1', 'keep'],
      ['#default', 'p3', 'p5', 'p7'],
      Array.from({ length: 100 }, (_, i) => `p${i}`),
      ['#default', ...Array.from({ length: 70 }, (_, i) => `p${2 * i}`)],
    ];
    let compared = 0;
    docs.forEach((xml) => {
      const root = parseXml(xml).root;
      for (const list of lists) {
        const opts = list === undefined ? {} : { inclusivePrefixes: list };
        expect(streamedExcC14n(xml, list, 1 + Math.floor(r() * 97))).toBe(canonicalize(root, opts));
        compared++;
      }
    });
    expect(compared).toBe(docs.length * lists.length);
  });
});
