/**
 * What the apex of a document subset takes from its ancestors outside the subset
 * (src/xml/c14n.ts): in-scope namespace declarations and, for Canonical XML, the xml:*
 * attributes (C14N 1.0 §2.4, C14N 1.1 §2.4). Each walk visits every ancestor attribute once.
 */
import type { parseXml } from './parse.js';

// Node types derived from what parseXml returns (no import of the DOM implementation here).
type Element = ReturnType<typeof parseXml>['root'];
type Attr = NonNullable<ReturnType<Element['attributes']['item']>>;

const ELEMENT = 1;
const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/** Prefix of a namespace declaration attribute: `''` for `xmlns`, else the declared prefix; `undefined` when not a declaration. */
export function declaredPrefix(a: Attr): string | undefined {
  const name = a.name;
  if (name.charCodeAt(0) !== 0x78 /* x */ || !name.startsWith('xmlns')) return undefined;
  if (name.length === 5) return '';
  return name.charCodeAt(5) === 0x3a /* : */ ? name.slice(6) : undefined;
}

/** Add to `scope` the namespaces declared on `apex`'s ancestors that nothing nearer declared (nearest declaration wins). */
export function seedScope(apex: Element, scope: Map<string, string>): void {
  for (let p = apex.parentNode; p !== null && p.nodeType === ELEMENT; p = p.parentNode) {
    const attrs = (p as Element).attributes;
    for (let i = 0; i < attrs.length; i++) {
      const a = attrs.item(i)!;
      const prefix = declaredPrefix(a);
      if (prefix !== undefined && !scope.has(prefix)) scope.set(prefix, a.value);
    }
  }
}

/**
 * Append to `plain` (the apex's own attributes) the nearest ancestor occurrence of each xml:*
 * attribute the apex does not carry itself.
 * - Canonical XML 1.0 §2.4: every attribute in the xml namespace (xml:lang, xml:space, xml:base, xml:id, …).
 * - Canonical XML 1.1 §2.4 (`simpleOnly`): only the "simple inheritable attributes" xml:lang and
 *   xml:space; xml:id is not inherited, and xml:base needs the fix-up that samlfed does not
 *   implement (callers refuse such subsets first, see {@link xmlBaseFixupNeeded}).
 */
export function inheritXmlAttributes(apex: Element, plain: Attr[], simpleOnly: boolean): void {
  const have = new Set<string>();
  for (const a of plain) if (a.namespaceURI === XML_NS) have.add(a.localName ?? a.name);
  for (let p = apex.parentNode; p !== null && p.nodeType === ELEMENT; p = p.parentNode) {
    const attrs = (p as Element).attributes;
    for (let i = 0; i < attrs.length; i++) {
      const a = attrs.item(i)!;
      if (a.namespaceURI !== XML_NS) continue;
      const local = a.localName ?? a.name;
      if (simpleOnly && local !== 'lang' && local !== 'space') continue;
      if (!have.has(local)) {
        have.add(local);
        plain.push(a);
      }
    }
  }
}

/**
 * The nearest ancestor of `apex` that carries `xml:base`, or `undefined`. Canonical XML 1.1 §2.4
 * then requires "xml:base fix-up" of the apex (joining the omitted ancestors' base URIs per
 * RFC 3986 §5.2 with the 1.1 §2.4 modifications); samlfed does not implement it, so the verifier
 * refuses such a subset with `ERR_SIGNATURE_C14N_UNSUPPORTED` instead of hashing other bytes
 * than the signer did.
 */
export function xmlBaseFixupNeeded(apex: Element): Element | undefined {
  for (let p = apex.parentNode; p !== null && p.nodeType === ELEMENT; p = p.parentNode) {
    const attrs = (p as Element).attributes;
    for (let i = 0; i < attrs.length; i++) {
      const a = attrs.item(i)!;
      if (a.namespaceURI === XML_NS && (a.localName ?? a.name) === 'base') return p as Element;
    }
  }
  return undefined;
}
