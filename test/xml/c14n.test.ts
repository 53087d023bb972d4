import { describe, expect, it } from 'vitest';
import { DOMParser, type Element, type Node } from '@xmldom/xmldom';
import { C14nCanonicalization, ExclusiveCanonicalization, ExclusiveCanonicalizationWithComments, findAncestorNs } from 'xml-crypto';
import { parseXml } from '../../src/xml/parse.js';
import { canonicalize, escapeAttr, escapeText } from '../../src/xml/c14n.js';

/** The tree members byId reads: both samlfed's tree and xmldom's DOM (the independent implementation) have them. */
interface Walkable {
  readonly nodeType: number;
  readonly lastChild: Walkable | null;
  readonly previousSibling: Walkable | null;
}

/** Find the element with attribute ID=`id` (test helper; src/ uses ids.ts). */
function byId<E extends Walkable>(root: E, id: string): E {
  const stack: Walkable[] = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.nodeType === 1) {
      if ((n as unknown as { getAttribute(name: string): string | null }).getAttribute('ID') === id) return n as E;
      for (let c = n.lastChild; c !== null; c = c.previousSibling) stack.push(c);
    }
  }
  throw new Error(`no element with ID ${id}`);
}

interface Opts {
  inclusive?: string[];
  withComments?: boolean;
  /** ID of a descendant to exclude (the enveloped signature). */
  exclude?: string;
}

function ours(xml: string, id: string | undefined, o: Opts = {}): string {
  const { root } = parseXml(xml);
  const el = id === undefined ? root : byId(root, id);
  return canonicalize(el, {
    ...(o.inclusive ? { inclusivePrefixes: o.inclusive } : {}),
    ...(o.withComments ? { withComments: true } : {}),
    ...(o.exclude ? { exclude: byId(root, o.exclude) } : {}),
  });
}

/** xml-crypto's ExclusiveCanonicalization, driven the way its SignedXml drives it (fresh DOM each time: it mutates the apex). */
function theirs(xml: string, id: string | undefined, o: Opts = {}): string {
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  const root = doc.documentElement!;
  const el = id === undefined ? root : byId(root, id);
  if (o.exclude) {
    const ex = byId(root, o.exclude);
    ex.parentNode!.removeChild(ex);
  }
  const ancestorNamespaces = findAncestorNs(doc as never, id === undefined ? '/*' : `//*[@ID='${id}']`);
  const C = o.withComments ? ExclusiveCanonicalizationWithComments : ExclusiveCanonicalization;
  return new C().process(el as never, { ancestorNamespaces, inclusiveNamespacesPrefixList: o.inclusive ?? [] });
}

type Case = [name: string, xml: string, id: string | undefined, opts?: Opts];

