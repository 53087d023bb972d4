/**
 * Namespaces in XML 1.0 constraints parseXml enforces (issue 7 §4): each case is one named input
 * with its exact outcome. A parser laxer than the signer's is how parser-differential attacks
 * begin (ruby-saml, samlify CVEs).
 */
import { describe, expect, it } from 'vitest';
import { XmlError } from '../../src/xml/errors.js';
import { parseXml } from '../../src/xml/parse.js';
import { codeOf } from '../helpers/errors.js';

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

function refusal(xml: string): { code: string; message: string; line?: number; column?: number } {
  try {
    parseXml(xml);
  } catch (e) {
    if (e instanceof XmlError) return { code: e.code, message: e.message, line: e.line, column: e.column };
    throw e;
  }
  throw new Error('accepted');
}

describe('Namespaces in XML 1.0 (issue 7 §4)', () => {
  it.each([
    // §6.3: no two attributes with the same expanded name. xmldom dropped one silently, so an added attribute was invisible to c14n.
    ['two attributes with one expanded name under two prefixes (p:ID, q:ID, same URI)', '<a xmlns:p="urn:u" xmlns:q="urn:u" p:ID="1" q:ID="2"/>', /duplicate attribute: \{urn:u\}ID/],
    ['the same, prefixes declared on an ancestor', '<r xmlns:p="urn:u"><a xmlns:q="urn:u" q:x="1" p:x="2"/></r>', /duplicate attribute: \{urn:u\}x/],
    // §3: the xml prefix is bound to the XML namespace and to nothing else; xmlns is never declared.
    ['xmlns:xml bound to another URI', '<a xmlns:xml="urn:x"/>', /xml prefix must be bound to http:\/\/www\.w3\.org\/XML\/1998\/namespace/],
    ['xmlns:xml bound to the XML namespace with white space around it', `<a xmlns:xml=" ${XML_NS}"/>`, /xmlns:xml must be bound to/],
    ['xmlns:xmlns declared (to its own namespace)', `<a xmlns:xmlns="${XMLNS_NS}"/>`, /may not assign a prefix \(even "xmlns"\)/],
    ['xmlns:xmlns declared (to another URI)', '<a xmlns:xmlns="urn:x"/>', /xmlns prefix must be bound to/],
    ['another prefix bound to the XML namespace', `<a xmlns:p="${XML_NS}"/>`, /may not assign the xml namespace to another prefix/],
    ['another prefix bound to the xmlns namespace', `<a xmlns:p="${XMLNS_NS}"/>`, /may not assign a prefix/],
    ['the default namespace set to the XML namespace', `<a xmlns="${XML_NS}"/>`, /the default namespace may not be set/],
    ['the default namespace set to the xmlns namespace', `<a xmlns="${XMLNS_NS}"/>`, /the default namespace may not be set/],
    // §5 / XML 1.1 only: undeclaring a prefix.
    ['xmlns:p="" (undeclaring a prefix is XML 1.1 only)', '<a xmlns:p="urn:u"><b xmlns:p=""/></a>', /undefine prefix/],
    ['an element with the xmlns prefix', '<xmlns:a/>', /may not have "xmlns" as prefix/],
    ['an unbound element prefix', '<p:a/>', /unbound namespace prefix: "p"/],
    ['an unbound attribute prefix', '<a p:b="1"/>', /unbound namespace prefix: "p"/],
    ['a prefix used outside the scope of its declaration', '<r><a xmlns:p="urn:p"/><p:b/></r>', /unbound namespace prefix: "p"/],
    ['a qualified name with two colons', '<a xmlns:p="urn:p"><p:b:c/></a>', /malformed name/],
  ])('refuses %s with ERR_XML_MALFORMED', (_name, xml, reason) => {
    const r = refusal(xml);
    expect(r.code).toBe('ERR_XML_MALFORMED');
    expect(r.message).toMatch(reason);
    expect(r.line).toBe(1);
  });

  it('accepts xmlns:xml bound to the XML namespace, and xmlns="" (undeclaring the default namespace is XML 1.0)', () => {
    expect(parseXml(`<a xmlns:xml="${XML_NS}" xml:lang="en"/>`).root.getAttributeNS(XML_NS, 'lang')).toBe('en');
    const { root } = parseXml('<a xmlns="urn:d"><b xmlns=""><c/></b></a>');
    const c = root.firstChild!.firstChild as unknown as { namespaceURI: string | null; localName: string };
    expect(root.namespaceURI).toBe('urn:d');
    expect(c).toMatchObject({ localName: 'c', namespaceURI: null });
  });

  it('two attributes with one local name in two different namespaces are two attributes', () => {
    const { root } = parseXml('<a xmlns:p="urn:p" xmlns:q="urn:q" p:ID="1" q:ID="2" ID="3"/>');
    expect([root.getAttributeNS('urn:p', 'ID'), root.getAttributeNS('urn:q', 'ID'), root.getAttribute('ID')]).toEqual(['1', '2', '3']);
  });

  it('a namespace name is used exactly as written: "urn:x " is not "urn:x" (libxml2 agrees; saxes alone would trim it)', () => {
    const { root } = parseXml('<r xmlns:a="urn:x"><a:e/><x:e xmlns:x="urn:x "/><e xmlns="  urn:x"/></r>');
    const kids = root.childNodes as unknown as Array<{ namespaceURI: string | null }>;
    expect(kids.map((k) => k.namespaceURI)).toEqual(['urn:x', 'urn:x ', '  urn:x']);
  });

  it('namespace declarations are attributes in the xmlns namespace, as DOM Level 2 exposes them (c14n reads them)', () => {
    const { root } = parseXml('<p:a xmlns:p="urn:p" xmlns="urn:d" b="1"/>');
    const attrs = [...root.attributes].map((a) => ({ name: a.name, prefix: a.prefix, localName: a.localName, namespaceURI: a.namespaceURI, value: a.value }));
    expect(attrs).toEqual([
      { name: 'xmlns:p', prefix: 'xmlns', localName: 'p', namespaceURI: XMLNS_NS, value: 'urn:p' },
      { name: 'xmlns', prefix: null, localName: 'xmlns', namespaceURI: XMLNS_NS, value: 'urn:d' },
      { name: 'b', prefix: null, localName: 'b', namespaceURI: null, value: '1' },
    ]);
    expect(root.lookupNamespaceURI('p')).toBe('urn:p');
    expect(root.lookupNamespaceURI(null)).toBe('urn:d');
    expect(root.lookupNamespaceURI('xml')).toBe(XML_NS);
    expect(root.lookupNamespaceURI('nope')).toBeNull();
  });

  it('the xml prefix needs no declaration', () => {
    expect(codeOf(() => parseXml('<a xml:lang="en" xml:space="preserve"/>'))).toBe('no error');
    expect(parseXml('<a xml:lang="en"/>').root.attributes[0]).toMatchObject({ prefix: 'xml', localName: 'lang', namespaceURI: XML_NS });
  });
});
