/**
 * The namespace axis (src/xml/c14n-ns.ts) keeps a prefix that no element renders any more as "not
 * rendered" while at most 64 prefixes were ever rendered, and deletes it beyond: both regimes must
 * give the canonical form libxml2 gives (`xmllint --exc-c14n`, `--c14n`), on the tree canonicalizer
 * and on the streamed one, for prefixes rendered, going out of scope and used again with the same
 * or another URI, at the element, in attributes and nested.
 */
import { describe, expect, it } from 'vitest';
import { hasTool, scratch, xmllintC14n } from '../../scripts/fuzz/tools.js';
import { canonicalize } from '../../src/xml/c14n.js';
import { parseXml } from '../../src/xml/parse.js';
import { streamedExcC14n } from '../helpers/xml-stream.js';

/** `n` sibling groups: prefix p(i mod m) rendered at an element, again by its child, then out of scope; some reused with another URI. */
function doc(n: number, m: number): string {
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    const p = `p${i % m}`;
    const uri = `urn:u${i % 3}`;
    parts.push(`<${p}:e xmlns:${p}="${uri}" a="${i}"><${p}:c/><q:d xmlns:q="urn:q" ${p}:at="x"/></${p}:e><f xmlns:${p}="${uri}"><g ${p}:b="1"/></f>`);
  }
  return `<r xmlns:keep="urn:keep">${parts.join('')}<keep:z/></r>`;
}

const cases: [string, string][] = [
  ['10 prefixes (kept as not rendered)', doc(40, 10)],
  ['200 prefixes (deleted past 64)', doc(400, 200)],
];

describe('exclusive c14n with many prefixes coming in and out of scope', () => {
  it.each(cases)('%s: tree and streamed forms agree and re-render each prefix where it is used again', (_name, xml) => {
    const tree = canonicalize(parseXml(xml).root, {});
    expect(streamedExcC14n(xml, undefined, 1 << 16)).toBe(tree);
    // Every <pK:e> renders its own prefix again after the previous one went out of scope.
    expect(tree.match(/<p\d+:e xmlns:p\d+="urn:u\d"/g)).toHaveLength(xml.match(/<p\d+:e /g)!.length);
  });

  it.skipIf(!hasTool('xmllint'))('libxml2 gives the same canonical forms (exclusive and inclusive)', () => {
    const tmp = scratch();
    try {
      const docs = cases.map((c) => c[1]);
      const exc = xmllintC14n(docs, '--exc-c14n', tmp.dir);
      const inc = xmllintC14n(docs, '--c14n', tmp.dir);
      docs.forEach((xml, i) => {
        const root = parseXml(xml).root;
        expect(canonicalize(root, {})).toBe(exc[i]);
        expect(canonicalize(root, { mode: 'inclusive' })).toBe(inc[i]);
      });
    } finally {
      tmp.dispose();
    }
  });
});
