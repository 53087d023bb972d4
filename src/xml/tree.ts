/**
 * samlfed's own light, read-only XML tree: what `parseXml` returns and what c14n, dsig,
 * metadata and assertion code read. It keeps the DOM member names and semantics the code base
 * used with @xmldom/xmldom (DOM Level 2 Core + Namespaces: `namespaceURI` is `null` when none,
 * `prefix` is `null` when none, namespace declarations are attributes in the
 * `http://www.w3.org/2000/xmlns/` namespace), but nothing else: no mutation, no live
 * NodeLists, no XPath. Nodes are plain class instances linked by parent/sibling pointers.
 *
 * {@link TreeBuilder} is the only way to make nodes. It takes start/end/text events (as an
 * event-based parser such as saxes produces them), so a caller that streams a document can build
 * just one subtree (for example one EntityDescriptor) with the same classes.
 */

export const ELEMENT_NODE = 1;
export const ATTRIBUTE_NODE = 2;
export const TEXT_NODE = 3;
export const CDATA_SECTION_NODE = 4;
export const PROCESSING_INSTRUCTION_NODE = 7;
export const COMMENT_NODE = 8;
export const DOCUMENT_NODE = 9;

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

/** Common members of every node in the tree (DOM `Node`, read-only subset). */
export abstract class Node {
  abstract readonly nodeType: number;
  abstract readonly nodeName: string;
  parentNode: Node | null = null;
  previousSibling: Node | null = null;
  nextSibling: Node | null = null;
  // The four below are own properties of elements and documents (set in their constructors) and
  // read from Node.prototype (null, 0) on text, CDATA, comment and PI nodes, which never have
  // children or a recorded position: a text node is then made with three pointer stores, not seven
  // (a streamed aggregate makes one for every run of whitespace between tags).
  declare firstChild: Node | null;
  declare lastChild: Node | null;
  /** 1-based line of the node's start (elements; 0 when unknown). */
  declare lineNumber: number;
  /** 1-based column (UTF-16 code units) of the node's start (elements; 0 when unknown). */
  declare columnNumber: number;
  constructor(readonly ownerDocument: Document | null) {}

  /** The children as a new array (not live). */
  get childNodes(): Node[] {
    const out: Node[] = [];
    for (let n = this.firstChild; n !== null; n = n.nextSibling) out.push(n);
    return out;
  }

  /** DOM `textContent`: the text and CDATA descendants, concatenated (comments and PIs skipped). */
  get textContent(): string | null {
    let out = '';
    const stack: Node[] = [];
    for (let n = this.lastChild; n !== null; n = n.previousSibling) stack.push(n);
    while (stack.length > 0) {
      const n = stack.pop()!;
      if (n.nodeType === TEXT_NODE || n.nodeType === CDATA_SECTION_NODE) out += (n as CharacterData).data;
      else if (n.nodeType === ELEMENT_NODE) for (let c = n.lastChild; c !== null; c = c.previousSibling) stack.push(c);
    }
    return out;
  }

  /** Namespace URI bound to `prefix` (`null` or `''`: the default namespace) where this node is, or `null`. */
  lookupNamespaceURI(prefix: string | null): string | null {
    const p = prefix ?? '';
    if (p === 'xml') return XML_NS;
    if (p === 'xmlns') return XMLNS_NS;
    // At most maxDepth ancestors, each answered in O(1) after its first lookup (see declaredNamespace).
    for (let n: Node | null = this; n !== null; n = n.parentNode) {
      if (n.nodeType !== ELEMENT_NODE) continue;
      const uri = (n as Element).declaredNamespace(p);
      if (uri !== undefined) return uri === '' ? null : uri;
    }
    return null;
  }
}

/** The document node: its children are the root element and any comments and PIs around it. */
export class Document extends Node {
  readonly nodeType = DOCUMENT_NODE;
  readonly nodeName = '#document';
  /** Always null: DTDs are refused by `parseXml`. */
  readonly doctype = null;
  documentElement: Element | null = null;
  constructor() {
    super(null);
    this.firstChild = null;
    this.lastChild = null;
    this.lineNumber = 0;
    this.columnNumber = 0;
  }
  override get textContent(): null {
    return null;
  }
}

/** An attribute, namespace declarations included (`xmlns`, `xmlns:p`; namespace `http://www.w3.org/2000/xmlns/`). */
export class Attr {
  readonly nodeType = ATTRIBUTE_NODE;
  constructor(
    /** Qualified name as written. */
    readonly name: string,
    /** Prefix, or `null` for an unprefixed name (`xmlns` itself has none). */
    readonly prefix: string | null,
    readonly localName: string,
    /** Namespace URI, or `null` (unprefixed attributes are in no namespace). */
    readonly namespaceURI: string | null,
    /** Normalised value (XML 1.0 §3.3.3), references expanded. */
    readonly value: string,
    readonly ownerElement: Element | null,
  ) {}
  get nodeName(): string {
    return this.name;
  }
  get nodeValue(): string {
    return this.value;
  }
  get textContent(): string {
    return this.value;
  }
}

