import type { Attr, Element, Node } from './tree.js';
import { escapeAttr, escapeText, sortPairs } from './c14n-text.js';

export { escapeAttr, escapeText };

/**
 * Exclusive XML Canonicalization 1.0 (https://www.w3.org/TR/xml-exc-c14n/) of one element
 * subtree (a "document subset" whose apex is `node`), over @xmldom/xmldom nodes.
 *
 * Rules implemented, with the section of the spec each comes from:
 * - exc-c14n §3 (Namespace nodes): a namespace node is rendered only when it is *visibly
 *   utilized* (the element's own prefix, or the prefix of one of its attributes) and the
 *   nearest output ancestor did not already render the same prefix with the same URI.
 *   Prefixes in the InclusiveNamespaces PrefixList are instead treated as in C14N 1.0
 *   §2.3 (rendered wherever in scope, unless the nearest output ancestor rendered the same value).
 * - exc-c14n §3 / C14N §2.3: `xmlns=""` is emitted only on an element that uses (or, with
 *   `#default`, has in scope) the empty default namespace while the nearest output ancestor
 *   rendered a non-empty one.
 * - exc-c14n §3: namespaces in scope at the apex come from its ancestors (outside the subset);
 *   they are rendered on the apex if utilized. The xml namespace is never rendered.
 * - exc-c14n §3: xml:* attributes of ancestors are NOT imported (unlike C14N 1.0 §2.4).
 * - C14N §2.2 (Document order, attribute axis): namespace declarations first, sorted by prefix
 *   (default first), then attributes sorted by namespace URI (none first), then local name.
 * - C14N §2.3 (Processing model): text escapes & < > and CR; attribute values escape
 *   & < " TAB LF CR; empty elements are written as start/end tag pairs; CDATA is written as
 *   (escaped) text; comments only with `withComments`; processing instructions kept.
 *
 * String comparison is by UTF-16 code unit, which equals the code-point order the spec asks
 * for except between supplementary characters and U+E000..U+FFFF (irrelevant for XML names
 * and namespace URIs used in SAML).
 *
 * With `inclusive: true` it is Canonical XML 1.0 instead (legacy metadata SignedInfo only).
 * Recursion depth equals element depth, which `parseXml` caps (128 by default).
 */
export interface CanonicalizeOptions {
  /**
   * A node to leave out together with its subtree: the ds:Signature being verified
   * (enveloped-signature transform, xmldsig-core §6.6.4).
   */
  readonly exclude?: Node;
  /** InclusiveNamespaces PrefixList (exc-c14n §4.1); `#default` stands for the default namespace. */
  readonly inclusivePrefixes?: readonly string[];
  /** Keep comments (`…xml-exc-c14n#WithComments`). Default false. */
  readonly withComments?: boolean;
  /**
   * Canonical XML 1.0 (inclusive, https://www.w3.org/TR/2001/REC-xml-c14n-20010315) instead of
   * exclusive: every in-scope namespace is rendered (C14N §2.3) and the apex inherits the xml:*
   * attributes of its ancestors (C14N §2.4). Only for legacy metadata SignedInfo; default false.
   */
  readonly inclusive?: boolean;
}

const ELEMENT = 1;
const TEXT = 3;
const CDATA = 4;
const PI = 7;
const COMMENT = 8;
const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/**
 * Canonical form of `node` and its descendants (minus `opts.exclude`) under Exclusive
 * XML Canonicalization 1.0, as a JavaScript string (hash it as UTF-8).
 */
export function canonicalize(node: Element, opts: CanonicalizeOptions = {}): string {
  if (!node || node.nodeType !== ELEMENT) throw new TypeError('canonicalize: node must be an Element');
  const c = new Canonicalizer(opts);
  c.element(node, true);
  return c.out;
}

/** Prefix of a namespace declaration attribute: `''` for `xmlns`, else the declared prefix; `undefined` when not a declaration. */
function declaredPrefix(a: Attr): string | undefined {
  const name = a.name;
  if (name.charCodeAt(0) !== 0x78 /* x */ || !name.startsWith('xmlns')) return undefined;
  if (name.length === 5) return '';
  return name.charCodeAt(5) === 0x3a /* : */ ? name.slice(6) : undefined;
}

function attrCompare(a: Attr, b: Attr): number {
  const an = a.namespaceURI ?? '';
  const bn = b.namespaceURI ?? '';
  if (an !== bn) return an < bn ? -1 : 1;
  const al = a.localName ?? a.name;
  const bl = b.localName ?? b.name;
  return al === bl ? 0 : al < bl ? -1 : 1;
}