const SAME: Case[] = [
  ['unused namespace dropped, attributes sorted, empty element expanded', '<a xmlns="urn:a" xmlns:u="urn:unused"><b x="1" a="2">t</b><c/></a>', undefined],
  ['apex takes utilized namespaces from ancestors outside the subset', '<r:R xmlns:r="urn:r" xmlns:s="urn:s" xmlns:u="urn:u"><s:A ID="x" r:at="1"><s:B/></s:A></r:R>', 'x'],
  ['prefix redeclared to another URI and back', '<p:a xmlns:p="urn:1" ID="x"><p:b xmlns:p="urn:2"><p:c xmlns:p="urn:1"/></p:b></p:a>', 'x'],
  ['redundant redeclaration is not rendered again', '<p:a xmlns:p="urn:1" ID="x"><p:b xmlns:p="urn:1"/></p:a>', 'x'],
  ['apex undeclaring the default namespace renders nothing', '<a xmlns="urn:a"><b xmlns="" ID="x"><c/></b></a>', 'x'],
  ['apex in a default namespace declared on an ancestor', '<a xmlns="urn:a"><b ID="x"><c xmlns="urn:c"/><d/></b></a>', 'x'],
  ['prefixed child under a default namespace', '<a xmlns="urn:a" ID="x"><p:b xmlns:p="urn:p"><c/></p:b></a>', 'x'],
  ['no-namespace child of a prefixed apex under a default-namespace ancestor', '<a xmlns="urn:a"><p:b xmlns:p="urn:p" ID="x"><c xmlns=""/></p:b></a>', 'x'],
  ['default namespace not utilized by prefixed elements', '<p:a xmlns:p="urn:p" xmlns="urn:d" ID="x"><p:b/></p:a>', 'x'],
  ['xml:* attributes of ancestors are not inherited', '<a xml:lang="en" xml:space="preserve"><b ID="x" xml:lang="fr" c="1"/></a>', 'x'],
  ['attributes in several namespaces', '<a xmlns:z="urn:a" xmlns:y="urn:b" ID="x" z:k="1" y:k="2" b="3" a="4" z:a="5"/>', 'x'],
  ['attributes sorted by namespace URI, not by prefix', '<a xmlns:b="urn:zzz" xmlns:c="urn:aaa" ID="x" b:at="1" c:at="2"/>', 'x'],
  ['InclusiveNamespaces prefix declared on an ancestor', '<r xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><a ID="x"><v xsi:type="xs:string">s</v></a></r>', 'x', { inclusive: ['xs'] }],
  ['QName in attribute content without InclusiveNamespaces loses its prefix binding', '<r xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><a ID="x"><v xsi:type="xs:string">s</v></a></r>', 'x'],
  ['InclusiveNamespaces prefix declared below the apex', '<a ID="x"><b xmlns:xs="urn:xs"><c/></b></a>', 'x', { inclusive: ['xs'] }],
  ['comments dropped without WithComments', '<a ID="x"><!-- c1 --><b>t<!--c2-->u</b></a>', 'x'],
  ['comments kept with WithComments', '<a ID="x"><!-- c1 --><b>t<!--c2-->u</b></a>', 'x', { withComments: true }],
  ['CDATA rendered as escaped text', '<a ID="x"><![CDATA[<b> & "q" > ]]></a>', 'x'],
  ['special characters in text', '<a ID="x">&lt;&gt;&amp;&#xD;&#13;"\' \t\n</a>', 'x'],
  ['special characters in attributes', '<a ID="x" v="&lt;&gt;&amp;&quot;\'&#x9;&#xA;&#xD;"/>', 'x'],
  ['character references and non-ASCII', '<a ID="x">&#x1F600;&#233;é</a>', 'x'],
  ['enveloped signature excluded', '<a xmlns:ds="http://www.w3.org/2000/09/xmldsig#" ID="x"><i/><ds:Signature ID="s"><ds:SignedInfo/></ds:Signature><b/></a>', 'x', { exclude: 's' }],
  ['same prefix, different URIs on siblings', '<a ID="x"><p:b xmlns:p="urn:1"/><p:b xmlns:p="urn:2"/><p:b xmlns:p="urn:1"/></a>', 'x'],
  ['namespace utilized only by an attribute', '<a ID="x"><b xmlns:q="urn:q" q:z="1"><q:c/></b></a>', 'x'],
  ['unused prefix declared on the apex itself', '<a xmlns:u="urn:u" xmlns:v="urn:v" ID="x" v:k="1"/>', 'x'],
  ['default namespace from ancestor used below a prefixed apex', '<r xmlns="urn:d"><p:a xmlns:p="urn:p" ID="x"><b/><p:c><d/></p:c></p:a></r>', 'x'],
  ['attribute prefix bound to the default namespace URI', '<a xmlns="urn:d" xmlns:d="urn:d" ID="x" d:k="1"><d:b/></a>', 'x'],
  ['InclusiveNamespaces prefix declared on the apex and used', '<p:a xmlns:p="urn:p" xmlns:q="urn:q" ID="x"><q:b/></p:a>', 'x', { inclusive: ['q'] }],
  ['InclusiveNamespaces prefix not in scope anywhere', '<a ID="x"><b/></a>', 'x', { inclusive: ['nope'] }],
  ['inclusive prefix redeclared below', '<r xmlns:q="urn:1"><a ID="x"><b xmlns:q="urn:2"><c/></b><d/></a></r>', 'x', { inclusive: ['q'] }],
  ['prefix redeclared in a child, used by grandchild and by a sibling', '<p:a xmlns:p="urn:1" ID="x"><b xmlns:p="urn:2"><p:c/></b><p:d/></p:a>', 'x'],
  ['whitespace and mixed content preserved', '<a ID="x">\n  <b>  t  </b>\n\t<c/>\n</a>', 'x'],
  ['signature in the middle, pretty-printed', '<a xmlns:ds="http://www.w3.org/2000/09/xmldsig#" ID="x">\n  <i/>\n  <ds:Signature ID="s"><ds:SignedInfo/></ds:Signature>\n  <b/>\n</a>', 'x', { exclude: 's' }],
];

