import { describe, expect, it } from 'vitest';
import { parseXml } from '../../src/xml/parse.js';
import { XmlError } from '../../src/xml/errors.js';

/** Namespaces in XML 1.0 §6.3 duplicate checks, on both sides of the 16-attribute switch of src/xml/sax.ts. */
const many = (n: number): string => Array.from({ length: n }, (_, i) => ` a${i}="v"`).join('');

function codeAndMessage(xml: string): [string, string] {
  try {
    parseXml(xml);
  } catch (e) {
    if (e instanceof XmlError) return [e.code, e.message];
    throw e;
  }
  return ['accepted', ''];
}

describe('parseXml: duplicate attributes (expanded names)', () => {
  for (const n of [0, 3, 20]) {
    it(`refuses the same name twice (${n} other attributes)`, () => {
      const [code, msg] = codeAndMessage(`<r${many(n)} b="1" b="2"/>`);
      expect(code).toBe('ERR_XML_MALFORMED');
      expect(msg).toContain('duplicate attribute: b');
    });
    it(`refuses two prefixes bound to one namespace with the same local name (${n} other attributes)`, () => {
      const [code, msg] = codeAndMessage(`<r xmlns:p="urn:x" xmlns:q="urn:x"${many(n)} p:a="1" q:a="2"/>`);
      expect(code).toBe('ERR_XML_MALFORMED');
      expect(msg).toContain('duplicate attribute: {urn:x}a');
    });
    it(`accepts the same local name in different namespaces, and unprefixed beside prefixed (${n} other attributes)`, () => {
      const { root } = parseXml(`<r xmlns:p="urn:x" xmlns:q="urn:y"${many(n)} p:a="1" q:a="2" a="3"/>`);
      expect(root.getAttributeNS('urn:x', 'a')).toBe('1');
      expect(root.getAttributeNS('urn:y', 'a')).toBe('2');
      expect(root.getAttributeNS(null, 'a')).toBe('3');
    });
    it(`refuses an unbound attribute prefix (${n} other attributes)`, () => {
      const [code, msg] = codeAndMessage(`<r${many(n)} z:a="1"/>`);
      expect(code).toBe('ERR_XML_MALFORMED');
      expect(msg).toContain('unbound namespace prefix: "z"');
    });
  }
});
