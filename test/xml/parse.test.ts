import { describe, expect, it } from 'vitest';
import { parseXml } from '../../src/xml/parse.js';
import { XmlError } from '../../src/xml/errors.js';
import { readInChunks } from '../helpers/xml-stream.js';
import { codeOf } from '../helpers/errors.js';


describe('parseXml (hardened)', () => {
  it('parses a well-formed document and keeps positions', () => {
    const { root } = parseXml('<?xml version="1.0"?>\n<a xmlns="urn:x">\n  <b c="1">t&amp;x</b></a>');
    expect(root.localName).toBe('a');
    expect(root.namespaceURI).toBe('urn:x');
    expect((root as unknown as { lineNumber: number }).lineNumber).toBe(2);
  });
  it('rejects an internal-subset DOCTYPE (billion laughs) before parsing', () => {
    const lol = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><lolz>&lol2;</lolz>';
    expect(codeOf(() => parseXml(lol), XmlError)).toBe('ERR_XML_DOCTYPE');
  });
  it('rejects an external entity declaration', () => {
    expect(codeOf(() => parseXml('<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>'), XmlError)).toBe('ERR_XML_DOCTYPE');
  });
  it('rejects a plain DOCTYPE with no subset', () => {
    expect(codeOf(() => parseXml('<!DOCTYPE a SYSTEM "a.dtd"><a/>'), XmlError)).toBe('ERR_XML_DOCTYPE');
  });
  it('does not mistake DOCTYPE text inside a comment or CDATA for a declaration', () => {
    expect(parseXml('<a><!-- <!DOCTYPE x> --><![CDATA[<!ENTITY y>]]></a>').root.localName).toBe('a');
  });
  it('rejects an undeclared entity reference', () => {
    expect(codeOf(() => parseXml('<a>&x;</a>'), XmlError)).toBe('ERR_XML_MALFORMED');
  });
  // Hang guard: 100,000 levels would exhaust memory or the stack if a DOM were built first.
  it('rejects deep nesting without building a DOM', { timeout: 10_000 }, () => {
    const deep = '<a>'.repeat(100_000) + '</a>'.repeat(100_000);
    expect(codeOf(() => parseXml(deep), XmlError)).toBe('ERR_XML_TOO_DEEP');
    expect(codeOf(() => parseXml('<a>'.repeat(200) + '</a>'.repeat(200), { maxDepth: 199 }), XmlError)).toBe('ERR_XML_TOO_DEEP');
    expect(parseXml('<a>'.repeat(50) + '</a>'.repeat(50)).root.localName).toBe('a');
  });
  it('rejects input over the size cap', () => {
    expect(codeOf(() => parseXml(`<a>${'x'.repeat(2000)}</a>`, { maxBytes: 1000 }), XmlError)).toBe('ERR_XML_TOO_LARGE');
    expect(codeOf(() => parseXml(Buffer.from(`<a>${'x'.repeat(2000)}</a>`), { maxBytes: 1000 }), XmlError)).toBe('ERR_XML_TOO_LARGE');
  });
  it('rejects two root elements', () => {
    expect(codeOf(() => parseXml('<a/><b/>'), XmlError)).toBe('ERR_XML_MULTIPLE_ROOTS');
    expect(codeOf(() => parseXml('<a></a>\n<b></b>'), XmlError)).toBe('ERR_XML_MULTIPLE_ROOTS');
  });
  it('reports truncated input as malformed with a position', () => {
    try {
      parseXml('<a>\n  <b>\n</a>');
      expect.unreachable();
    } catch (e) {
      expect((e as XmlError).code).toBe('ERR_XML_MALFORMED');
      expect((e as XmlError).line).toBe(2); // the unclosed <b>
    }
  });
  it('rejects binary garbage and empty input', () => {
    expect(codeOf(() => parseXml(Buffer.from([0xff, 0x00, 0x13, 0x80, 0x81])), XmlError)).toBe('ERR_XML_ENCODING');
    expect(codeOf(() => parseXml('\u0000\u0001garbage'), XmlError)).toBe('ERR_XML_MALFORMED');
    expect(codeOf(() => parseXml('   '), XmlError)).toBe('ERR_XML_EMPTY');
    expect(codeOf(() => parseXml('just text'), XmlError)).toBe('ERR_XML_MALFORMED');
  });
  it('rejects duplicate attributes and unbound prefixes', () => {
    expect(codeOf(() => parseXml('<a x="1" x="2"/>'), XmlError)).toBe('ERR_XML_MALFORMED');
    expect(codeOf(() => parseXml('<p:a/>'), XmlError)).toBe('ERR_XML_MALFORMED');
  });
  it('accepts a UTF-8 BOM and refuses UTF-16', () => {
    expect(parseXml(Buffer.from([0xef, 0xbb, 0xbf, ...Buffer.from('<a/>')])).root.localName).toBe('a');
    expect(codeOf(() => parseXml(Buffer.from([0xff, 0xfe, 0x3c, 0x00])), XmlError)).toBe('ERR_XML_ENCODING');
  });
  it('refuses a second byte order mark (U+FEFF is not white space in the prolog, §2.8), from bytes, a string and a stream', () => {
    const bom = [0xef, 0xbb, 0xbf];
    const twice = Buffer.from([...bom, ...bom, ...Buffer.from('<a/>')]);
    expect(codeOf(() => parseXml(twice), XmlError)).toBe('ERR_XML_MALFORMED');
    expect(codeOf(() => parseXml('\uFEFF\uFEFF<a/>'), XmlError)).toBe('ERR_XML_MALFORMED');
    expect(parseXml('\uFEFF<a/>').root.localName).toBe('a');
    for (const size of [1, 2, 3, 4, 64]) {
      expect(codeOf(() => readInChunks(twice, size), XmlError), `chunks of ${size}`).toBe('ERR_XML_MALFORMED');
    }
  });
  it('refuses characters XML 1.0 does not allow (§2.2), literal or as character references', () => {
    for (const bad of ['<a>\u0000</a>', '<a>\u000b</a>', '<a b="\u0001"/>', '<a>\uFFFE</a>', '<a>\uD800</a>', '<a>x\uDE00</a>', '<a>&#0;</a>', '<a>&#x1F;</a>', '<a b="&#1;"/>', '<a>&#xD800;</a>', '<a>&#xFFFF;</a>', '<a>&#x110000;</a>', '<a>&#99999999999;</a>']) {
      expect.soft(codeOf(() => parseXml(bad), XmlError), JSON.stringify(bad)).toBe('ERR_XML_MALFORMED');
    }
    const err = (() => {
      try {
        parseXml('<a>\n <b>&#xD800;</b></a>');
      } catch (e) {
        return e as XmlError;
      }
      return undefined;
    })();
    expect(err?.message).toBe('Malformed XML at line 2, column 5: &#xD800; is not a character XML 1.0 allows (§2.2 Char)');
    expect(err).toMatchObject({ line: 2, column: 5, actual: '&#xD800;' });
  });
  it('accepts every legal character, including surrogate pairs and their references, tab, LF, CR', () => {
    const { root } = parseXml('<a b="&#9;&#xA;&#xD;">\uD83D\uDE00 &#x1F600; &#65; &#xFFFD; \t\r\n \uE000</a>');
    expect(root.getAttribute('b')).toBe('\t\n\r');
    expect(root.textContent).toBe('\uD83D\uDE00 \uD83D\uDE00 A \uFFFD \t\n \uE000');
  });
  it('"&#0;" inside a comment, CDATA section or processing instruction is text, not a reference', () => {
    expect(parseXml('<a><![CDATA[&#0;]]><!-- &#0; --><?p &#0;?></a>').root.textContent).toBe('&#0;');
    expect(codeOf(() => parseXml('<a><?p x?>?>&#0;</a>'), XmlError)).toBe('ERR_XML_MALFORMED');
  });
  it('throws TypeError for a non-string, non-bytes input', () => {
    expect(() => parseXml(42 as unknown as string)).toThrow(TypeError);
  });
});

describe('parseXml: declared encoding', () => {
  it('accepts UTF-8 and US-ASCII declarations, in any case', () => {
    expect(parseXml('<?xml version="1.0" encoding="UTF-8"?><a/>').root.localName).toBe('a');
    expect(parseXml("<?xml version='1.0' encoding='utf-8' standalone='yes'?><a/>").root.localName).toBe('a');
    expect(parseXml('<?xml version="1.0" encoding="US-ASCII"?><a/>').root.localName).toBe('a');
  });
  it('refuses a declaration of another encoding rather than reading it as UTF-8', () => {
    try {
      parseXml(Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><a>caf\u00e9</a>', 'latin1'));
      expect.unreachable();
    } catch (e) {
      // The byte 0xE9 alone is not UTF-8: refused either way, but never read as some other text.
      expect((e as XmlError).code).toBe('ERR_XML_ENCODING');
    }
    try {
      parseXml('<?xml version="1.0" encoding="windows-1252"?><a>plain</a>');
      expect.unreachable();
    } catch (e) {
      expect((e as XmlError).code).toBe('ERR_XML_ENCODING');
      expect((e as XmlError).actual).toBe('windows-1252');
    }
  });
});