const SAML_RESPONSE = `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ID="_resp" Version="2.0" IssueInstant="2026-01-01T00:00:00Z" Destination="https://sp.example.com/acs">
  <saml:Issuer>https://idp.example.com</saml:Issuer>
  <samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>
  <saml:Assertion ID="_assert" Version="2.0" IssueInstant="2026-01-01T00:00:00Z">
    <saml:Issuer>https://idp.example.com</saml:Issuer>
    <ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#" ID="sig"><ds:SignedInfo><ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/></ds:SignedInfo></ds:Signature>
    <saml:Subject>
      <saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">alice@example.com</saml:NameID>
    </saml:Subject>
    <saml:Conditions NotBefore="2026-01-01T00:00:00Z" NotOnOrAfter="2026-01-01T00:05:00Z">
      <saml:AudienceRestriction><saml:Audience>https://sp.example.com</saml:Audience></saml:AudienceRestriction>
    </saml:Conditions>
    <saml:AttributeStatement>
      <saml:Attribute Name="groups" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:basic">
        <saml:AttributeValue xsi:type="xs:string">R&amp;D &lt;team&gt;</saml:AttributeValue>
      </saml:Attribute>
    </saml:AttributeStatement>
  </saml:Assertion>
</samlp:Response>`;

describe('canonicalize (exclusive c14n 1.0) agrees with xml-crypto byte for byte', () => {
  for (const [name, xml, id, opts] of SAME) {
    it(name, () => {
      const mine = ours(xml, id, opts);
      expect(mine).toBe(theirs(xml, id, opts));
    });
  }

  it('a real-shaped SAML Assertion whose namespaces are declared on the Response', () => {
    const opts = { exclude: 'sig' };
    const mine = ours(SAML_RESPONSE, '_assert', opts);
    expect(mine).toBe(theirs(SAML_RESPONSE, '_assert', opts));
    expect(mine.startsWith('<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_assert"')).toBe(true);
    expect(mine).toContain('<saml:AttributeValue xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="xs:string">R&amp;D &lt;team&gt;</saml:AttributeValue>');
    expect(mine).not.toContain('Signature');
  });

  it('the same Assertion with InclusiveNamespaces "xs"', () => {
    const opts = { exclude: 'sig', inclusive: ['xs'] };
    const mine = ours(SAML_RESPONSE, '_assert', opts);
    expect(mine).toBe(theirs(SAML_RESPONSE, '_assert', opts));
    expect(mine.startsWith('<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" xmlns:xs="http://www.w3.org/2001/XMLSchema" ID="_assert"')).toBe(true);
  });

  it('the whole Response (apex = root)', () => {
    expect(ours(SAML_RESPONSE, undefined)).toBe(theirs(SAML_RESPONSE, undefined));
  });

  it('SignedInfo as apex takes ds from the Signature ancestor', () => {
    const xml = '<r xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:Signature><ds:SignedInfo ID="si"><ds:Reference URI="#x"/></ds:SignedInfo></ds:Signature></r>';
    expect(ours(xml, 'si')).toBe('<ds:SignedInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#" ID="si"><ds:Reference URI="#x"></ds:Reference></ds:SignedInfo>');
    expect(ours(xml, 'si')).toBe(theirs(xml, 'si'));
  });
});

/**
 * Inputs where xml-crypto 6.3 deviates from the specifications. Each expected value is derived
 * from the cited rule, not from either implementation.
 */
