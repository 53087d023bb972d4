import type { Attr, Element, Node } from './tree.js';
import { compareCodePoints, escapeAttr, escapeText } from './c14n-text.js';
import { NamespaceAxis } from './c14n-ns.js';
import { declaredPrefix, inheritXmlAttributes, seedScope } from './c14n-scope.js';

export { escapeAttr, escapeText };
export { xmlBaseFixupNeeded } from './c14n-scope.js';

/**
 * Canonicalization of one element subtree (a "document subset" whose apex is `node`), over
 * samlfed's own tree (src/xml/tree.ts), in one of three algorithms:
 * - `exclusive`: Exclusive XML Canonicalization 1.0 (https://www.w3.org/TR/xml-exc-c14n/), the default;
 * - `inclusive`: Canonical XML 1.0 (https://www.w3.org/TR/2001/REC-xml-c14n-20010315);
 * - `inclusive-1.1`: Canonical XML 1.1 (https://www.w3.org/TR/2008/REC-xml-c14n11-20080502/).
 *
 * Rules implemented, with the section of the spec each comes from:
 * - exc-c14n §3 (Namespace nodes): a namespace node is rendered only when it is *visibly
 *   utilized* (the element's own prefix, or the prefix of one of its attributes) and the
 *   nearest output ancestor did not already render the same prefix with the same URI.
 *   Prefixes in the InclusiveNamespaces PrefixList are instead treated as in C14N 1.0
 *   §2.3 (rendered wherever in scope, unless the nearest output ancestor rendered the same value).
 * - C14N 1.0/1.1 §2.3: every in-scope namespace node is rendered unless the nearest output
 *   ancestor rendered the same one; at the apex that is every namespace in scope, including
 *   those declared by ancestors outside the subset.
 * - exc-c14n §3 / C14N §2.3: `xmlns=""` is emitted only on an element that uses (or, with
 *   `#default` or inclusive c14n, has in scope) the empty default namespace while the nearest
 *   output ancestor rendered a non-empty one. The xml namespace is never rendered.
 * - xml:* attributes of the apex's ancestors: not imported by exc-c14n (§3); all imported onto
 *   the apex by C14N 1.0 (§2.4); only xml:lang and xml:space by C14N 1.1 (§2.4). C14N 1.1's
 *   xml:base fix-up is not implemented: see {@link xmlBaseFixupNeeded}, which callers use to
 *   refuse such subsets.
 * - C14N §2.2 (Document order, attribute axis): namespace declarations first, sorted by prefix
 *   (default first), then attributes sorted by namespace URI (none first), then local name;
 *   strings compare by Unicode code point (not UTF-16 code unit, see `compareCodePoints`).
 * - C14N §2.3 (Processing model): text escapes & < > and CR; attribute values escape
 *   & < " TAB LF CR; empty elements are written as start/end tag pairs; CDATA is written as
 *   (escaped) text; comments only with `withComments`; processing instructions kept.
 *
 * The namespace rules are those of src/xml/c14n-ns.ts (NamespaceAxis), shared with the streamed
 * canonicalizer (src/xml/stream/c14n-stream.ts).
 *
 * One forward pass: namespace context is an undo log (no per-element copy of the in-scope
 * map), ancestors are walked once at the apex, so the work is linear in the size of the subtree
 * plus its ancestors' attributes. The walk uses an explicit stack, not recursion.
 */
export type C14nMode = 'exclusive' | 'inclusive' | 'inclusive-1.1';

export interface CanonicalizeOptions {
  /**
   * A node to leave out together with its subtree: the ds:Signature being verified
   * (enveloped-signature transform, xmldsig-core §6.6.4).
   */
  readonly exclude?: Node;
  /** InclusiveNamespaces PrefixList (exc-c14n §4.1); `#default` stands for the default namespace. Exclusive mode only. */
  readonly inclusivePrefixes?: readonly string[];
  /** Keep comments (the `#WithComments` variants). Default false. */
  readonly withComments?: boolean;
  /** The algorithm; default `exclusive`. */
  readonly mode?: C14nMode;
  /** @deprecated Same as `mode: 'inclusive'` (Canonical XML 1.0). */
  readonly inclusive?: boolean;
}

const ELEMENT = 1;
const TEXT = 3;
const CDATA = 4;
const PI = 7;
const COMMENT = 8;

/**
 * Canonical form of `node` and its descendants (minus `opts.exclude`) under `opts.mode`
 * (default Exclusive XML Canonicalization 1.0), as a JavaScript string (hash it as UTF-8).
 *
 * @throws {TypeError} when `node` is not an Element, or an InclusiveNamespaces PrefixList is given for inclusive c14n.
 */
