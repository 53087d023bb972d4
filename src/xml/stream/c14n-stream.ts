/**
 * Exclusive XML Canonicalization 1.0 (https://www.w3.org/TR/xml-exc-c14n/) of one element,
 * computed from start/end/text events as the document is read, written to a sink piece by piece
 * (the sink feeds a hash: the canonical form is never held whole).
 *
 * It applies the same rules, in the same way, as the tree canonicalizer (src/xml/c14n.ts), for the
 * one case a streamed signature needs: the apex is the document element (so nothing is in scope
 * from ancestors), comments are never output (a same-document Reference drops them, xmldsig-core
 * §4.4.3.3), and the excluded subtree (the enveloped ds:Signature) is skipped by the caller.
 * - exc-c14n §3 / §4.1, C14N §2.2: which namespace declarations a start tag renders, and their
 *   order, are decided by the one implementation both canonicalizers use (src/xml/c14n-ns.ts).
 * - C14N §2.2: after the namespace declarations, attributes sorted by namespace URI, then local
 *   name (code-point order).
 * - C14N §2.3: text escapes & < > CR; attribute values & < " TAB LF CR; empty elements as pairs;
 *   CDATA as text; processing instructions kept.
 */
import { NamespaceAxis } from '../c14n-ns.js';
import { compareCodePoints, escapeAttr, escapeText } from '../c14n-text.js';
import type { StreamAttr, StreamElement } from './events.js';

/** Attribute order of C14N §2.2 (code points), the same comparison as the tree canonicalizer's. */
function attrCompare(a: StreamAttr, b: StreamAttr): number {
  if (a.uri !== b.uri) return compareCodePoints(a.uri, b.uri);
  return compareCodePoints(a.local, b.local);
}

export class ExcC14nStream {
  private readonly sink: (s: string) => void;
  /** Which namespace declarations each start tag renders (shared with the tree canonicalizer). */
  private readonly axis: NamespaceAxis;
  private depth = 0;

  /** `inclusivePrefixes`: the exc-c14n transform's PrefixList (`#default` for the default namespace). */
  constructor(sink: (s: string) => void, inclusivePrefixes?: readonly string[]) {
    this.sink = sink;
    this.axis = new NamespaceAxis(inclusivePrefixes);
  }

  /** A start tag inside the apex (the first call is the apex itself). */
  start(el: StreamElement): void {
    const apex = this.depth === 0;
    this.depth++;
    const axis = this.axis;
    axis.enter(el.prefix, el.uri);
    if (axis.tracksScope) for (const [p, uri] of el.nsDecls) axis.declare(p, uri, apex);
    const attrs = el.attrs;
    for (let i = 0; i < attrs.length; i++) axis.use(attrs[i]!.prefix, attrs[i]!.uri);
    let s = '<' + el.qname;
    const ns = axis.render(apex);
    for (let i = 0; i < ns.length; i += 2) {
      const prefix = ns[i]!;
      s += (prefix === '' ? ' xmlns="' : ' xmlns:' + prefix + '="') + escapeAttr(ns[i + 1]!) + '"';
    }
    if (attrs.length === 1) {
      s += ' ' + attrs[0]!.name + '="' + escapeAttr(attrs[0]!.value) + '"';
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
      for (let i = 0; i < sorted.length; i++) s += ' ' + sorted[i]!.name + '="' + escapeAttr(sorted[i]!.value) + '"';
    }
    this.sink(s + '>');
  }

  end(el: StreamElement): void {
    this.sink('</' + el.qname + '>');
    this.axis.leave();
    this.depth--;
  }

  /** Character data (text or CDATA) inside the apex; `plain`: it has none of & < > CR, so nothing to escape. */
  text(data: string, plain = false): void {
    this.sink(plain ? data : escapeText(data));
  }

  /** A processing instruction inside the apex. */
  pi(target: string, data: string): void {
    this.sink('<?' + target + (data ? ' ' + data : '') + '?>');
  }
}