describe('canonicalize where xml-crypto is wrong (expected values from the specs)', () => {
  it('xmlns="" is not repeated below an element that already rendered it (C14N 1.0 §2.3 Namespace axis; exc-c14n §3)', () => {
    // xml-crypto renders <c xmlns="">: but c's nearest output ancestor (b) already rendered the empty default.
    const xml = '<a xmlns="urn:a" ID="x"><b xmlns=""><c/></b></a>';
    expect(ours(xml, 'x')).toBe('<a xmlns="urn:a" ID="x"><b xmlns=""><c></c></b></a>');
    expect(theirs(xml, 'x')).toBe('<a xmlns="urn:a" ID="x"><b xmlns=""><c xmlns=""></c></b></a>');
  });

  it('attributes sort by namespace URI then local name, not by the concatenation (C14N 1.0 §2.2)', () => {
    // "urn:a" < "urn:ab", so q:bd (urn:a) precedes p:c (urn:ab); xml-crypto compares "urn:abc" with "urn:abd".
    const xml = '<a xmlns:p="urn:ab" xmlns:q="urn:a" ID="x" p:c="1" q:bd="2"/>';
    expect(ours(xml, 'x')).toBe('<a xmlns:p="urn:ab" xmlns:q="urn:a" ID="x" q:bd="2" p:c="1"></a>');
    expect(theirs(xml, 'x')).not.toBe(ours(xml, 'x'));
  });

  it('"#default" in the PrefixList renders the in-scope default namespace (exc-c14n §4.1, C14N 1.0 §2.3)', () => {
    // xml-crypto ignores "#default".
    const xml = '<r xmlns="urn:d"><p:a xmlns:p="urn:p" ID="x"><p:b/></p:a></r>';
    expect(ours(xml, 'x', { inclusive: ['#default'] })).toBe('<p:a xmlns="urn:d" xmlns:p="urn:p" ID="x"><p:b></p:b></p:a>');
    expect(theirs(xml, 'x', { inclusive: ['#default'] })).toBe('<p:a xmlns:p="urn:p" ID="x"><p:b></p:b></p:a>');
  });

  it('"#default" with a no-namespace descendant renders xmlns="" there', () => {
    const xml = '<r xmlns="urn:d"><a ID="x"><b xmlns=""/></a></r>';
    expect(ours(xml, 'x', { inclusive: ['#default'] })).toBe('<a xmlns="urn:d" ID="x"><b xmlns=""></b></a>');
  });

  it('comment text is not escaped (C14N 1.0 §2.3 Comment nodes)', () => {
    const xml = '<a ID="x"><!-- a & b < c --></a>';
    expect(ours(xml, 'x', { withComments: true })).toBe('<a ID="x"><!-- a & b < c --></a>');
    expect(theirs(xml, 'x', { withComments: true })).toBe('<a ID="x"><!-- a &amp; b &lt; c --></a>');
  });

  it('processing instructions are kept (C14N 1.0 §2.3 PI nodes); xml-crypto throws', () => {
    const xml = '<a ID="x"><?pi  data here?><?empty?></a>';
    expect(ours(xml, 'x')).toBe('<a ID="x"><?pi data here?><?empty?></a>');
    expect(() => theirs(xml, 'x')).toThrow();
  });

  it('namespace URIs are escaped like attribute values (C14N 1.0 §2.3 Namespace nodes)', () => {
    // xml-crypto emits the raw value, producing malformed output.
    const xml = '<a ID="x" xmlns:p="urn:a&amp;b&quot;"><p:b/></a>';
    expect(ours(xml, 'x')).toBe('<a ID="x"><p:b xmlns:p="urn:a&amp;b&quot;"></p:b></a>');
  });
});

