/**
 * Mutators for the verifyResponse fuzzer (scripts/fuzz/verify-fuzz.ts): byte mutations of the
 * serialized Response and structure mutations of its tree (duplicate, move, wrap, remove
 * elements; change, add and drop attributes; namespace games; signed text swapped for an
 * attacker's; XSW-style copies). Structure mutations use @xmldom/xmldom directly (this is a
 * test tool, never src/); the mutant is whatever its serializer writes.
 */
import { DOMParser, XMLSerializer, type Document, type Element, type Node } from '@xmldom/xmldom';

export interface Mutant {
  readonly input: string | Uint8Array;
  /** What was done, to reproduce and report a finding. */
  readonly what: string;
}

type Rand = () => number;
const int = (r: Rand, n: number): number => Math.floor(r() * n);
const pick = <T>(r: Rand, a: readonly T[]): T => a[int(r, a.length)]!;

const SAML = 'urn:oasis:names:tc:SAML:2.0:assertion';
const SAMLP = 'urn:oasis:names:tc:SAML:2.0:protocol';
const DS = 'http://www.w3.org/2000/09/xmldsig#';

/** Byte strings an attacker likes to insert. */
const TOKENS = [
  '<', '>', '&', '"', "'", '/', '=', ' ', '\0', '\uFFFF', '\u2028', '\u0085', '\r', '\r\n', '-->', '<!--', '<!---->', ']]>', '<![CDATA[', '&#0;', '&#x2028;',
  '&amp;', '&lt;', '<?pi x?>', '<!DOCTYPE x>', '<!ENTITY e "x">', '&e;', 'xmlns="urn:evil"', 'xmlns:saml="urn:evil"', 'xml:base="http://evil/"', 'ID="_assert-1"',
  ' ID="_evil"', 'attacker@evil.example', '\u{1F600}', '\uD800', '=\'x\'', '</saml:Assertion>', '<saml:Assertion ID="_assert-1">', 'ds:', 'saml2:', '%', '\t',
];

const ATTACK_VALUES = [
  '', ' ', '#', '#_assert-1', '#_resp-1', '_assert-1', '_resp-1', '_evil', 'attacker@evil.example', 'https://evil.example/', 'http://www.w3.org/2001/10/xml-exc-c14n#',
  'http://www.w3.org/TR/2001/REC-xml-c14n-20010315', 'http://www.w3.org/2006/12/xml-c14n11', 'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
  'http://www.w3.org/2000/09/xmldsig#hmac-sha1', 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256', 'http://www.w3.org/2001/04/xmlenc#sha256', '2099-01-01T00:00:00Z',
  '1970-01-01T00:00:00Z', 'urn:oasis:names:tc:SAML:2.0:status:Success', 'urn:oasis:names:tc:SAML:2.0:cm:bearer', 'https://sp.host.example/saml2', 'https://sp.host.example/saml2/acs',
  'https://idp.partner.example/', '_req-1', 'xs:string', '\u2028', 'x'.repeat(300),
];

const NAMESPACES = [SAML, SAMLP, DS, 'urn:evil', '', 'http://www.w3.org/2001/10/xml-exc-c14n#', 'http://www.w3.org/XML/1998/namespace'];

function elements(doc: Document): Element[] {
  const out: Element[] = [];
  const stack: Node[] = [doc.documentElement!];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.nodeType !== 1) continue;
    out.push(n as Element);
    for (let c = n.lastChild; c !== null; c = c.previousSibling) stack.push(c);
  }
  return out;
}

function textNodes(doc: Document): Node[] {
  const out: Node[] = [];
  for (const e of elements(doc)) for (let c = e.firstChild; c !== null; c = c.nextSibling) if (c.nodeType === 3) out.push(c);
  return out;
}

const describeEl = (e: Element): string => `<${e.tagName}${e.getAttribute('ID') ? ` ID=${e.getAttribute('ID')}` : ''}>`;

