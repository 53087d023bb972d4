/**
 * The namespace axis of canonicalization: which namespace declarations an element's canonical
 * start tag renders, and in which order. The one implementation of these rules, used by the tree
 * canonicalizer (src/xml/c14n.ts: exclusive, Canonical XML 1.0 and 1.1) and by the streamed one
 * (src/xml/stream/c14n-stream.ts: exclusive, the root signature of an aggregate).
 *
 * - exc-c14n §3 (Namespace nodes): a namespace node is rendered only when it is *visibly utilized*
 *   (the element's own prefix, or the prefix of one of its attributes) and the nearest output
 *   ancestor did not already render the same prefix with the same URI.
 * - exc-c14n §4.1: prefixes of the InclusiveNamespaces PrefixList (`#default` for the default
 *   namespace) are treated as in C14N 1.0 §2.3 instead: rendered wherever in scope, unless the
 *   nearest output ancestor rendered the same value.
 * - C14N 1.0/1.1 §2.3 (`all`): every in-scope namespace node is rendered unless the nearest output
 *   ancestor rendered the same one; at the apex that is every namespace in scope, including those
 *   declared by ancestors outside the subset (the caller seeds {@link NamespaceAxis.scope}).
 * - exc-c14n §3 / C14N §2.3: `xmlns=""` is emitted only on an element that uses (or, with
 *   `#default` or inclusive c14n, has in scope) the empty default namespace while the nearest
 *   output ancestor rendered a non-empty one. The xml namespace is never rendered.
 * - C14N §2.2: namespace declarations come first in the start tag, sorted by prefix (the default
 *   namespace first), in code-point order.
 *
 * The element's subtree is assumed to be output whole below the apex (an excluded subtree is
 * skipped with its descendants, never entered): then the parent of an element is its nearest
 * output ancestor, and that parent rendered exactly what was in scope there, so below the apex only
 * the element's own declarations can add an inclusive namespace. That keeps the work linear in the
 * document whatever the size of the PrefixList (attacker-sized: read before the signature is
 * checked) or of the in-scope namespace set.
 *
 * Per element the caller makes, in this order: {@link NamespaceAxis.enter} (the element's own
 * namespace), {@link NamespaceAxis.declare} for each namespace declaration on it and
 * {@link NamespaceAxis.use} for each attribute (in any interleaving, document order),
 * {@link NamespaceAxis.render} (what to write); and {@link NamespaceAxis.leave} at its end tag. State is an undo
 * log, not a copy of the in-scope map per element.
 */
import { sortPairs } from './c14n-text.js';

/**
 * The PrefixList of an exc-c14n transform as the set of prefixes it makes inclusive (`''` for
 * `#default`), or `undefined` when none: empty tokens and `xml` (never rendered) are dropped.
 */
export function inclusivePrefixSet(prefixes: readonly string[] | undefined): Set<string> | undefined {
  if (!prefixes || prefixes.length === 0) return undefined;
  // A Set, not list.includes(): the PrefixList is attacker-sized (read before the signature is checked).
  const set = new Set<string>();
  for (const p of prefixes) {
    if (p === '') continue;
    const prefix = p === '#default' ? '' : p;
    if (prefix !== 'xml') set.add(prefix);
  }
  return set.size > 0 ? set : undefined;
}

/** How many prefixes `rendered` keeps as `null` once out of scope: beyond, they are deleted (a hostile input's every element may use a new one). */
const MAX_KEPT_PREFIXES = 64;

export class NamespaceAxis {
  /** Inclusive prefixes ('' = default namespace), or undefined when none (and not `all`). */
  private readonly inclusive: ReadonlySet<string> | undefined;
  /** Canonical XML 1.0 or 1.1: every in-scope namespace is inclusive. */
  private readonly all: boolean;
  /**
   * prefix -> URI in scope, maintained only when some namespace is inclusive ({@link tracksScope}).
   * A caller canonicalizing a subset seeds it, before the apex's {@link enter}, with what the apex's
   * ancestors declare.
   */
  readonly scope = new Map<string, string>();
  /** Whether {@link declare} matters (some namespace is inclusive); when false callers may skip it. */
  readonly tracksScope: boolean;
  /**
   * prefix -> URI as rendered by the nearest output ancestor ('' -> '' initially: no default
   * namespace); `null`: not rendered (a prefix rendered by an element that has ended).
   */
  private readonly rendered = new Map<string, string | null>([['', '']]);
  /** Undo log for `rendered`/`scope`: [map, prefix, previous value] triples. */
  private readonly undo: Array<Map<string, string | null> | string | null | undefined> = [];
  /** Undo-log length at each open element's {@link enter}. */
  private readonly marks: number[] = [];
  /** Pending [prefix, uri] pairs of the current element, flattened. */
  private readonly ns: string[] = [];
  /** Prefixes already queued in `ns` for the current element (O(1) de-duplication). */
  private readonly queued = new Set<string>();
  /** The current element's inclusive declarations below the apex, flattened [prefix, uri] pairs. */
  private readonly declared: string[] = [];