class Canonicalizer {
  out = '';
  private readonly exclude: Node | undefined;
  private readonly withComments: boolean;
  /** Inclusive prefixes ('' = default namespace), or undefined when none. */
  private readonly inclusive: readonly string[] | undefined;
  /** The same prefixes as a set (membership test per namespace declaration). */
  private readonly inclusiveSet: ReadonlySet<string> | undefined;
  /** Canonical XML 1.0 (all in-scope namespaces are "inclusive"). */
  private readonly all: boolean;
  /** prefix -> URI as rendered by the nearest output ancestor ('' -> '' initially: no default ns). */
  private readonly rendered = new Map<string, string>([['', '']]);
  /** prefix -> URI in scope (only maintained with inclusive prefixes). */
  private readonly scope = new Map<string, string>();
  /** Undo log for `rendered`/`scope`: [map, prefix, previous value] triples pushed on element entry. */
  private readonly undo: Array<Map<string, string> | string | undefined> = [];

  constructor(opts: CanonicalizeOptions) {
    this.exclude = opts.exclude;
    this.withComments = opts.withComments === true;
    this.all = opts.inclusive === true;
    const inc = opts.inclusivePrefixes;
    if (inc && inc.length > 0) {
      // A Set, not list.includes(): the PrefixList is attacker-sized (read before the signature is checked).
      const set = new Set<string>();
      for (const p of inc) {
        if (p === '') continue;
        const prefix = p === '#default' ? '' : p;
        if (prefix !== 'xml') set.add(prefix);
      }
      if (set.size > 0) {
        this.inclusive = [...set];
        this.inclusiveSet = set;
      }
    }
    if (this.all && !this.inclusive) {
      this.inclusive = [];
      this.inclusiveSet = new Set();
    }
  }

  /** Reused scratch arrays (consumed before any recursion). */
  private readonly ns: string[] = [];
  private readonly attrs: Attr[] = [];
  /** Prefixes already queued in `ns` for the current element (O(1) de-duplication; cleared per element). */
  private readonly queued = new Set<string>();

  /** Queue namespace `prefix`=`uri` for rendering unless the nearest output ancestor rendered it already. */
  private need(prefix: string, uri: string): void {
    if (this.rendered.get(prefix) === uri) return;
    const ns = this.ns;
    if (ns.length === 0) {
      ns.push(prefix, uri);
      return;
    }
    // First queued wins (the element's own prefix, then attributes, then inclusive prefixes).
    if (ns.length === 2) {
      if (ns[0] === prefix) return;
      this.queued.add(ns[0]!);
    } else if (this.queued.has(prefix)) {
      return;
    }
    this.queued.add(prefix);
    ns.push(prefix, uri);
  }

  private set(map: Map<string, string>, prefix: string, uri: string): void {
    this.undo.push(map, prefix, map.get(prefix));
    map.set(prefix, uri);
  }

  private restore(mark: number): void {
    const u = this.undo;
    while (u.length > mark) {
      const prev = u.pop() as string | undefined;
      const prefix = u.pop() as string;
      const map = u.pop() as Map<string, string>;
      if (prev === undefined) map.delete(prefix);
      else map.set(prefix, prev);
    }
  }

  /** In-scope namespaces of the apex's ancestors (outside the subset), nearest declaration wins. */
  private seedScope(apex: Element): void {
    for (let p = apex.parentNode; p !== null && p.nodeType === ELEMENT; p = p.parentNode) {
      const attrs = (p as Element).attributes;
      for (let i = 0; i < attrs.length; i++) {
        const a = attrs.item(i)!;
        const prefix = declaredPrefix(a);
        if (prefix !== undefined && !this.scope.has(prefix)) this.scope.set(prefix, a.value);
      }
    }
  }

  /** Add the nearest ancestor's xml:* attributes that `apex` does not carry itself (C14N 1.0 §2.4). */
  private inheritXmlAttributes(apex: Element, plain: Attr[]): void {
    const have = new Set<string>();
    for (const a of plain) if (a.namespaceURI === XML_NS) have.add(a.localName ?? a.name);
    for (let p = apex.parentNode; p !== null && p.nodeType === ELEMENT; p = p.parentNode) {
      const attrs = (p as Element).attributes;
      for (let i = 0; i < attrs.length; i++) {
        const a = attrs.item(i)!;
        const local = a.localName ?? a.name;
        if (a.namespaceURI === XML_NS && !have.has(local)) {
          have.add(local);
          plain.push(a);
        }
      }
    }
  }

