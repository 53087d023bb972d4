import type { Element, Node } from './tree.js';
import { positionOfNode } from './dom.js';
import { XmlError } from './errors.js';
import { StringIds } from './string-ids.js';

/**
 * Attributes treated as XML IDs: `ID` (SAML 2.0 core §1.3.4, protocol and assertion),
 * `Id` (xmldsig-core §4.1 and friends), `AssertionID` (SAML 1.1 assertions). Only the
 * unqualified forms count; `wsu:Id` and other namespaced attributes are not IDs here.
 */
export const ID_ATTRIBUTES: readonly string[] = Object.freeze(['ID', 'Id', 'AssertionID']);

function where(node: Node): string {
  const p = positionOfNode(node);
  return p.line !== undefined ? `line ${p.line}, column ${p.column ?? 1}` : 'unknown position';
}

/**
 * Index every element under (and including) `root` by its ID/Id/AssertionID values, in one
 * iterative walk. A value that appears twice anywhere (on two elements, or in two ID attributes
 * of one element) is refused: with duplicate IDs, which element a `#id` Reference points at is
 * parser-dependent, the root of XML signature wrapping (XSW) attacks.
 *
 * ID values are attribute values, of any length: they are interned by content
 * (src/xml/string-ids.ts) rather than used as `Map` keys, which V8 hashes by length alone past
 * 16,383 characters (quadratic for many long IDs of one length: test/xml/attack.long-ids.test.ts).
 *
 * @throws {XmlError} `ERR_XML_DUPLICATE_ID` naming the value and both positions.
 */
export function indexIds(root: Element): IdIndex {
  if (!root || root.nodeType !== 1) throw new TypeError('indexIds: root must be an Element');
  const ids = new IdIndex();
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    const el = n as Element;
    const attrs = el.attributes;
    for (let i = 0; i < attrs.length; i++) {
      const a = attrs.item(i)!;
      if (a.namespaceURI !== null && a.namespaceURI !== undefined) continue;
      const name = a.name;
      if (name !== 'ID' && name !== 'Id' && name !== 'AssertionID') continue;
      const value = a.value;
      const first = ids.get(value);
      if (first !== undefined) {
        const firstAt = where(first);
        const secondAt = where(el);
        const pos = positionOfNode(el);
        throw new XmlError(
          'ERR_XML_DUPLICATE_ID',
          `Expected every ID to be unique, found ${JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value)} twice: on <${first.tagName}> at ${firstAt} and on <${el.tagName}> at ${secondAt}`,
          {
            expected: 'unique ID values',
            actual: { id: value, first: { element: first.tagName, ...positionOfNode(first) }, second: { element: el.tagName, ...pos } },
            ...pos,
          },
        );
      }
      ids.add(value, el);
    }
    // Push children in reverse so the walk is in document order (the first occurrence is reported first).
    for (let c = el.lastChild; c !== null; c = c.previousSibling) if (c.nodeType === 1) stack.push(c);
  }
  return ids;
}

/** Elements by ID value (see {@link indexIds}). */
export class IdIndex {
  private readonly interned = new StringIds();
  /** By id of the interned value. */
  private readonly elements: Element[] = [];

  /** The element carrying `id`, if any. */
  get(id: string): Element | undefined {
    const k = this.interned.find(id);
    return k === undefined ? undefined : this.elements[k];
  }

  /** How many ID values are indexed. */
  get size(): number {
    return this.elements.length;
  }

  /** Index `el` under `id` (the caller checked that `id` is new). */
  add(id: string, el: Element): void {
    this.elements[this.interned.id(id)] = el;
  }

  /** The ID values, in document order. */
  keys(): IterableIterator<string> {
    return this.interned.list().values();
  }
}
