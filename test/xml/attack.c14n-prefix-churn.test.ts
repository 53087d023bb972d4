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
import { ExcC14nStream } from '../../src/xml/stream/c14n-stream.js';
import { readXmlStream } from '../../src/xml/stream/reader.js';
import { chunked } from '../helpers/xml-stream.js';

const URIS = ['urn:a', 'urn:b', 'http://example.com/c'];

/**
 * A document of `sections` sibling subtrees under the root; each subtree uses prefixes from a
 * window of `pool` prefixes that slides by `slide` per section, so a prefix is rendered, leaves
 * scope, and comes back (same or other URI) sections later, and how many prefixes were ever
 * rendered rises past 64 in the middle of the document when `pool` or the slide is large.
 */
function churn(r: () => number, sections: number, pool: number, slide: number): string {
  const int = (n: number) => Math.floor(r() * n);
  const out: string[] = ['<r xmlns:keep="urn:keep" keep:a="1">'];
  const element = (depth: number, base: number, scope: Map<string, string>): void => {
    const decls: string[] = [];
    const local = new Map(scope);
    for (let k = int(3); k > 0; k--) {
      const p = `p${base + int(pool)}`;
      const uri = URIS[int(URIS.length)]!;
      if (decls.some((d) => d.startsWith(`xmlns:${p}=`))) continue;
      decls.push(`xmlns:${p}="${uri}"`);
      local.set(p, uri);
    }
    const dflt = int(5);
    if (dflt === 0) {
      decls.push('xmlns=""');
      local.set('', '');
    } else if (dflt === 1) {
      const uri = URIS[int(URIS.length)]!;
      decls.push(`xmlns="${uri}"`);
      local.set('', uri);
    }
    const bound = [...local.keys()].filter((p) => p !== '' && p !== 'keep');
    const usePrefix = bound.length > 0 && r() < 0.6;
    const name = usePrefix ? `${bound[int(bound.length)]!}:e${depth}` : `e${depth}`;
    const attrs: string[] = [];
    const used = new Set<string>();
    for (let k = int(3); k > 0; k--) {
      const p = r() < 0.2 ? 'keep' : bound.length > 0 ? bound[int(bound.length)]! : 'keep';
      if (used.has(p)) continue;
      used.add(p);
      // Local name from the prefix: two prefixes bound to one URI never give a duplicate {uri}local.
      attrs.push(`${p}:a${p}="${int(10)}"`);
    }
    if (r() < 0.3) attrs.push(`plain="${int(10)}"`);
    const tag = [name, ...decls, ...attrs].join(' ');
    if (depth >= 4 || r() < 0.3) {
      out.push(`<${tag}/>`);
      return;
    }
    out.push(`<${tag}>`);
    for (let k = 1 + int(3); k > 0; k--) {
      if (r() < 0.2) out.push('t');
      element(depth + 1, base, local);
    }
    out.push(`</${name}>`);
  };
  for (let s = 0; s < sections; s++) element(1, s * slide, new Map([['keep', 'urn:keep']]));
  out.push('<keep:z/></r>');
  return out.join('');
}

/** The streamed exclusive c14n of the document element (the root digest's canonicalizer), fed in `chunk`-byte chunks. */
function streamed(xml: string, prefixList: readonly string[] | undefined, chunk: number): string {
  let out = '';
  const c14n = new ExcC14nStream((s) => (out += s), prefixList);
  readXmlStream(chunked(new TextEncoder().encode(xml), chunk), {
    startElement: (el) => c14n.start(el),
    endElement: (el) => c14n.end(el),
    text: (data, depth) => {
      if (depth >= 1) c14n.text(data);
    },
    pi: () => {},
  });
  return out;
}

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
        expect(streamed(xml, list, 1 + Math.floor(r() * 97))).toBe(canonicalize(root, opts));
        compared++;
      }
    });
    expect(compared).toBe(docs.length * lists.length);
  });
});
