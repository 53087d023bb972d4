import { compareCodePoints, escapeAttr, escapeText, sortPairs } from './c14n-text.js';
import { declaredPrefix, inheritXmlAttributes, seedScope } from './c14n-scope.js';
import type { parseXml } from './parse.js';

// Node types derived from what parseXml returns (no import of the DOM implementation here).
type Element = ReturnType<typeof parseXml>['root'];
type Node = NonNullable<Element['parentNode']>;
type Attr = NonNullable<ReturnType<Element['attributes']['item']>>;

export { escapeAttr, escapeText };
export { xmlBaseFixupNeeded } from './c14n-scope.js';

/**
 * Canonicalization of one element subtree (a "document subset" whose apex is `node`), over
 * @xmldom/xmldom nodes, in one of three algorithms:
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
  /** Inclusive prefixes ('' = default namespace), or undefined when none. */
  private readonly inclusive: readonly string[] | undefined;
  /** The same prefixes as a set (membership test per namespace declaration). */
  private readonly inclusiveSet: ReadonlySet<string> | undefined;
  /** Canonical XML 1.0 or 1.1 (all in-scope namespaces are "inclusive"). */
  private readonly all: boolean;
  /** Canonical XML 1.1: only xml:lang and xml:space are inherited by the apex. */
  private readonly v11: boolean;
  /** prefix -> URI as rendered by the nearest output ancestor ('' -> '' initially: no default ns). */
  private readonly rendered = new Map<string, string>([['', '']]);
  /** prefix -> URI in scope (only maintained with inclusive prefixes). */
  private readonly scope = new Map<string, string>();
  /** Undo log for `rendered`/`scope`: [map, prefix, previous value] triples pushed on element entry. */
  private readonly undo: Array<Map<string, string> | string | undefined> = [];

  constructor(opts: CanonicalizeOptions, mode: C14nMode) {
    this.exclude = opts.exclude;
    this.withComments = opts.withComments === true;
    this.all = mode !== 'exclusive';
    this.v11 = mode === 'inclusive-1.1';
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

  /**
   * Walk the subtree of `apex` in document order with an explicit stack (no recursion, so the
   * depth a caller allows `parseXml` cannot overflow the call stack).
   */
  run(apex: Element): void {
    const els: Element[] = [apex];
    const marks: number[] = [this.open(apex, true)];
    const next: Array<Node | null> = [apex.firstChild];
    while (els.length > 0) {
      const top = els.length - 1;
      const c = next[top]!;
      if (c === null) {
        this.out += '</' + els[top]!.tagName + '>';
        this.restore(marks[top]!);
        els.pop();
        marks.pop();
        next.pop();
        continue;
      }
      next[top] = c.nextSibling;
      if (c === this.exclude) continue;
      switch (c.nodeType) {
        case ELEMENT:
          marks.push(this.open(c as Element, false));
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

  /** Write the start tag of `el` (namespace and attribute axes); returns the undo mark to restore at its end tag. */
  private open(el: Element, apex: boolean): number {
    const mark = this.undo.length;
    const attrs = el.attributes;
    const n = attrs.length;
    if (apex && this.inclusive) seedScope(el, this.scope);

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
    // C14N 1.0/1.1 §2.4: the apex of an inclusive canonicalization inherits xml:* attributes of its ancestors.
    if (apex && this.all) inheritXmlAttributes(el, plain, this.v11);
    if (plain.length > 0) {
      if (plain.length > 1) plain.sort(attrCompare);
      for (const a of plain) s += ' ' + a.name + '="' + escapeAttr(a.value) + '"';
      plain.length = 0;
    }
    this.out += s + '>';
    return mark;
  }
}