  element(el: Element, apex = false): void {
    const mark = this.undo.length;
    const attrs = el.attributes;
    const n = attrs.length;
    if (apex && this.inclusive) this.seedScope(el);

    // Namespace axis: pending [prefix, uri] pairs, flattened; consumed before recursing.
    const ns = this.ns;
    ns.length = 0;
    if (this.queued.size !== 0) this.queued.clear();
    const plain = this.attrs;
    plain.length = 0;
    // Namespace declarations on this element (prefix, uri pairs), for the inclusive rules below.
    let declared: string[] | undefined;
    // Visibly utilized: the element's prefix (exc-c14n §3) ...
    this.need(el.prefix ?? '', el.namespaceURI ?? '');
    // ... and its attributes' prefixes (unprefixed attributes are in no namespace). Namespace
    // declarations only update the in-scope map (needed for inclusive prefixes).
    const track = this.inclusive !== undefined;
    for (let i = 0; i < n; i++) {
      const a = attrs.item(i)!;
      const prefix = declaredPrefix(a);
      if (prefix !== undefined) {
        if (track) {
          this.set(this.scope, prefix, a.value);
          if (!apex) (declared ??= []).push(prefix, a.value);
        }
        continue;
      }
      plain.push(a);
      const p = a.prefix;
      if (p && p !== 'xml') this.need(p, a.namespaceURI ?? '');
    }
    // Inclusive rules (C14N 1.0 §2.3: a namespace node is rendered unless the nearest output
    // ancestor rendered the same one): at the apex every in-scope namespace (Canonical XML) or
    // every PrefixList prefix in scope (exc-c14n §4.1). Below the apex the parent (an output
    // element) rendered exactly what was in scope there, so only this element's own declarations
    // can differ: checking just those keeps the work linear in the document, whatever the size
    // of the PrefixList or of the in-scope namespace set (an attacker-chosen PrefixList is read
    // before the signature is checked).
    if (apex) {
      if (this.all) {
        for (const [p, uri] of this.scope) if (p !== 'xml' && (p === '' || uri !== '')) this.need(p, uri);
        if (!this.scope.has('')) this.need('', '');
      } else if (this.inclusive) {
        for (const p of this.inclusive) {
          const uri = this.scope.get(p);
          if (uri !== undefined) this.need(p, uri);
          else if (p === '') this.need('', '');
        }
      }
    } else if (declared !== undefined) {
      const set = this.inclusiveSet!;
      for (let i = 0; i < declared.length; i += 2) {
        const p = declared[i]!;
        const uri = declared[i + 1]!;
        if (p === 'xml') continue;
        if (this.all ? p === '' || uri !== '' : set.has(p)) this.need(p, uri);
      }
    }

    let s = '<' + el.tagName;
    if (ns.length > 0) {
      if (ns.length > 2) sortPairs(ns);
      for (let i = 0; i < ns.length; i += 2) {
        const prefix = ns[i]!;
        const uri = ns[i + 1]!;
        this.set(this.rendered, prefix, uri);
        s += (prefix === '' ? ' xmlns="' : ' xmlns:' + prefix + '="') + escapeAttr(uri) + '"';
      }
    }
    // C14N §2.4: the apex of an inclusive canonicalization inherits xml:* attributes of its ancestors.
    if (apex && this.all) this.inheritXmlAttributes(el, plain);
    if (plain.length > 0) {
      if (plain.length > 1) plain.sort(attrCompare);
      for (const a of plain) s += ' ' + a.name + '="' + escapeAttr(a.value) + '"';
      plain.length = 0;
    }
    this.out += s + '>';

    for (let c = el.firstChild; c !== null; c = c.nextSibling) {
      if (c === this.exclude) continue;
      switch (c.nodeType) {
        case ELEMENT:
          this.element(c as Element);
          break;
        case TEXT:
        case CDATA:
          this.out += escapeText((c as unknown as { data: string }).data);
          break;
        case COMMENT:
          if (this.withComments) this.out += '<!--' + (c as unknown as { data: string }).data + '-->';
          break;
        case PI: {
          const pi = c as unknown as { target: string; data: string };
          this.out += '<?' + pi.target + (pi.data ? ' ' + pi.data : '') + '?>';
          break;
        }
        default:
          // Entity references cannot occur (no DTDs, parseXml); nothing else can be a child of an element.
          break;
      }
    }
    this.out += '</' + el.tagName + '>';
    this.restore(mark);
  }
}