/** One structure mutation of `xml`; undefined when the chosen one did not apply. */
function structural(xml: string, r: Rand): Mutant | undefined {
  const doc = new DOMParser({ onError: () => undefined }).parseFromString(xml, 'text/xml');
  if (!doc.documentElement) return undefined;
  const els = elements(doc);
  const target = pick(r, els);
  const other = pick(r, els);
  let what: string;
  switch (int(r, 12)) {
    case 0: {
      // Duplicate (XSW-style copy) to a random place, sometimes with the copy's NameID changed.
      const copy = target.cloneNode(true) as Element;
      const nid = copy.getElementsByTagNameNS(SAML, 'NameID')[0];
      if (nid && r() < 0.7) nid.textContent = 'attacker@evil.example';
      other.insertBefore(copy, r() < 0.5 ? other.firstChild : null);
      what = `copy ${describeEl(target)} into ${describeEl(other)}`;
      break;
    }
    case 1: {
      if (target === doc.documentElement || isAncestor(target, other)) return undefined;
      target.parentNode!.removeChild(target);
      other.insertBefore(target, r() < 0.5 ? other.firstChild : null);
      what = `move ${describeEl(target)} into ${describeEl(other)}`;
      break;
    }
    case 2: {
      if (target === doc.documentElement) return undefined;
      const wrapper = doc.createElementNS(pick(r, [SAMLP, SAML, DS, 'urn:evil']), pick(r, ['samlp:Extensions', 'saml:Advice', 'ds:Object', 'evil:Wrap', 'saml:Assertion']));
      if (r() < 0.5) wrapper.setAttribute('ID', pick(r, ['_evil', '_assert-1', '_resp-1']));
      target.parentNode!.replaceChild(wrapper, target);
      wrapper.appendChild(target);
      what = `wrap ${describeEl(target)} in <${wrapper.tagName}>`;
      break;
    }
    case 3: {
      if (target === doc.documentElement) return undefined;
      target.parentNode!.removeChild(target);
      what = `remove ${describeEl(target)}`;
      break;
    }
    case 4:
    case 5: {
      const attrs = target.attributes;
      if (attrs.length === 0) return undefined;
      const a = attrs.item(int(r, attrs.length))!;
      const v = pick(r, ATTACK_VALUES);
      a.value = v;
      what = `set ${a.name} of ${describeEl(target)} to ${JSON.stringify(v.slice(0, 60))}`;
      break;
    }
    case 6: {
      const name = pick(r, ['ID', 'Id', 'AssertionID', 'xml:base', 'xml:id', 'URI', 'Algorithm', 'InResponseTo', 'Recipient']);
      const v = pick(r, ATTACK_VALUES);
      if (name.startsWith('xml:')) target.setAttributeNS('http://www.w3.org/XML/1998/namespace', name, v);
      else target.setAttribute(name, v);
      what = `add ${name}=${JSON.stringify(v.slice(0, 60))} to ${describeEl(target)}`;
      break;
    }
    case 7: {
      const attrs = target.attributes;
      if (attrs.length === 0) return undefined;
      const a = attrs.item(int(r, attrs.length))!;
      target.removeAttributeNode(a);
      what = `drop ${a.name} from ${describeEl(target)}`;
      break;
    }
    case 8: {
      // Namespace games: re-bind a prefix in use, add or change a default namespace.
      const prefix = pick(r, ['saml', 'samlp', 'ds', 'saml2', 'xs', 'xsi', '']);
      const uri = pick(r, NAMESPACES);
      target.setAttribute(prefix ? `xmlns:${prefix}` : 'xmlns', uri);
      what = `declare xmlns${prefix ? ':' + prefix : ''}=${JSON.stringify(uri)} on ${describeEl(target)}`;
      break;
    }
    case 9: {
      // Rename: another prefix or local name (the serializer keeps the qualified name as written).
      const renamed = doc.createElementNS(pick(r, NAMESPACES) || null, pick(r, ['saml:Assertion', 'Assertion', 'saml2:NameID', 'ds:Signature', 'samlp:Response', 'saml:Issuer', 'evil:X']));
      while (target.firstChild) renamed.appendChild(target.firstChild);
      for (let i = 0; i < target.attributes.length; i++) {
        const a = target.attributes.item(i)!;
        renamed.setAttributeNS(a.namespaceURI, a.name, a.value);
      }
      if (!target.parentNode || target === doc.documentElement) return undefined;
      target.parentNode.replaceChild(renamed, target);
      what = `rename ${describeEl(target)} to <${renamed.tagName}>`;
      break;
    }
    case 10: {
      const texts = textNodes(doc);
      if (texts.length === 0) return undefined;
      const t = pick(r, texts) as unknown as { data: string };
      const v = pick(r, ['attacker@evil.example', '', ' ', t.data + '.evil.example', t.data.toUpperCase(), t.data + '\u2028']);
      t.data = v;
      what = `text ${JSON.stringify(v.slice(0, 60))} in ${describeEl((t as unknown as Node).parentNode as Element)}`;
      break;
    }
    default: {
      const texts = textNodes(doc);
      if (texts.length === 0) return undefined;
      const t = pick(r, texts);
      t.parentNode!.insertBefore(doc.createComment(''), t);
      what = `comment before text in ${describeEl(t.parentNode as Element)}`;
    }
  }
  return { input: new XMLSerializer().serializeToString(doc), what };
}

