/**
 * Builds small element subtrees from stream events (src/xml/stream/reader.ts), as the tree parser
 * would have built them: namespace-aware elements and attributes (declarations included, so
 * in-scope namespaces resolve through the ancestors), text and CDATA, and each element's
 * line/column. Comments and processing instructions are not kept (no reader looks at them:
 * `textOf` skips them).
 *
 * One builder serves one document: a skeleton of the ancestors is kept (attributes only) and
 * each subtree is attached under it while it is read, then detached and dropped.
 */
import { DOMImplementation, type Document, type Element, type Node } from '@xmldom/xmldom';
import type { StreamElement } from './events.js';

const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

export class SubtreeBuilder {
  readonly document: Document;

  constructor() {
    this.document = new DOMImplementation().createDocument(null, '');
  }

  /** Create the element for `el` and append it to `parent` (the document for the root). */
  element(el: StreamElement, parent: Element | Document): Element {
    const doc = this.document;
    const e = doc.createElementNS(el.uri === '' ? null : el.uri, el.qname);
    for (const [p, uri] of el.nsDecls) e.setAttributeNS(XMLNS_NS, p === '' ? 'xmlns' : `xmlns:${p}`, uri);
    for (const a of el.attrs) e.setAttributeNS(a.uri === '' ? null : a.uri, a.qname, a.value);
    const pos = e as unknown as { lineNumber: number; columnNumber: number };
    pos.lineNumber = el.line;
    pos.columnNumber = el.column;
    parent.appendChild(e);
    return e;
  }

  /** Append character data (text, or a CDATA section's content as a CDATA node). */
  text(data: string, parent: Element): void {
    const last = parent.lastChild;
    if (last !== null && last.nodeType === 3) {
      (last as unknown as { appendData(s: string): void }).appendData(data);
      return;
    }
    parent.appendChild(this.document.createTextNode(data));
  }

  /** Detach a finished subtree from the skeleton so that it can be collected. */
  detach(node: Node): void {
    node.parentNode?.removeChild(node);
  }
}
