/**
 * Attribute and namespace order by code point (issue 7 §3) and the inclusive algorithms,
 * Canonical XML 1.0 and 1.1 (issue 11 §6), with expected outputs written out from the specs.
 * The same rules are checked against libxml2 on generated documents in c14n.differential.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { parseXml } from '../../src/xml/parse.js';

type Element = ReturnType<typeof parseXml>['root'];
type Node = NonNullable<Element['parentNode']>;
import { canonicalize, xmlBaseFixupNeeded, type C14nMode } from '../../src/xml/c14n.js';
import { compareCodePoints } from '../../src/xml/c14n-text.js';

function byId(root: Element, id: string): Element {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.nodeType === 1) {
      if ((n as Element).getAttribute('ID') === id) return n as Element;
      for (let c = n.lastChild; c !== null; c = c.previousSibling) stack.push(c);
    }
  }
  throw new Error(`no element with ID ${id}`);
}

const c14n = (xml: string, mode: C14nMode, id?: string, withComments = false): string => {
  const { root } = parseXml(xml);
  return canonicalize(id === undefined ? root : byId(root, id), { mode, withComments });
};

describe('code-point order (C14N 1.0 §2.2, issue 7 §3)', () => {
  it('compareCodePoints orders an astral character after U+E000..U+FFFF (UTF-16 code units would not)', () => {
    expect('\u{10000}' < '\uFF21').toBe(true); // the UTF-16 order JavaScript's < uses
    expect(compareCodePoints('\u{10000}', '\uFF21')).toBe(1);
    expect(compareCodePoints('\uE000', '\u{1F600}')).toBe(-1);
    expect(compareCodePoints('a\u{10000}', 'a\u{10001}')).toBe(-1);
    expect(compareCodePoints('ab', 'a')).toBe(1);
    expect(compareCodePoints('', '')).toBe(0);
    expect(compareCodePoints('\uD7FF', '\u{10000}')).toBe(-1);
  });

  it.each<C14nMode>(['exclusive', 'inclusive', 'inclusive-1.1'])('%s: attribute x\\u{10000} sorts after x\\uFF21 and x\\uF900 (by local name, no namespace)', (mode) => {
    const xml = '<a x\u{10000}="1" x\uFF21="2" x\uF900="3" x\u{2F800}="4"/>';
    expect(c14n(xml, mode)).toBe('<a x\uF900="3" x\uFF21="2" x\u{10000}="1" x\u{2F800}="4"></a>');
  });

  it.each<C14nMode>(['exclusive', 'inclusive', 'inclusive-1.1'])('%s: namespace declarations sort by prefix in code-point order', (mode) => {
    const xml = '<p\u{10400}:a xmlns:p\u{10400}="urn:1" xmlns:p\uFB01="urn:2" p\uFB01:k="v"/>';
    expect(c14n(xml, mode)).toBe('<p\u{10400}:a xmlns:p\uFB01="urn:2" xmlns:p\u{10400}="urn:1" p\uFB01:k="v"></p\u{10400}:a>');
  });

  it('attributes sort by namespace URI first, then local name, both by code point', () => {
    const xml = '<a xmlns:y="urn:b" xmlns:z="urn:a" y:x\uFF21="1" z:x\u{10000}="2" y:x\u{10000}="3" b="4"/>';
    expect(c14n(xml, 'exclusive')).toBe('<a xmlns:y="urn:b" xmlns:z="urn:a" b="4" z:x\u{10000}="2" y:x\uFF21="1" y:x\u{10000}="3"></a>');
  });
});

describe('inclusive Canonical XML 1.0 and 1.1 of a document subset', () => {
  const DOC =
    '<r xmlns="urn:d" xmlns:a="urn:a" xmlns:u="urn:unused" xml:lang="en" xml:space="preserve" xml:id="r1">' +
    '<m xml:lang="sv"><b ID="x" a:k="1"><c xmlns:a="urn:a" xmlns:n="urn:n"><!--c--><n:d/></c><e xmlns=""/></b></m></r>';

  it('exclusive: only visibly utilized namespaces, no xml:* from ancestors', () => {
    expect(c14n(DOC, 'exclusive', 'x')).toBe('<b xmlns="urn:d" xmlns:a="urn:a" ID="x" a:k="1"><c><n:d xmlns:n="urn:n"></n:d></c><e xmlns=""></e></b>');
  });

  // Attribute order: no namespace first, then by namespace URI (http://www.w3.org/XML/1998/namespace < urn:a).
  it('Canonical XML 1.0: every in-scope namespace on the apex, nearest xml:* of the ancestors inherited (C14N 1.0 §2.4)', () => {
    expect(c14n(DOC, 'inclusive', 'x')).toBe(
      '<b xmlns="urn:d" xmlns:a="urn:a" xmlns:u="urn:unused" ID="x" xml:id="r1" xml:lang="sv" xml:space="preserve" a:k="1"><c xmlns:n="urn:n"><n:d></n:d></c><e xmlns=""></e></b>',
    );
  });

  it('Canonical XML 1.1: xml:id is not inherited, xml:lang and xml:space are (C14N 1.1 §2.4)', () => {
    expect(c14n(DOC, 'inclusive-1.1', 'x')).toBe(
      '<b xmlns="urn:d" xmlns:a="urn:a" xmlns:u="urn:unused" ID="x" xml:lang="sv" xml:space="preserve" a:k="1"><c xmlns:n="urn:n"><n:d></n:d></c><e xmlns=""></e></b>',
    );
  });

  it('WithComments keeps comments in both inclusive versions', () => {
    expect(c14n(DOC, 'inclusive', 'x', true)).toContain('<c xmlns:n="urn:n"><!--c--><n:d>');
    expect(c14n(DOC, 'inclusive-1.1', 'x', true)).toContain('<c xmlns:n="urn:n"><!--c--><n:d>');
  });

  it("the apex's own xml:* attributes win over its ancestors'", () => {
    const xml = '<r xml:lang="en" xml:space="preserve"><b ID="x" xml:lang="de"/></r>';
    expect(c14n(xml, 'inclusive', 'x')).toBe('<b ID="x" xml:lang="de" xml:space="preserve"></b>');
    expect(c14n(xml, 'inclusive-1.1', 'x')).toBe('<b ID="x" xml:lang="de" xml:space="preserve"></b>');
  });

  it('xmlns="" is not rendered on an apex with no default namespace in scope, but is below a defaulted ancestor', () => {
    expect(c14n('<r xmlns=""><b ID="x"/></r>', 'inclusive', 'x')).toBe('<b ID="x"></b>');
    expect(c14n('<r xmlns="urn:d" ID="x"><b xmlns=""><c xmlns=""/></b></r>', 'inclusive', 'x')).toBe('<r xmlns="urn:d" ID="x"><b xmlns=""><c></c></b></r>');
  });

  it('a redundant redeclaration below the apex is not rendered again; a changed one is', () => {
    const xml = '<r xmlns:p="urn:1" ID="x"><p:b xmlns:p="urn:1"><p:c xmlns:p="urn:2"/></p:b></r>';
    expect(c14n(xml, 'inclusive', 'x')).toBe('<r xmlns:p="urn:1" ID="x"><p:b><p:c xmlns:p="urn:2"></p:c></p:b></r>');
  });

  it('xmlBaseFixupNeeded names the nearest ancestor with xml:base (C14N 1.1 §2.4 fix-up, not implemented)', () => {
    const { root } = parseXml('<r xml:base="http://e.example/a/"><m><b ID="x" xml:base="c/"/></m></r>');
    expect(xmlBaseFixupNeeded(byId(root, 'x'))?.tagName).toBe('r');
    expect(xmlBaseFixupNeeded(root)).toBeUndefined();
    // Canonical XML 1.0 simply copies the nearest ancestor's xml:base (C14N 1.0 §2.4), no fix-up.
    expect(canonicalize(byId(parseXml('<r xml:base="http://e.example/a/"><b ID="x"/></r>').root, 'x'), { mode: 'inclusive' })).toBe('<b ID="x" xml:base="http://e.example/a/"></b>');
  });

  it('an InclusiveNamespaces PrefixList with inclusive c14n is a caller mistake (TypeError)', () => {
    const { root } = parseXml('<a/>');
    expect(() => canonicalize(root, { mode: 'inclusive', inclusivePrefixes: ['p'] })).toThrow(TypeError);
    expect(() => canonicalize(root, { mode: 'c14n2' as C14nMode })).toThrow(TypeError);
    expect(canonicalize(root, { inclusive: true })).toBe('<a></a>');
  });
});