export function canonicalize(node: Element, opts: CanonicalizeOptions = {}): string {
  if (!node || node.nodeType !== ELEMENT) throw new TypeError('canonicalize: node must be an Element');
  const mode = opts.mode ?? (opts.inclusive === true ? 'inclusive' : 'exclusive');
  if (mode !== 'exclusive' && mode !== 'inclusive' && mode !== 'inclusive-1.1') throw new TypeError(`canonicalize: unknown mode ${String(mode)}`);
  if (mode !== 'exclusive' && opts.inclusivePrefixes && opts.inclusivePrefixes.length > 0) {
    throw new TypeError('canonicalize: inclusivePrefixes (an InclusiveNamespaces PrefixList) applies to exclusive c14n only');
  }
  const c = new Canonicalizer(opts, mode);
  c.run(node);
  return c.out;
}

function attrCompare(a: Attr, b: Attr): number {
  const an = a.namespaceURI ?? '';
  const bn = b.namespaceURI ?? '';
  if (an !== bn) return compareCodePoints(an, bn);
  return compareCodePoints(a.localName ?? a.name, b.localName ?? b.name);
}

class Canonicalizer {
  out = '';
  private readonly exclude: Node | undefined;
  private readonly withComments: boolean;
  /** Canonical XML 1.0 or 1.1 (all in-scope namespaces are "inclusive"). */
  private readonly all: boolean;
  /** Canonical XML 1.1: only xml:lang and xml:space are inherited by the apex. */
  private readonly v11: boolean;
  /** Which namespace declarations each start tag renders (shared with the streamed canonicalizer). */
  private readonly axis: NamespaceAxis;

  constructor(opts: CanonicalizeOptions, mode: C14nMode) {
    this.exclude = opts.exclude;
    this.withComments = opts.withComments === true;
    this.all = mode !== 'exclusive';
    this.v11 = mode === 'inclusive-1.1';
    this.axis = new NamespaceAxis(opts.inclusivePrefixes, this.all);
  }

  /** Reused scratch array (consumed before the next start tag). */
  private readonly attrs: Attr[] = [];

  /**
   * Walk the subtree of `apex` in document order with an explicit stack (no recursion, so the
   * depth a caller allows `parseXml` cannot overflow the call stack).
   */
  run(apex: Element): void {
    const els: Element[] = [apex];
    this.open(apex, true);
    const next: Array<Node | null> = [apex.firstChild];
    while (els.length > 0) {
      const top = els.length - 1;
      const c = next[top]!;
      if (c === null) {
        this.out += '</' + els[top]!.tagName + '>';
        this.axis.leave();
        els.pop();
        next.pop();
        continue;
      }
      next[top] = c.nextSibling;
      if (c === this.exclude) continue;
      switch (c.nodeType) {
        case ELEMENT:
          this.open(c as Element, false);
          els.push(c as Element);
          next.push(c.firstChild);
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
  }

  /** Write the start tag of `el` (namespace axis: src/xml/c14n-ns.ts; then the attribute axis). */
  private open(el: Element, apex: boolean): void {
    const axis = this.axis;
    const attrs = el.attributes;
    const n = attrs.length;
    // The apex's ancestors are outside the subset: what they declare is in scope (inclusive rules).
    if (apex && axis.tracksScope) seedScope(el, axis.scope);
    const plain = this.attrs;
    plain.length = 0;
    // Visibly utilized (exc-c14n §3): the element's prefix, then its attributes' prefixes
    // (unprefixed attributes are in no namespace); declarations only matter to the inclusive rules.
    axis.enter(el.prefix ?? '', el.namespaceURI ?? '');
    for (let i = 0; i < n; i++) {
      const a = attrs.item(i)!;
      const prefix = declaredPrefix(a);
      if (prefix !== undefined) {
        axis.declare(prefix, a.value, apex);
        continue;
      }
      plain.push(a);
      const p = a.prefix;
      if (p) axis.use(p, a.namespaceURI ?? '');
    }
    let s = '<' + el.tagName;
    const ns = axis.render(apex);
    for (let i = 0; i < ns.length; i += 2) {
      const prefix = ns[i]!;
      s += (prefix === '' ? ' xmlns="' : ' xmlns:' + prefix + '="') + escapeAttr(ns[i + 1]!) + '"';
    }
    // C14N 1.0/1.1 §2.4: the apex of an inclusive canonicalization inherits xml:* attributes of its ancestors.
    if (apex && this.all) inheritXmlAttributes(el, plain, this.v11);
    if (plain.length > 0) {
      if (plain.length > 1) plain.sort(attrCompare);
      for (const a of plain) s += ' ' + a.name + '="' + escapeAttr(a.value) + '"';
      plain.length = 0;
    }
    this.out += s + '>';
  }
}
