/**
 * XML 1.0 §2.11 end-of-line handling (issue 7 §2): only CR LF and a lone CR become LF. U+0085,
 * U+2028 and U+2029 are line ends in XML 1.1 only; an XML 1.0 signer hashes them as written, so
 * samlfed must read them as written too, whatever version the declaration names.
 */
import { describe, expect, it } from 'vitest';
import { parseXml } from '../../src/xml/parse.js';
import { canonicalize } from '../../src/xml/c14n.js';

describe('XML 1.0 §2.11 line ends (issue 7 §2)', () => {
  it.each([
    ['CR LF becomes LF', 'a\r\nb', 'a\nb'],
    ['a lone CR becomes LF', 'a\rb', 'a\nb'],
    ['CR CR LF becomes two LFs', 'a\r\r\nb', 'a\n\nb'],
    ['U+2028 LINE SEPARATOR stays', 'a\u2028b', 'a\u2028b'],
    ['U+2029 PARAGRAPH SEPARATOR stays', 'a\u2029b', 'a\u2029b'],
    ['U+0085 NEXT LINE stays', 'a\u0085b', 'a\u0085b'],
    ['CR U+0085 is LF then U+0085 (XML 1.1 would make one LF)', 'a\r\u0085b', 'a\n\u0085b'],
    ['U+2028 LF stays two characters', 'a\u2028\nb', 'a\u2028\nb'],
  ])('text: %s', (_name, written, read) => {
    expect(parseXml(`<a>${written}</a>`).root.textContent).toBe(read);
    expect(parseXml(`<?xml version="1.1"?><a>${written}</a>`).root.textContent).toBe(read);
    expect(parseXml(Buffer.from(`<a><![CDATA[${written}]]></a>`)).root.textContent).toBe(read);
  });

  it('attribute values: CR LF and CR become LF, then a space (§3.3.3); U+2028, U+2029, U+0085 stay', () => {
    expect(parseXml('<a b="1\r\n2\r3\u20284\u20295\u00856"/>').root.getAttribute('b')).toBe('1 2 3\u20284\u20295\u00856');
  });

  it('comments and processing instructions: CR LF becomes LF, U+2028 stays', () => {
    const { root } = parseXml('<a><!--x\r\ny\u2028z--><?p x\r\ny\u2028z?></a>');
    expect(root.childNodes.map((n) => (n as unknown as { data: string }).data)).toEqual(['x\ny\u2028z', 'x\ny\u2028z']);
  });

  it('a NameID with U+2028 reaches c14n unchanged (the signed text, as xmlsec1 hashes it)', () => {
    const xml = '<saml:NameID xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">alice\u2028admin@partner.example</saml:NameID>';
    expect(canonicalize(parseXml(xml).root)).toBe(xml);
    // A signed LF replaced by U+2028 is different signed text (it no longer normalises to the same digest input).
    expect(canonicalize(parseXml(xml.replace('\u2028', '\n')).root)).not.toBe(canonicalize(parseXml(xml).root));
  });

  it('line numbers count CR LF, CR and LF once each, and not U+2028', () => {
    const { root } = parseXml('<r>\r\n<a/>\r<b/>\n<c/>\u2028<d/></r>');
    expect(root.childNodes.filter((n) => n.nodeType === 1).map((n) => [n.nodeName, n.lineNumber, n.columnNumber])).toEqual([
      ['a', 2, 1],
      ['b', 3, 1],
      ['c', 4, 1],
      ['d', 4, 6],
    ]);
  });
});
