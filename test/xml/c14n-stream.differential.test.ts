/**
 * The two exclusive canonicalizers against each other: the streamed one (src/xml/stream/c14n-stream.ts,
 * fed by the stream reader's events, as the aggregate lint's root digest is) and the tree one
 * (src/xml/c14n.ts over parseXml's tree) must write the same canonical form of the same document
 * element, with the same InclusiveNamespaces PrefixList and the same excluded subtree (the
 * enveloped signature). Inputs: every XML fixture of the repository, and seeded generated
 * namespace-heavy documents (scripts/fuzz/c14n-gen.ts: prefixes re-bound and shadowed, default
 * namespaces declared and undeclared with xmlns="", attributes in namespaces, prefixes used only by
 * attributes), each with PrefixLists that include `#default`; plus hand-written cases with their
 * expected canonical form spelled out.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateDocument, seededRandom } from '../../scripts/fuzz/c14n-gen.js';
import { canonicalize } from '../../src/xml/c14n.js';
import { parseXml } from '../../src/xml/parse.js';
import { ExcC14nStream } from '../../src/xml/stream/c14n-stream.js';
import { readXmlStream, NotStreamable } from '../../src/xml/stream/reader.js';
import type { Element } from '../../src/xml/tree.js';
import { chunked } from '../helpers/xml-stream.js';

const ROOT = new URL('../../', import.meta.url).pathname;

/** The streamed exclusive c14n of the document element, leaving out the `excluded`-th element (document order, root = 0). */
function streamed(xml: string, inclusivePrefixes: readonly string[] | undefined, excluded: number | undefined, chunk: number): string {
  let out = '';
  const c14n = new ExcC14nStream((s) => (out += s), inclusivePrefixes);
  let index = -1;
  let skipDepth = 0;
  readXmlStream(chunked(new TextEncoder().encode(xml), chunk), {
    startElement(el, depth) {
      index++;
      if (skipDepth === 0 && index === excluded) skipDepth = depth;
      if (skipDepth === 0) c14n.start(el);
    },
    endElement(el, depth) {
      if (skipDepth === 0) c14n.end(el);
      else if (skipDepth === depth) skipDepth = 0;
    },
    text(data, depth) {
      if (skipDepth === 0 && depth >= 1) c14n.text(data);
    },
    pi(target, data, depth) {
      if (skipDepth === 0 && depth >= 1) c14n.pi(target, data);
    },
  });
  return out;
}

/** Elements of the tree in document order (root first). */
function elementsOf(root: Element): Element[] {
  const out: Element[] = [];
  const stack: Element[] = [root];
  while (stack.length > 0) {
    const el = stack.pop()!;
    out.push(el);
    const kids: Element[] = [];
    for (let c = el.firstChild; c !== null; c = c.nextSibling) if (c.nodeType === 1) kids.push(c as Element);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  return out;
}

interface Case {
  readonly prefixes: readonly string[] | undefined;
  readonly excluded: number | undefined;
}

/** Compare both canonicalizers on `xml` for each case; returns the number of comparisons made. */
function compare(xml: string, cases: readonly Case[], chunk: number, label: string): number {
  const root = parseXml(xml).root;
  const els = elementsOf(root);
  let n = 0;
  for (const c of cases) {
    const tree = canonicalize(root, { mode: 'exclusive', inclusivePrefixes: c.prefixes, exclude: c.excluded === undefined ? undefined : els[c.excluded] });
    let stream: string;
    try {
      stream = streamed(xml, c.prefixes, c.excluded, chunk);
    } catch (e) {
      // The stream reader hands such documents to the tree path (namespace names with surrounding whitespace).
      if (e instanceof NotStreamable) continue;
      throw e;
    }
    expect(stream, `${label} prefixes=${JSON.stringify(c.prefixes)} excluded=${String(c.excluded)}`).toBe(tree);
    n++;
  }
  return n;
}

/** Every prefix declared in `xml` (a superset is harmless: undeclared prefixes of a PrefixList are ignored). */
function declaredPrefixes(xml: string): string[] {
  return [...new Set([...xml.matchAll(/xmlns:([^=\s]+)\s*=/g)].map((m) => m[1]!))];
}

function* xmlFiles(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* xmlFiles(p);
    else if (e.name.endsWith('.xml')) yield p;
  }
}

