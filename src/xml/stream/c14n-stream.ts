/**
 * Exclusive XML Canonicalization 1.0 (https://www.w3.org/TR/xml-exc-c14n/) of one element,
 * computed from start/end/text events as the document is read, written to a sink piece by piece
 * (the sink feeds a hash: the canonical form is never held whole).
 *
 * It applies the same rules, in the same way, as the tree canonicalizer (src/xml/c14n.ts), for the
 * one case a streamed signature needs: the apex is the document element (so nothing is in scope
 * from ancestors), comments are never output (a same-document Reference drops them, xmldsig-core
 * §4.4.3.3), and the excluded subtree (the enveloped ds:Signature) is skipped by the caller.
 * - exc-c14n §3: a namespace node is rendered only when visibly utilized (the element's prefix or an
 *   attribute's) and the nearest output ancestor did not render the same prefix with the same URI;
 *   prefixes of the InclusiveNamespaces PrefixList follow C14N 1.0 §2.3 instead.
 * - C14N §2.2: namespace declarations first, sorted by prefix; then attributes sorted by namespace
 *   URI, then local name (code-point order).
 * - C14N §2.3: text escapes & < > CR; attribute values & < " TAB LF CR; empty elements as pairs;
 *   CDATA as text; processing instructions kept.
 */
import { compareCodePoints, escapeAttr, escapeText, sortPairs } from '../c14n-text.js';
import type { StreamAttr, StreamElement } from './events.js';

/** Attribute order of C14N §2.2 (code points), the same comparison as the tree canonicalizer's. */
function attrCompare(a: StreamAttr, b: StreamAttr): number {
  if (a.uri !== b.uri) return compareCodePoints(a.uri, b.uri);
  return compareCodePoints(a.local, b.local);
}

export class ExcC14nStream {
  private readonly sink: (s: string) => void;
  private readonly inclusive: readonly string[] | undefined;
  private readonly inclusiveSet: ReadonlySet<string> | undefined;
  /** prefix -> URI rendered by the nearest output ancestor ('' -> '': no default namespace). */
  private readonly rendered = new Map<string, string>([['', '']]);
  /** prefix -> URI in scope (only maintained with inclusive prefixes). */
  private readonly scope = new Map<string, string>();
  /** Undo log: [map, prefix, previous value] triples, unwound at each end tag. */
  private readonly undo: Array<Map<string, string> | string | undefined> = [];
  private readonly marks: number[] = [];
  private readonly ns: string[] = [];
  private readonly queued = new Set<string>();
  private depth = 0;

  /** `inclusivePrefixes`: the exc-c14n transform's PrefixList (`#default` for the default namespace). */
  constructor(sink: (s: string) => void, inclusivePrefixes?: readonly string[]) {
    this.sink = sink;
    if (inclusivePrefixes && inclusivePrefixes.length > 0) {
      const set = new Set<string>();
      for (const p of inclusivePrefixes) {
        if (p === '') continue;
        const prefix = p === '#default' ? '' : p;
        if (prefix !== 'xml') set.add(prefix);
      }
      if (set.size > 0) {
        this.inclusive = [...set];
        this.inclusiveSet = set;
      }
    }
  }

  private need(prefix: string, uri: string): void {
    if (this.rendered.get(prefix) === uri) return;
    const ns = this.ns;
    if (ns.length === 0) {
      ns.push(prefix, uri);
      return;
    }
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

  /** A start tag inside the apex (the first call is the apex itself). */
  start(el: StreamElement): void {
    const apex = this.depth === 0;
    this.depth++;
    this.marks.push(this.undo.length);
    const ns = this.ns;
    ns.length = 0;
    if (this.queued.size !== 0) this.queued.clear();
    const track = this.inclusive !== undefined;
    this.need(el.prefix, el.uri);
    if (track) for (const [p, uri] of el.nsDecls) this.set(this.scope, p, uri);
    for (const a of el.attrs) if (a.prefix !== '' && a.prefix !== 'xml') this.need(a.prefix, a.uri);
    if (apex) {
      if (this.inclusive) {
        for (const p of this.inclusive) {
          const uri = this.scope.get(p);
          if (uri !== undefined) this.need(p, uri);
          else if (p === '') this.need('', '');
        }
      }
    } else if (track) {
      const set = this.inclusiveSet!;
      for (const [p, uri] of el.nsDecls) if (p !== 'xml' && set.has(p)) this.need(p, uri);
    }
    let s = '<' + el.qname;
    if (ns.length > 0) {
      if (ns.length > 2) sortPairs(ns);
      for (let i = 0; i < ns.length; i += 2) {
        const prefix = ns[i]!;
        const uri = ns[i + 1]!;
        this.set(this.rendered, prefix, uri);
        s += (prefix === '' ? ' xmlns="' : ' xmlns:' + prefix + '="') + escapeAttr(uri) + '"';
      }
    }
    const attrs = el.attrs;
    if (attrs.length === 1) {
      s += ' ' + attrs[0]!.qname + '="' + escapeAttr(attrs[0]!.value) + '"';
    } else if (attrs.length > 1) {
      // Attributes are often written in canonical order already: then no copy and no sort.
      let inOrder = true;
      for (let i = 1; i < attrs.length; i++) {
        if (attrCompare(attrs[i - 1]!, attrs[i]!) > 0) {
          inOrder = false;
          break;
        }
      }
      const sorted = inOrder ? attrs : attrs.slice().sort(attrCompare);
      for (let i = 0; i < sorted.length; i++) s += ' ' + sorted[i]!.qname + '="' + escapeAttr(sorted[i]!.value) + '"';
    }
    this.sink(s + '>');
  }

  end(el: StreamElement): void {
    this.sink('</' + el.qname + '>');
    const mark = this.marks.pop()!;
    const u = this.undo;
    while (u.length > mark) {
      const prev = u.pop() as string | undefined;
      const prefix = u.pop() as string;
      const map = u.pop() as Map<string, string>;
      if (prev === undefined) map.delete(prefix);
      else map.set(prefix, prev);
    }
    this.depth--;
  }

  /** Character data (text or CDATA) inside the apex. */
  text(data: string): void {
    this.sink(escapeText(data));
  }

  /** A processing instruction inside the apex. */
  pi(target: string, data: string): void {
    this.sink('<?' + target + (data ? ' ' + data : '') + '?>');
  }
}