describe('canonicalize details', () => {
  it('escapes exactly the characters C14N names', () => {
    expect(escapeText('a&b<c>d\re"f\'\t\n')).toBe('a&amp;b&lt;c&gt;d&#xD;e"f\'\t\n');
    expect(escapeAttr('a&b<c>d\re"f\'\t\n')).toBe('a&amp;b&lt;c>d&#xD;e&quot;f\'&#x9;&#xA;');
    expect(escapeText('plain')).toBe('plain');
  });

  it('does not mutate the DOM (safe to call twice)', () => {
    const { root } = parseXml('<r xmlns:xs="urn:xs"><a ID="x"/></r>');
    const a = byId(root, 'x');
    const one = canonicalize(a, { inclusivePrefixes: ['xs'] });
    expect(canonicalize(a, { inclusivePrefixes: ['xs'] })).toBe(one);
    expect(a.attributes.length).toBe(1);
  });

  it('"xml" in the PrefixList is ignored (the xml namespace is never rendered)', () => {
    expect(ours('<a ID="x" xml:lang="en"/>', 'x', { inclusive: ['xml'] })).toBe('<a ID="x" xml:lang="en"></a>');
  });

  it('excludes a nested node, not only a direct child', () => {
    expect(ours('<a ID="x"><b><c ID="s"/>t</b></a>', 'x', { exclude: 's' })).toBe('<a ID="x"><b>t</b></a>');
  });

  it('input normalisation happens in the parser, before c14n (XML 1.0 §2.11, §3.3.3): literal TAB/LF/CR in attributes become spaces, CRLF and CR in text become LF; references survive', () => {
    expect(ours('<a ID="x" v="1\t2\n3\r\n4" w="&#9;&#10;&#13;">t\r\nu\rv&#13;</a>', 'x')).toBe('<a ID="x" v="1 2 3 4" w="&#x9;&#xA;&#xD;">t\nu\nv&#xD;</a>');
  });

  it('CDATA, references and a surrogate pair canonicalize to the same text as the literal characters', () => {
    expect(ours('<a ID="x"><![CDATA[<b>&]]>&#x1F600;\uD83D\uDE00</a>', 'x')).toBe('<a ID="x">&lt;b&gt;&amp;\uD83D\uDE00\uD83D\uDE00</a>');
  });

  it('rejects a non-element', () => {
    expect(() => canonicalize(null as never)).toThrow(TypeError);
  });

  it('handles a large document', () => {
    const parts: string[] = [];
    for (let i = 0; i < 20000; i++) parts.push(`<saml:AttributeValue xsi:type="xs:string" n="${i}">v&amp;${i}</saml:AttributeValue>`);
    const xml = `<r xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><saml:A ID="x">${parts.join('')}</saml:A></r>`;
    const { root } = parseXml(xml);
    const el = byId(root, 'x');
    const out = canonicalize(el, { inclusivePrefixes: ['xs'] });
    expect(out.length).toBeGreaterThan(xml.length);
  });

  // The Reference is digested before the SignatureValue is checked: an attacker chooses the
  // PrefixList and the namespace shape. These took seconds when the per-element work grew with
  // the PrefixList and the namespace queue was a linear list (quadratic); now linear.
  // Hang guards, not speed assertions: inputs are sized so that quadratic work would take
  // minutes while linear work takes well under a second; the test timeout is the bound.
  it('a 60,000-prefix PrefixList over 60,000 elements stays linear (30,000 took ~20 s when quadratic)', { timeout: 20_000 }, () => {
    const list = Array.from({ length: 60_000 }, (_, i) => `q${i}`);
    const { root } = parseXml(`<r xmlns:q7="urn:q7"><a ID="x">${'<q7:b/>'.repeat(60_000)}</a></r>`);
    const out = canonicalize(byId(root, 'x'), { inclusivePrefixes: list });
    expect(out.startsWith('<a xmlns:q7="urn:q7" ID="x"><q7:b></q7:b>')).toBe(true);
  });

  it('40,000 prefixed attributes on one element, each its own namespace, stays linear', { timeout: 20_000 }, () => {
    let attrs = '';
    for (let i = 40_000; i > 0; i--) attrs += ` xmlns:p${i}="urn:${i}" p${i}:a="${i}"`;
    const { root } = parseXml(`<r${attrs}/>`);
    const out = canonicalize(root);
    // Namespace declarations sorted by prefix, then attributes by namespace URI.
    expect(out.startsWith('<r xmlns:p1="urn:1" xmlns:p10="urn:10" xmlns:p100="urn:100"')).toBe(true);
    expect(out).toContain(' p1:a="1" p10:a="10" p100:a="100"');
  });

  it('inclusive c14n with 40,000 in-scope declarations over 40,000 elements stays linear', { timeout: 20_000 }, () => {
    let decls = '';
    for (let i = 0; i < 40_000; i++) decls += ` xmlns:n${i}="urn:${i}"`;
    const { root } = parseXml(`<r${decls}><a ID="x">${'<n1:c/>'.repeat(40_000)}</a></r>`);
    const out = canonicalize(byId(root, 'x'), { inclusive: true });
    expect(out.endsWith('<n1:c></n1:c></a>')).toBe(true);
  });
});

describe('canonicalize with inclusive: true (Canonical XML 1.0, legacy metadata SignedInfo only)', () => {
  function inclusiveTheirs(xml: string, id: string): string {
    const doc = new DOMParser().parseFromString(xml, 'text/xml');
    const el = byId(doc.documentElement!, id);
    return new C14nCanonicalization().process(el as never, { ancestorNamespaces: findAncestorNs(doc as never, `//*[@ID='${id}']`) });
  }
  function inclusiveOurs(xml: string, id: string): string {
    return canonicalize(byId(parseXml(xml).root, id), { inclusive: true });
  }

  it.each([
    ['all in-scope namespaces of the apex, redeclaration below, xmlns="" below', '<md:E xmlns:md="urn:md" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" xmlns:u="urn:u" xmlns="urn:d"><ds:Signature><ds:SignedInfo ID="x"><ds:C A="1"/><ds:R xmlns:u="urn:u2"><k xmlns=""/></ds:R></ds:SignedInfo></ds:Signature></md:E>'],
    ['default namespace undeclared on an ancestor', '<a xmlns="urn:a"><b xmlns=""><c ID="x"><d xmlns="urn:z"><e xmlns=""/></d></c></b></a>'],
  ])('agrees with xml-crypto: %s', (_name, xml) => {
    expect(inclusiveOurs(xml, 'x')).toBe(inclusiveTheirs(xml, 'x'));
  });

  it('the apex inherits ancestors\' xml:* attributes (C14N 1.0 §2.4); xml-crypto does not', () => {
    const xml = '<a xml:lang="en" xmlns:p="urn:p"><b xml:space="preserve"><c ID="x" xml:lang="fr"><d/></c></b></a>';
    expect(inclusiveOurs(xml, 'x')).toBe('<c xmlns:p="urn:p" ID="x" xml:lang="fr" xml:space="preserve"><d></d></c>');
    expect(inclusiveTheirs(xml, 'x')).toBe('<c xmlns:p="urn:p" ID="x" xml:lang="fr"><d></d></c>');
  });
});

