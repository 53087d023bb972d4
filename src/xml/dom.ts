import type { Element, Node } from './tree.js';

/**
 * Small, allocation-light DOM helpers. No XPath anywhere: every lookup walks
 * direct children (or, for `textOf`, the subtree of one element), so callers
 * can only read *below* an element they already hold.
 */

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;

/** Direct element children of `el`, in document order. */
export function childElements(el: Element): Element[] {
  const out: Element[] = [];
  for (let n = el.firstChild; n !== null; n = n.nextSibling) {
    if (n.nodeType === ELEMENT_NODE) out.push(n as Element);
  }
  return out;
}

/** Direct element children with the given namespace and local name. */
export function childrenNamed(el: Element, ns: string, localName: string): Element[] {
  const out: Element[] = [];
  for (let n = el.firstChild; n !== null; n = n.nextSibling) {
    if (n.nodeType === ELEMENT_NODE && (n as Element).localName === localName && (n as Element).namespaceURI === ns) out.push(n as Element);
  }
  return out;
}

/** First direct child with the given namespace and local name, or `undefined`. */
export function childNamed(el: Element, ns: string, localName: string): Element | undefined {
  for (let n = el.firstChild; n !== null; n = n.nextSibling) {
    if (n.nodeType === ELEMENT_NODE && (n as Element).localName === localName && (n as Element).namespaceURI === ns) return n as Element;
  }
  return undefined;
}

/** True when `el` has the given namespace and local name. */
export function isElement(node: Node | null | undefined, ns: string, localName: string): node is Element {
  return !!node && node.nodeType === ELEMENT_NODE && (node as Element).localName === localName && (node as Element).namespaceURI === ns;
}

/**
 * The whole text content of `el`: every text and CDATA descendant, concatenated.
 * Comments and processing instructions are skipped, never terminate the value
 * (a comment inside a NameID cannot truncate it; CVE-2017-11427 family).
 */
export function textOf(el: Element): string {
  let out = '';
  const stack: Node[] = [];
  for (let n = el.lastChild; n !== null; n = n.previousSibling) stack.push(n);
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.nodeType === TEXT_NODE || n.nodeType === CDATA_SECTION_NODE) {
      out += (n as unknown as { data: string }).data;
    } else if (n.nodeType === ELEMENT_NODE) {
      for (let c = n.lastChild; c !== null; c = c.previousSibling) stack.push(c);
    }
  }
  return out;
}

/** Attribute value, or `undefined` when the attribute is absent (not `''`). */
export function attr(el: Element, name: string): string | undefined {
  const a = el.getAttributeNode(name);
  return a === null ? undefined : a.value;
}

/** 1-based line and column recorded by the parser for `node`, when known. */
export function positionOfNode(node: Node): { line?: number; column?: number } {
  const n = node as unknown as { lineNumber?: number; columnNumber?: number };
  return n.lineNumber ? { line: n.lineNumber, column: n.columnNumber ?? 1 } : {};
}

export const NodeType = Object.freeze({ ELEMENT_NODE, TEXT_NODE, CDATA_SECTION_NODE, COMMENT_NODE: 8, PROCESSING_INSTRUCTION_NODE: 7 });
