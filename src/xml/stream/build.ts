/**
 * Builds small subtrees of samlfed's own tree (src/xml/tree.ts, the tree `parseXml` builds) from
 * stream events (src/xml/stream/reader.ts), with the same TreeBuilder the tree parser uses: the
 * nodes, attributes, positions and namespace lookups are those of a whole-document parse.
 *
 * One builder serves one document. The caller builds only what it needs: a skeleton of the
 * ancestors (their start tags, so in-scope namespaces resolve through them) and, one at a time,
 * the subtrees it reads; a finished subtree is detached and dropped. Comments and processing
 * instructions are not kept (no reader looks at them: `textOf` skips them).
 */
import { TreeBuilder, type AttributeEvent, type Document, type Element } from '../tree.js';
import type { StreamElement } from './events.js';

export class SubtreeBuilder {
  private readonly b = new TreeBuilder();

  get document(): Document {
    return this.b.document;
  }

  /** Start `el` under the innermost started element (the document for the root). */
  start(el: StreamElement): Element {
    return this.b.startElement(el.qname, el.prefix, el.local, el.uri, el.all, el.line, el.column);
  }

  /** Start an element given by its parts (the events of a batch: src/metadata/stream/entity-batch.ts). */
  startParts(qname: string, prefix: string, local: string, uri: string, attributes: readonly AttributeEvent[], line: number, column: number): Element {
    return this.b.startElement(qname, prefix, local, uri, attributes, line, column);
  }

  /** End the innermost started element. */
  end(): Element {
    return this.b.endElement();
  }

  text(data: string): void {
    this.b.text(data);
  }

  cdata(data: string): void {
    this.b.cdata(data);
  }

  /** Detach `el`, the last child of its parent (a subtree just read), so that it can be collected. */
  detach(el: Element): void {
    const parent = el.parentNode;
    if (parent === null || parent.lastChild !== el) throw new TypeError('SubtreeBuilder.detach: not the last child of its parent');
    const prev = el.previousSibling;
    parent.lastChild = prev;
    if (prev === null) parent.firstChild = null;
    else prev.nextSibling = null;
    el.previousSibling = null;
    el.parentNode = null;
  }
}