describe('canonicalize: differential fuzz against xml-crypto (fixed seed)', () => {
  /** mulberry32: deterministic PRNG so failures reproduce. */
  function rng(seed: number): (n: number) => number {
    let s = seed | 0;
    return (n) => {
      s = (s + 0x6d2b79f5) | 0;
      let t = Math.imul(s ^ (s >>> 15), 1 | s);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) % n;
    };
  }

  /** Random documents: nested prefix (re)declarations, default namespace and undeclarations, prefixed attributes, xml:lang, text. */
  function generate(rnd: (n: number) => number): { xml: string; ids: number } {
    const prefixes = ['', 'a', 'b', 'c'];
    const uris = ['urn:1', 'urn:2', 'urn:3'];
    let id = 0;
    const gen = (depth: number, inScope: Set<string>): string => {
      const scope = new Set(inScope);
      const decl: string[] = [];
      const declared = new Set<string>();
      for (let i = rnd(3); i > 0; i--) {
        const p = prefixes[rnd(4)]!;
        if (declared.has(p)) continue;
        declared.add(p);
        const u = uris[rnd(3)]!;
        decl.push(p === '' ? `xmlns="${rnd(2) === 0 ? '' : u}"` : `xmlns:${p}="${u}"`);
        scope.add(p);
      }
      const usable = [...scope].filter((p) => p !== '');
      const ep = usable.length > 0 && rnd(2) === 1 ? usable[rnd(usable.length)]! : '';
      const name = `${ep ? `${ep}:` : ''}e${rnd(3)}`;
      const attrs = [`ID="i${id++}"`];
      const seen = new Set<string>();
      for (let i = rnd(3); i > 0; i--) {
        const ap = usable.length > 0 && rnd(2) === 1 ? usable[rnd(usable.length)]! : '';
        const an = `${ap ? `${ap}:` : ''}k${rnd(3)}`;
        if (seen.has(an)) continue;
        seen.add(an);
        attrs.push(`${an}="v${rnd(9)}&amp;"`);
      }
      if (rnd(5) === 0) attrs.push('xml:lang="en"');
      let kids = '';
      if (depth < 4) for (let i = rnd(3); i > 0; i--) kids += rnd(4) === 0 ? 't&lt;x' : gen(depth + 1, scope);
      return `<${name} ${decl.join(' ')} ${attrs.join(' ')}>${kids}</${name}>`;
    };
    const xml = gen(0, new Set());
    return { xml, ids: id };
  }

  it('agrees on 1500 random documents, except where xml-crypto repeats xmlns="" (see above)', () => {
    const rnd = rng(20261123);
    const count = (s: string): number => s.split(' xmlns=""').length;
    let compared = 0;
    for (let n = 0; n < 1500; n++) {
      const { xml, ids } = generate(rnd);
      try {
        parseXml(xml);
      } catch {
        continue; // e.g. two attributes with the same expanded name: not namespace-well-formed
      }
      const target = `i${rnd(ids)}`;
      const inclusive = rnd(3) === 0 ? [['a', 'b', 'c', '#default'][rnd(4)]!] : undefined;
      const opts = inclusive && inclusive[0] !== '#default' ? { inclusive } : {};
      const mine = ours(xml, target, opts);
      const other = theirs(xml, target, opts);
      if (mine !== other) {
        // The only known difference: xml-crypto emits xmlns="" again below an element that already rendered it.
        expect({ xml, target, mine: mine.replaceAll(' xmlns=""', '') }).toEqual({ xml, target, mine: other.replaceAll(' xmlns=""', '') });
        expect(count(mine)).toBeLessThan(count(other));
      }
      compared++;
    }
    expect(compared).toBeGreaterThan(1000);
  });
});
