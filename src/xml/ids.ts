import type { Element, Node } from './tree.js';
import { positionOfNode } from './dom.js';
import { XmlError } from './errors.js';

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
 * @throws {XmlError} `ERR_XML_DUPLICATE_ID` naming the value and both positions.
 */
export function indexIds(root: Element): Map<string, Element> {
  if (!root || root.nodeType !== 1) throw new TypeError('indexIds: root must be an Element');
  const ids = new Map<string, Element>();
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
      ids.set(value, el);
    }
    // Push children in reverse so the walk is in document order (the first occurrence is reported first).
    for (let c = el.lastChild; c !== null; c = c.previousSibling) if (c.nodeType === 1) stack.push(c);
  }
  return ids;
}
