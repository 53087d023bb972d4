/**
 * XML 1.0 well-formedness cases of issue 7 §4 and the character rules of XML 1.0 §2.2, each one
 * named input with its exact outcome (all were accepted by the xmldom-based parser, or refused
 * for a reason another parser would not share).
 */
import { describe, expect, it } from 'vitest';
import { XmlError } from '../../src/xml/errors.js';
import { parseXml } from '../../src/xml/parse.js';

function refusal(xml: string | Uint8Array): XmlError {
  try {
    parseXml(xml);
  } catch (e) {
    if (e instanceof XmlError) return e;
    throw e;
  }
  throw new Error('accepted');
}

describe('XML 1.0 well-formedness (issue 7 §4)', () => {
  it.each([
    ['a bare & in text', '<a>a & b</a>', 1, 6, /'&' that starts no reference/],
    ['a bare & in an attribute value', '<a b="x & y"/>', 1, 9, /'&' that starts no reference/],
    ['a bare & followed later by ;', '<a>fish & chips; peas</a>', 1, 16, /disallowed character in entity name/],
    [']]> in text', '<a>x]]>y</a>', 1, 7, /"]]>" is disallowed in char data/],
    ['<x / > (white space between / and >)', '<x / >', 1, 5, /forward-slash in opening tag not followed by >/],
    ['<doc/ > (white space after the /)', '<doc/ >', 1, 6, /forward-slash in opening tag not followed by >/],
    ['< in an attribute value', '<a b="<"/>', 1, 7, /disallowed character/],
    ['an entity reference other than the five predefined ones', '<a>&nbsp;</a>', 1, 9, /undefined entity/],
    ['an Object.prototype name as an entity', '<a>&constructor;</a>', 1, 16, /undefined entity/],
    ['a second XML declaration', '<a><?xml version="1.0"?></a>', 1, 9, /XML declaration must be at the start/],
    ['a PI target spelled xml in another case', '<a><?XmL x?></a>', 1, 12, /XML declaration must appear at the start/],
    ['-- inside a comment', '<a><!-- a -- b --></a>', 1, 13, /malformed comment/],
    ['text before the root', 'x<a/>', 1, 2, /text data outside of root node/],
  ])('refuses %s: ERR_XML_MALFORMED at the offending character', (_name, xml, line, column, reason) => {
    const e = refusal(xml);
    expect(e.code).toBe('ERR_XML_MALFORMED');
    expect(e.message).toMatch(reason);
    expect({ line: e.line, column: e.column }).toEqual({ line, column });
  });

  it.each([
    ['a lone high surrogate before a character (saxes alone would swallow the next one)', '<a>\uD800x</a>', 'U+D800', 4],
    ['a lone high surrogate at the end of an attribute value', '<a b="\uD800"/>', 'U+D800', 7],
    ['a lone low surrogate', '<a>\uDC00</a>', 'U+DC00', 4],
    ['a lone low surrogate after a pair', '<a>\uD83D\uDE00\uDC00</a>', 'U+DC00', 6],
    ['a C0 control character', '<a>\u0001</a>', 'U+0001', 4],
    ['U+FFFE', '<a>\uFFFE</a>', 'U+FFFE', 4],
    ['U+FFFF in an attribute value', '<a b="\uFFFF"/>', 'U+FFFF', 7],
    ['&#0;', '<a>&#0;</a>', '&#0;', 4],
    ['&#xD800; (a surrogate by reference)', '<a>&#xD800;</a>', '&#xD800;', 4],
    ['&#xDC00; in an attribute value', '<a b="&#xDC00;"/>', '&#xDC00;', 7],
    ['&#x110000; (beyond Unicode)', '<a>&#x110000;</a>', '&#x110000;', 4],
    ['a reference of many digits', '<a>&#99999999999;</a>', '&#99999999999;', 4],
  ])('refuses %s (XML 1.0 §2.2 Char, literal or by reference): %s', (_name, xml, shown, column) => {
    const e = refusal(xml);
    expect(e).toMatchObject({ code: 'ERR_XML_MALFORMED', actual: shown, line: 1, column });
    expect(e.message).toBe(`Malformed XML at line 1, column ${column}: ${shown} is not a character XML 1.0 allows (§2.2 Char)`);
  });

  it('accepts character references with many leading zeros (oasis/p66pass1.xml, refused before)', () => {
    expect(parseXml('<a b="&#00000000000000065;">&#x000000000000041;</a>').root).toMatchObject({ textContent: 'A' });
    expect(parseXml('<a b="&#00000000000000065;"/>').root.getAttribute('b')).toBe('A');
  });

  it('a comment, CDATA section or PI is literal text: &#0; inside one is no reference', () => {
    const { root } = parseXml('<a><!--&#0;&#xD800;--><![CDATA[&#0;&]]><?p &#0;&?></a>');
    expect(root.textContent).toBe('&#0;&');
    expect(root.childNodes.map((n) => [n.nodeType, (n as unknown as { data: string }).data])).toEqual([
      [8, '&#0;&#xD800;'],
      [4, '&#0;&'],
      [7, '&#0;&'],
    ]);
  });
});

describe('the XML declaration is parsed itself, whatever its length (issue 7 §4, last bullet; XML 1.0 §2.8, §4.3.3)', () => {
  it.each([
    ['a declaration padded with 300 spaces before encoding="ISO-8859-1"', `<?xml version="1.0"${' '.repeat(300)}encoding="ISO-8859-1"?><a/>`, 'ISO-8859-1'],
    ['a declaration padded with 3,000 line ends and tabs before encoding="windows-1252"', `<?xml version="1.0"\n${'\t\r\n '.repeat(1000)}encoding='windows-1252'?><a>caf\u00e9</a>`, 'windows-1252'],
    ['a padded declaration with standalone after the encoding', `<?xml version="1.0"${' '.repeat(500)}encoding="Shift_JIS" standalone="yes"?><a/>`, 'Shift_JIS'],
  ])('refuses %s with ERR_XML_ENCODING', (_name, xml, declared) => {
    expect(refusal(xml)).toMatchObject({ code: 'ERR_XML_ENCODING', actual: declared });
    expect(refusal(Buffer.from(xml, 'utf8'))).toMatchObject({ code: 'ERR_XML_ENCODING', actual: declared });
  });

  it('accepts a padded declaration of UTF-8', () => {
    expect(parseXml(`<?xml version="1.0"${' '.repeat(5000)}encoding="UTF-8"${' '.repeat(5000)}?><a/>`).root.localName).toBe('a');
  });

  it.each([
    ['a declaration that is not at the start', ' <?xml version="1.0"?><a/>'],
    ['a declaration without version', '<?xml encoding="UTF-8"?><a/>'],
    ['a declaration with its pseudo-attributes out of order', '<?xml encoding="UTF-8" version="1.0"?><a/>'],
    ['an unterminated declaration', '<?xml version="1.0" encoding="UTF-8"'],
  ])('refuses %s with ERR_XML_MALFORMED', (_name, xml) => {
    expect(refusal(xml).code).toBe('ERR_XML_MALFORMED');
  });
});