function isAncestor(a: Node, b: Node): boolean {
  for (let p: Node | null = b; p !== null; p = p.parentNode) if (p === a) return true;
  return false;
}

/** One byte mutation of the UTF-8 bytes of `xml`. */
function bytewise(xml: string, r: Rand): Mutant {
  const b = Buffer.from(xml, 'utf8');
  const at = int(r, b.length);
  switch (int(r, 6)) {
    case 0: {
      const bit = int(r, 8);
      b[at] = b[at]! ^ (1 << bit);
      return { input: new Uint8Array(b), what: `flip bit ${bit} of byte ${at}` };
    }
    case 1: {
      const tok = Buffer.from(pick(r, TOKENS), 'utf8');
      return { input: new Uint8Array(Buffer.concat([b.subarray(0, at), tok, b.subarray(at)])), what: `insert ${JSON.stringify(tok.toString('utf8'))} at ${at}` };
    }
    case 2: {
      const len = 1 + int(r, r() < 0.8 ? 8 : 400);
      return { input: new Uint8Array(Buffer.concat([b.subarray(0, at), b.subarray(at + len)])), what: `delete ${len} bytes at ${at}` };
    }
    case 3: {
      const len = 1 + int(r, 200);
      const to = int(r, b.length);
      return { input: new Uint8Array(Buffer.concat([b.subarray(0, to), b.subarray(at, at + len), b.subarray(to)])), what: `copy ${len} bytes from ${at} to ${to}` };
    }
    case 4: {
      b[at] = int(r, 256);
      return { input: new Uint8Array(b), what: `set byte ${at} to ${b[at]}` };
    }
    default: {
      // Swap two characters of the text (string level: keeps UTF-8 valid more often).
      const i = int(r, xml.length);
      const j = int(r, xml.length);
      const [x, y] = i < j ? [i, j] : [j, i];
      return { input: xml.slice(0, x) + xml[y] + xml.slice(x + 1, y) + xml[x] + xml.slice(y + 1), what: `swap characters ${x} and ${y}` };
    }
  }
}

/** A mutant of `xml`: one to three byte or structure mutations. */
export function mutate(xml: string, r: Rand): Mutant {
  let cur = xml;
  const done: string[] = [];
  const rounds = 1 + (r() < 0.3 ? int(r, 3) : 0);
  let last: Mutant | undefined;
  for (let k = 0; k < rounds; k++) {
    let m: Mutant | undefined;
    try {
      m = r() < 0.5 ? structural(cur, r) : bytewise(cur, r);
    } catch {
      // xmldom refused the DOM operation (e.g. a prefixed name without a namespace): skip it.
      m = undefined;
    }
    if (!m) continue;
    done.push(m.what);
    last = m;
    cur = typeof m.input === 'string' ? m.input : Buffer.from(m.input).toString('utf8');
  }
  if (!last) return bytewise(xml, r);
  return { input: last.input, what: done.join('; ') };
}
