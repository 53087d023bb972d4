/**
 * The stream reader at random chunk boundaries (empty chunks, 1-byte chunks, UTF-8 sequences,
 * CR LF pairs, names, end tags and references split; ASCII chunks next to non-ASCII ones, so the
 * decoder switches between its ASCII path and TextDecoder, src/xml/harden.ts Utf8Stream) reads
 * generated documents exactly as it reads them in one chunk: the same events (text merged between
 * markup) and positions, and the same error (code and message; where text outside the root is
 * found depends on the chunking) for broken ones, invalid UTF-8 included. Its elements and texts are the tree's (parseXml), and no text it reports plain holds
 * `&`, `<`, `>` or CR (src/xml/sax-scan.ts `textPlain`). Names and texts with characters beyond
 * the BMP (the end-tag fast path, src/xml/sax-tag.ts), LF runs (the next-LF cache) and `>` in text.
 */
import { describe, expect, it } from 'vitest';
import { parseXml } from '../../src/xml/parse.js';
import { recordStreamEvents } from '../helpers/xml-stream.js';
import { ELEMENT_NODE, TEXT_NODE, type Element, type Node } from '../../src/xml/tree.js';

function lcg(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x80000000);
}
const rand = lcg(20261202);
const pick = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)]!;

const NAMES = ['a', 'b:c', 'x\u{1D49C}', '\u00e9', 'ab', 'abc', '\u{1D49C}y'];
const TEXTS = ['\n', '\n  ', '\n\n', '>', ']', ']]', '&amp;', '&#x3e;', '&#13;', '&lt;', '\r', '\r\n', '\r\r', '\u00e9', '\u{1D49C}', 'abc', ' ', '\t', '<![CDATA[x>]]>', '<!--c\n-->', '<?p d\n?>', '\ufeff', '\u2028'];
const BAD = [']]>', '&bogus;', '\u0001', '</zz>', '<a', '&#0;', '&', '\uFFFE'];
const BAD_BYTES = [[0xc3], [0xef, 0xbb, 0xbf], [0xf0, 0x9d, 0x92], [0xc0, 0x80], [0xff], [0xe2, 0x80], [0x80], [0xed, 0xa0, 0x80]];

function element(depth: number, bad: boolean): string {
  const name = pick(NAMES);
  let s = `<${name}${name.startsWith('b:') ? ' xmlns:b="u"' : ''}${rand() < 0.3 ? ' k="v&amp;\n"' : ''}>`;
  const n = Math.floor(rand() * 6);
  for (let i = 0; i < n; i++) {
    const r = rand();
    if (r < 0.25 && depth < 4) s += element(depth + 1, bad);
    else if (bad && r < 0.28) s += pick(BAD);
    else s += pick(TEXTS);
  }
  return `${s}</${name}${rand() < 0.2 ? ' \n' : ''}>`;
}

function documentBytes(): Uint8Array {
  const broken = rand();
  const xml = pick(['', '\ufeff', '<?xml version="1.0"?>\n', '<!-- x -->']) + element(0, broken < 0.3) + pick(['', '\n', '\r']);
  const bytes = Array.from(new TextEncoder().encode(xml));
  // Bytes that are not UTF-8 only in otherwise well-formed documents: one error per document.
  if (broken > 0.85) bytes.splice(Math.floor(rand() * (bytes.length + 1)), 0, ...pick(BAD_BYTES));
  return new Uint8Array(bytes);
}

function randomChunks(bytes: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  const mode = rand();
  for (let i = 0; i < bytes.length; ) {
    const n = mode < 0.3 ? Math.floor(rand() * 3) : mode < 0.5 ? 1 : Math.floor(rand() * 12);
    out.push(bytes.subarray(i, i + n));
    i += n;
  }
  return out;
}

/** The events (text merged between markup), or the error; plain texts checked on the way. */
function events(chunks: Iterable<Uint8Array>): string[] {
  const out: string[] = [];
  try {
    recordStreamEvents(
      chunks,
      (el, depth) => `<${el.qname}|${el.uri} ${depth} ${el.line}:${el.column} ${JSON.stringify(el.all.map((a) => [a.name, a.uri, a.value]))}`,
      out,
      (data, plain, lines) => {
        if (plain && /[&<>\r]/.test(data)) lines.push(`PLAIN ${JSON.stringify(data)}`);
      },
    );
  } catch (e) {
    // saxes reports text outside the root where it finds it: at the `<` after it, or at the end of
    // the chunk (chunking moves that position, and only that; it did before the fast paths too).
    const message = (e as Error).message;
    out.push(`error ${(e as { code?: string }).code} ${/outside of root node/.test(message) ? 'text outside the root' : message}`);
  }
  return out;
}

/** The tree's start tags and texts in the reader's form (CDATA sections are text nodes there). */
function treeEvents(root: Element): string[] {
  const out: string[] = [];
  const walk = (n: Node, depth: number): void => {
    if (n.nodeType === TEXT_NODE) out.push(`text ${JSON.stringify(n.textContent)}`);
    if (n.nodeType !== ELEMENT_NODE) return;
    const el = n as Element;
    out.push(`<${el.tagName}|${el.namespaceURI ?? ''} ${depth} ${el.lineNumber}:${el.columnNumber}`);
    for (let c = el.firstChild; c !== null; c = c.nextSibling) walk(c, depth + 1);
  };
  walk(root, 1);
  return out;
}

describe('stream reader at random chunk boundaries', () => {
  it('reads 1500 generated documents as in one chunk, and as parseXml does', () => {
    let errors = 0;
    for (let k = 0; k < 1500; k++) {
      const bytes = documentBytes();
      const whole = events([bytes]);
      expect(whole.filter((e) => e.startsWith('PLAIN'))).toEqual([]);
      const last = whole[whole.length - 1]!;
      if (last.startsWith('error')) {
        errors++;
        expect(() => parseXml(bytes)).toThrow();
      } else {
        const starts = whole.filter((e) => e.startsWith('<') && !e.startsWith('</')).map((e) => e.replace(/ \[.*$/, ''));
        expect(starts).toEqual(treeEvents(parseXml(bytes).root).filter((e) => e.startsWith('<')));
      }
      for (let r = 0; r < 3; r++) {
        const chunks = randomChunks(bytes);
        const got = events(chunks);
        const label = JSON.stringify(chunks.map((c) => Buffer.from(c).toString('latin1')));
        expect(got.filter((e) => e.startsWith('PLAIN')), label).toEqual([]);
        // A broken document: the same error (events before it depend on how much was read).
        if (last.startsWith('error')) expect(got[got.length - 1], label).toBe(last);
        else expect(got, label).toEqual(whole);
      }
    }
    expect(errors).toBeGreaterThan(300);
    expect(errors).toBeLessThan(1200);
  });
});
