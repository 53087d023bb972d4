/**
 * The stream reader's UTF-8 decoding (src/xml/harden.ts Utf8Stream): chunks of ASCII are read
 * without TextDecoder, and the result must be exactly the fatal decoder's, byte order mark
 * included: a U+FEFF inside the document is text, only the stream's first one is removed; a
 * multi-byte sequence split across chunks is joined, and one left unfinished is ERR_XML_ENCODING,
 * even when the chunk after it is ASCII.
 */
import { describe, expect, it } from 'vitest';
import { XmlError } from '../../src/xml/errors.js';
import { parseXml } from '../../src/xml/parse.js';
import { readXmlStream } from '../../src/xml/stream/reader.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const bytes = (...parts: (string | number[])[]): Uint8Array[] => parts.map((p) => (typeof p === 'string' ? enc(p) : Uint8Array.from(p)));

/** The text the reader reports, chunks as given. */
function streamedText(chunks: Uint8Array[]): string {
  let text = '';
  readXmlStream(chunks, { startElement() {}, endElement() {}, text: (t) => void (text += t), pi() {} });
  return text;
}

function encodingError(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return e instanceof XmlError ? e.code : String(e);
  }
  return undefined;
}

describe('stream reader: UTF-8 in chunks, ASCII ones read without a TextDecoder', () => {
  it('a U+FEFF after ASCII chunks is text (as parseXml reads it), not a byte order mark to drop', () => {
    const chunks = bytes('<r>a', [0xef, 0xbb, 0xbf], 'b</r>');
    expect(streamedText(chunks)).toBe('a\uFEFFb');
    expect(parseXml(Buffer.concat(chunks)).root.textContent).toBe('a\uFEFFb');
  });

  it('the first byte order mark of the stream is removed, a second one refused', () => {
    expect(streamedText(bytes([0xef, 0xbb, 0xbf], '<r>x</r>'))).toBe('x');
    expect(encodingError(() => streamedText(bytes([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf], '<r/>')))).toBe('ERR_XML_MALFORMED');
  });

  it('a sequence split across chunks is joined, whatever follows in ASCII', () => {
    // é (C3 A9), € (E2 82 AC) and 😀 (F0 9F 98 80), split after each of their bytes.
    for (const ch of ['é', '€', '😀']) {
      const b = enc(ch);
      for (let cut = 1; cut < b.length; cut++) {
        expect(streamedText([enc('<r>a'), b.subarray(0, cut), b.subarray(cut), enc('z</r>')])).toBe(`a${ch}z`);
        expect(streamedText([...[...b.subarray(0, cut)].map((x) => Uint8Array.of(x)), b.subarray(cut), enc('</r>')].map((c, i) => (i === 0 ? Buffer.concat([enc('<r>'), c]) : c)))).toBe(ch);
      }
    }
  });

  it('an unfinished sequence followed by an ASCII chunk, or by the end: ERR_XML_ENCODING', () => {
    expect(encodingError(() => streamedText(bytes('<r>a', [0xc3], 'b</r>')))).toBe('ERR_XML_ENCODING');
    expect(encodingError(() => streamedText(bytes('<r>a', [0xe2, 0x82], 'b</r>')))).toBe('ERR_XML_ENCODING');
    expect(encodingError(() => streamedText(bytes('<r>a', [0xf0], [0x9f], [0x98], '</r>')))).toBe('ERR_XML_ENCODING');
    expect(encodingError(() => streamedText(bytes('<r/>', [0xe2])))).toBe('ERR_XML_ENCODING');
    expect(encodingError(() => streamedText(bytes('<r>', [0x80], '</r>')))).toBe('ERR_XML_ENCODING');
  });
});