  /**
   * @param inclusivePrefixes exc-c14n's PrefixList (`#default` for the default namespace).
   * @param all Canonical XML 1.0/1.1 (every namespace inclusive) instead of exclusive c14n.
   */
  constructor(inclusivePrefixes: readonly string[] | undefined, all = false) {
    this.all = all;
    this.inclusive = inclusivePrefixSet(inclusivePrefixes) ?? (all ? new Set() : undefined);
    this.tracksScope = this.inclusive !== undefined;
  }

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

  private set(map: Map<string, string | null>, prefix: string, uri: string): void {
    this.undo.push(map, prefix, map.get(prefix));
    map.set(prefix, uri);
  }

  /** An element starts: its own prefix (`''` when unprefixed) and namespace URI (`''` when none) are visibly utilized. */
  enter(prefix: string, uri: string): void {
    this.marks.push(this.undo.length);
    // (Truncations guarded: setting an array's length is a runtime call even when it is already 0.)
    if (this.ns.length !== 0) this.ns.length = 0;
    if (this.queued.size !== 0) this.queued.clear();
    if (this.declared.length !== 0) this.declared.length = 0;
    this.need(prefix, uri);
  }

  /** A namespace declaration on the current element (`''` for `xmlns`). Only needed when {@link tracksScope}. */
  declare(prefix: string, uri: string, apex: boolean): void {
    const inc = this.inclusive;
    if (inc === undefined) return;
    this.set(this.scope, prefix, uri);
    if (apex || prefix === 'xml') return;
    if (this.all ? prefix === '' || uri !== '' : inc.has(prefix)) this.declared.push(prefix, uri);
  }

  /** An attribute of the current element (not a declaration): its prefix, when it has one other than `xml`, is visibly utilized. */
  use(prefix: string, uri: string): void {
    if (prefix !== '' && prefix !== 'xml') this.need(prefix, uri);
  }

  /**
   * The namespace declarations the current element's canonical start tag renders, in canonical
   * order (C14N §2.2): flattened [prefix, uri] pairs (`''` = the default namespace, written
   * `xmlns="uri"`; values still to be escaped as attribute values). Records them as rendered. The
   * array is reused: read it before the next {@link enter}.
   */
  render(apex: boolean): readonly string[] {
    // Inclusive rules (C14N 1.0 §2.3): at the apex every in-scope namespace (Canonical XML) or
    // every PrefixList prefix in scope (exc-c14n §4.1); below it only the element's own declarations.
    if (apex) {
      if (this.all) {
        for (const [p, uri] of this.scope) if (p !== 'xml' && (p === '' || uri !== '')) this.need(p, uri);
        if (!this.scope.has('')) this.need('', '');
      } else if (this.inclusive !== undefined) {
        for (const p of this.inclusive) {
          const uri = this.scope.get(p);
          if (uri !== undefined) this.need(p, uri);
          else if (p === '') this.need('', '');
        }
      }
    } else if (this.declared.length !== 0) {
      const d = this.declared;
      for (let i = 0; i < d.length; i += 2) this.need(d[i]!, d[i + 1]!);
    }
    const ns = this.ns;
    if (ns.length > 2) sortPairs(ns);
    for (let i = 0; i < ns.length; i += 2) this.set(this.rendered, ns[i]!, ns[i + 1]!);
    return ns;
  }

  /** The current element ends: what it rendered and declared goes out of scope. */
  leave(): void {
    const mark = this.marks.pop()!;
    const u = this.undo;
    while (u.length > mark) {
      const prev = u.pop() as string | null | undefined;
      const prefix = u.pop() as string;
      const map = u.pop() as Map<string, string | null>;
      if (prev !== undefined) map.set(prefix, prev);
      // A prefix no element renders any more stays as `null` (never equal to a URI) while few
      // prefixes were ever rendered: deleting and adding entries, one pair per element that
      // renders one, made V8 rebuild the map's table every few elements (the streamed aggregate
      // root's c14n: ~5 MB of tables promoted to the old generation as garbage over 50k entities).
      else if (map === this.rendered && map.size <= MAX_KEPT_PREFIXES) map.set(prefix, null);
      else map.delete(prefix);
    }
  }
}