/** The attributes of an element, in document order: an array with DOM's `item()`. */
export type AttrList = Attr[] & { item(i: number): Attr | null };

function item(this: Attr[], i: number): Attr | null {
  return this[i] ?? null;
}

/**
 * A plain array with `item` as an own property: every list gets the same hidden class, and it
 * is much cheaper to make than an Array subclass instance (measured; one per element).
 */
function attrList(): AttrList {
  const list = [] as unknown as AttrList;
  list.item = item;
  return list;
}

const NO_ATTRIBUTES: AttrList = Object.freeze(attrList());

export class Element extends Node {
  declare readonly nodeType: typeof ELEMENT_NODE;
  constructor(
    ownerDocument: Document | null,
    /** Qualified name as written. */
    readonly tagName: string,
    readonly prefix: string | null,
    readonly localName: string,
    readonly namespaceURI: string | null,
    readonly attributes: AttrList,
  ) {
    super(ownerDocument);
    this.firstChild = null;
    this.lastChild = null;
    this.lineNumber = 0;
    this.columnNumber = 0;
  }
  get nodeName(): string {
    return this.tagName;
  }
  /** Namespace declarations of this element, prefix ('' = default) to URI; built on first use by large elements. */
  private declarations: Map<string, string> | undefined;

  /**
   * The namespace this element itself declares for `prefix` (`''`: the default namespace), or
   * `undefined`. An element with many attributes indexes its declarations once, so repeated
   * lookups stay linear overall (an attacker controls the attribute count).
   */
  declaredNamespace(prefix: string): string | undefined {
    const attrs = this.attributes;
    if (attrs.length > 8) {
      let map = this.declarations;
      if (map === undefined) {
        map = new Map();
        for (let i = 0; i < attrs.length; i++) {
          const a = attrs[i]!;
          if (a.namespaceURI === XMLNS_NS) map.set(a.prefix === null ? '' : a.localName, a.value);
        }
        this.declarations = map;
      }
      return map.get(prefix);
    }
    for (let i = 0; i < attrs.length; i++) {
      const a = attrs[i]!;
      if (a.namespaceURI === XMLNS_NS && (a.prefix === null ? prefix === '' : a.localName === prefix)) return a.value;
    }
    return undefined;
  }

  /** Attribute by qualified name, or `null`. */
  getAttributeNode(name: string): Attr | null {
    const attrs = this.attributes;
    for (let i = 0; i < attrs.length; i++) if (attrs[i]!.name === name) return attrs[i]!;
    return null;
  }
  getAttribute(name: string): string | null {
    const a = this.getAttributeNode(name);
    return a === null ? null : a.value;
  }
  hasAttribute(name: string): boolean {
    return this.getAttributeNode(name) !== null;
  }
  /** Attribute by namespace URI (`null` or `''`: none) and local name, or `null`. */
  getAttributeNodeNS(namespaceURI: string | null, localName: string): Attr | null {
    const ns = namespaceURI === '' ? null : namespaceURI;
    const attrs = this.attributes;
    for (let i = 0; i < attrs.length; i++) {
      const a = attrs[i]!;
      if (a.localName === localName && a.namespaceURI === ns) return a;
    }
    return null;
  }
  getAttributeNS(namespaceURI: string | null, localName: string): string | null {
    const a = this.getAttributeNodeNS(namespaceURI, localName);
    return a === null ? null : a.value;
  }
  hasAttributeNS(namespaceURI: string | null, localName: string): boolean {
    return this.getAttributeNodeNS(namespaceURI, localName) !== null;
  }
}

/** Text, CDATA sections and comments: nodes that carry only `data`. */
export abstract class CharacterData extends Node {
  constructor(
    ownerDocument: Document | null,
    readonly data: string,
  ) {
    super(ownerDocument);
  }
  get nodeValue(): string {
    return this.data;
  }
  override get textContent(): string {
    return this.data;
  }
  get length(): number {
    return this.data.length;
  }
}

export class Text extends CharacterData {
  declare readonly nodeType: number;
  declare readonly nodeName: string;
}

export class CDATASection extends Text {}

export class Comment extends CharacterData {
  declare readonly nodeType: typeof COMMENT_NODE;
  declare readonly nodeName: '#comment';
}

export class ProcessingInstruction extends CharacterData {
  declare readonly nodeType: typeof PROCESSING_INSTRUCTION_NODE;
  constructor(
    ownerDocument: Document | null,
    readonly target: string,
    data: string,
  ) {
    super(ownerDocument, data);
  }
  get nodeName(): string {
    return this.target;
  }
}

