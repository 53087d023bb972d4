import type { Element, Node } from '../xml/tree.js';
import { NS } from '../xml/namespaces.js';
import { positionOfNode } from '../xml/dom.js';
import { AssertionError } from './errors.js';

export interface LocatedAssertion {
  readonly kind: 'plain' | 'encrypted';
  /** The saml:Assertion or saml:EncryptedAssertion element, a direct child of the Response. */
  readonly element: Element;
}

/**
 * Every saml:Assertion and saml:EncryptedAssertion anywhere under `root`, in document order
 * (inside Extensions, ds:Object, Advice and any other wrapper too: XML signature wrapping
 * hides a second assertion in exactly such places).
 */
export function allAssertions(root: Element): Element[] {
  const out: Element[] = [];
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.nodeType !== 1) continue;
    const el = n as Element;
    if (el.namespaceURI === NS.SAML && (el.localName === 'Assertion' || el.localName === 'EncryptedAssertion')) out.push(el);
    for (let c = el.lastChild; c !== null; c = c.previousSibling) if (c.nodeType === 1) stack.push(c);
  }
  return out;
}

/**
 * Exactly one assertion, plain or encrypted, in the whole document, and it must be a direct
 * child of the Response (SAML profiles 2.0 §4.1.4.2 allows more; this verifier does not,
 * which closes XML signature wrapping by construction).
 * @throws {AssertionError} ERR_RESPONSE_ASSERTION_COUNT, ERR_RESPONSE_ASSERTION_PLACEMENT
 */
export function locateAssertion(response: Element): LocatedAssertion {
  const found = allAssertions(response);
  if (found.length !== 1) {
    const where = found.slice(0, 5).map((e) => `${e.localName}${lineOf(e)}`);
    throw new AssertionError(
      'ERR_RESPONSE_ASSERTION_COUNT',
      `Expected exactly one saml:Assertion or saml:EncryptedAssertion in the Response, found ${found.length}${where.length ? ` (${where.join(', ')}${found.length > 5 ? ', …' : ''})` : ''}`,
      { expected: 1, actual: found.length, ...(found[1] ? positionOfNode(found[1]) : {}) },
    );
  }
  const element = found[0]!;
  if (element.parentNode !== response) {
    const parent = element.parentNode as Element | null;
    throw new AssertionError(
      'ERR_RESPONSE_ASSERTION_PLACEMENT',
      `Expected the ${element.localName} to be a direct child of samlp:Response, found it inside ${parent?.nodeName ?? '(nothing)'}${lineOf(element)}`,
      { expected: 'child of samlp:Response', actual: `child of ${parent?.nodeName ?? '(nothing)'}`, ...positionOfNode(element) },
    );
  }
  return { kind: element.localName === 'EncryptedAssertion' ? 'encrypted' : 'plain', element };
}

function lineOf(el: Element): string {
  const p = positionOfNode(el);
  return p.line ? ` at line ${p.line}` : '';
}