describe('streamed exclusive c14n equals the tree exclusive c14n', () => {
  it('hand-written namespace cases, with their expected canonical form', () => {
    const cases: Array<[string, readonly string[] | undefined, string]> = [
      // A prefix redeclared with another URI below; a prefix used only by an attribute; xmlns="" under a default namespace.
      [
        '<a:r xmlns:a="urn:a" xmlns="urn:d" xmlns:u="urn:unused"><e xmlns=""><a:f xmlns:a="urn:a2" xmlns:b="urn:b" b:x="1" y="2"/></e><g/></a:r>',
        undefined,
        '<a:r xmlns:a="urn:a"><e><a:f xmlns:a="urn:a2" xmlns:b="urn:b" y="2" b:x="1"></a:f></e><g xmlns="urn:d"></g></a:r>',
      ],
      // #default in the PrefixList: the default namespace is rendered where in scope, xmlns="" where it is undeclared.
      [
        '<a:r xmlns:a="urn:a" xmlns="urn:d"><e xmlns=""><a:f/></e><g/></a:r>',
        ['#default'],
        '<a:r xmlns="urn:d" xmlns:a="urn:a"><e xmlns=""><a:f></a:f></e><g></g></a:r>',
      ],
      // An inclusive prefix declared below the apex is rendered there although not used; attributes sorted by URI then name.
      [
        '<r xmlns:z="urn:z" z:b="1" a="0" z:a="2"><c xmlns:p="urn:p"/></r>',
        ['p', 'z'],
        '<r xmlns:z="urn:z" a="0" z:a="2" z:b="1"><c xmlns:p="urn:p"></c></r>',
      ],
    ];
    for (const [xml, prefixes, expected] of cases) {
      expect(canonicalize(parseXml(xml).root, { inclusivePrefixes: prefixes })).toBe(expected);
      expect(streamed(xml, prefixes, undefined, 5)).toBe(expected);
    }
  });

  it('every XML fixture of the repository, with and without PrefixLists, with its signature excluded', () => {
    let files = 0;
    let comparisons = 0;
    for (const dir of ['test/fixtures', 'examples']) {
      for (const file of xmlFiles(join(ROOT, dir))) {
        const xml = readFileSync(file, 'utf8');
        let root: Element;
        try {
          root = parseXml(xml).root;
        } catch {
          continue; // fixtures of malformed input
        }
        files++;
        const els = elementsOf(root);
        // The root's own ds:Signature (an enveloped signature), else some element halfway through the document.
        const sig = els.findIndex((e) => e.parentNode === root && e.localName === 'Signature');
        const excluded = sig >= 0 ? sig : els.length > 1 ? els.length >> 1 : undefined;
        const prefixes = declaredPrefixes(xml);
        const cases: Case[] = [
          { prefixes: undefined, excluded: undefined },
          { prefixes: undefined, excluded },
          { prefixes: ['#default'], excluded },
          { prefixes: [...prefixes, '#default'], excluded },
          { prefixes: prefixes.filter((_, i) => i % 2 === 0), excluded: undefined },
        ];
        comparisons += compare(xml, cases, 4096, file.slice(ROOT.length));
      }
    }
    expect(files).toBeGreaterThan(80);
    expect(comparisons).toBeGreaterThan(5 * 80);
  });

  it('400 generated namespace-heavy documents (seed 20261202), random PrefixLists and excluded subtrees, read in small chunks', () => {
    const rand = seededRandom(20261202);
    let comparisons = 0;
    for (let i = 0; i < 400; i++) {
      const doc = generateDocument(rand, { lineSeparators: i % 2 === 0 });
      const prefixes = declaredPrefixes(doc.xml);
      const pick = (): string[] => [...prefixes, '#default', 'xml', 'undeclared'].filter(() => rand() < 0.4);
      const n = elementsOf(parseXml(doc.xml).root).length;
      const excluded = n > 1 ? 1 + Math.floor(rand() * (n - 1)) : undefined;
      const cases: Case[] = [
        { prefixes: undefined, excluded: undefined },
        { prefixes: ['#default'], excluded: undefined },
        { prefixes: [...prefixes, '#default'], excluded: undefined },
        { prefixes: pick(), excluded },
        { prefixes: undefined, excluded },
      ];
      comparisons += compare(doc.xml, cases, 1 + (i % 13), `generated #${i}`);
    }
    expect(comparisons).toBeGreaterThan(5 * 390);
  });
});