/**
 * `nodeType` and `nodeName` of elements and character data live on the prototypes (read-only, as
 * the DOM has them), and the no-children, no-position defaults of character data on Node.prototype:
 * one object per node with only its own state.
 */
function constant(proto: object, name: string, value: unknown): void {
  Object.defineProperty(proto, name, { value, writable: false, enumerable: false, configurable: false });
}
constant(Element.prototype, 'nodeType', ELEMENT_NODE);
constant(Text.prototype, 'nodeType', TEXT_NODE);
constant(Text.prototype, 'nodeName', '#text');
constant(CDATASection.prototype, 'nodeType', CDATA_SECTION_NODE);
constant(CDATASection.prototype, 'nodeName', '#cdata-section');
constant(Comment.prototype, 'nodeType', COMMENT_NODE);
constant(Comment.prototype, 'nodeName', '#comment');
constant(ProcessingInstruction.prototype, 'nodeType', PROCESSING_INSTRUCTION_NODE);
for (const [name, value] of [['firstChild', null], ['lastChild', null], ['lineNumber', 0], ['columnNumber', 0]] as const) {
  // Writable, so that the constructors of Element and Document make them own properties.
  Object.defineProperty(Node.prototype, name, { value, writable: true, enumerable: false, configurable: false });
}

/** One attribute as an event-based parser reports it (saxes' `SaxesAttributeNS` has this shape). */
export interface AttributeEvent {
  readonly name: string;
  /** `''` when unprefixed. */
  readonly prefix: string;
  readonly local: string;
  /** `''` when in no namespace. */
  readonly uri: string;
  readonly value: string;
}

/**
 * Builds a tree from parser events, appending under `parent` (a new {@link Document} by default).
 * Used by `parseXml` for whole documents; a streaming reader can create one with an existing
 * Document (or a detached one) and feed it the events of one subtree: the nodes are the same
 * classes, so every reader and c14n work on them. Namespace lookups (`lookupNamespaceURI`) only
 * see the declarations inside the built tree, so a subtree builder should replay the in-scope
 * declarations it needs on its top element (or build under an element that has them).
 *
 * The builder checks nothing: well-formedness is the parser's job.
 */
export class TreeBuilder {
  readonly document: Document;
  private current: Node;
  private open = 0;

  constructor(parent?: Document | Element) {
    if (parent === undefined) {
      this.document = new Document();
      this.current = this.document;
    } else {
      this.document = parent.nodeType === DOCUMENT_NODE ? (parent as Document) : (parent.ownerDocument ?? new Document());
      this.current = parent;
    }
  }

  /** Number of elements started and not yet ended. */
  get depth(): number {
    return this.open;
  }

  /** The innermost open element (or the starting parent when none is open). */
  get currentNode(): Node {
    return this.current;
  }

  private append(n: Node): void {
    const parent = this.current;
    n.parentNode = parent;
    const last = parent.lastChild;
    if (last === null) parent.firstChild = n;
    else {
      last.nextSibling = n;
      n.previousSibling = last;
    }
    parent.lastChild = n;
  }

  /**
   * Start an element (its attributes in document order) and make it the current parent.
   * `line`/`column` are 1-based (column in UTF-16 code units) and point at its `<`.
   */
  startElement(name: string, prefix: string, local: string, uri: string, attributes: readonly AttributeEvent[], line: number, column: number): Element {
    const n = attributes.length;
    const list = n === 0 ? NO_ATTRIBUTES : attrList();
    const el = new Element(this.document, name, prefix === '' ? null : prefix, local, uri === '' ? null : uri, list);
    for (let i = 0; i < n; i++) {
      const a = attributes[i]!;
      list.push(new Attr(a.name, a.prefix === '' ? null : a.prefix, a.local, a.uri === '' ? null : a.uri, a.value, el));
    }
    el.lineNumber = line;
    el.columnNumber = column;
    this.append(el);
    if (this.current === this.document && this.document.documentElement === null) this.document.documentElement = el;
    this.current = el;
    this.open++;
    return el;
  }

  /** End the current element and return it. */
  endElement(): Element {
    if (this.open === 0) throw new TypeError('TreeBuilder.endElement: no open element');
    const el = this.current as Element;
    this.current = el.parentNode!;
    this.open--;
    return el;
  }

  /** Character data (references already expanded, line ends already normalised). */
  text(data: string): void {
    if (data !== '') this.append(new Text(this.document, data));
  }

  cdata(data: string): void {
    this.append(new CDATASection(this.document, data));
  }

  comment(data: string): void {
    this.append(new Comment(this.document, data));
  }

  processingInstruction(target: string, data: string): void {
    this.append(new ProcessingInstruction(this.document, target, data));
  }
}
