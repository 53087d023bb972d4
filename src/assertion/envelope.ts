import type { Element } from '../xml/tree.js';
import { NS } from '../xml/namespaces.js';
import { attr, positionOfNode } from '../xml/dom.js';
import { describeValue } from '../errors.js';
import { AssertionError } from './errors.js';

/**
 * The root must be a SAML 2.0 `samlp:Response` with an ID (SAML core 2.0 §3.2.2, §3.4).
 * @returns the Response ID.
 * @throws {AssertionError} ERR_RESPONSE_ROOT, ERR_RESPONSE_VERSION, ERR_RESPONSE_ID_MISSING
 */
export function checkEnvelope(root: Element): string {
  if (root.localName !== 'Response' || root.namespaceURI !== NS.SAMLP) {
    const found = root.namespaceURI ? `{${root.namespaceURI}}${root.localName}` : String(root.localName);
    throw new AssertionError('ERR_RESPONSE_ROOT', `Expected the root element to be samlp:Response {${NS.SAMLP}}, found ${found}`, {
      expected: `{${NS.SAMLP}}Response`,
      actual: found,
      ...positionOfNode(root),
    });
  }
  const version = attr(root, 'Version');
  if (version !== '2.0') {
    throw new AssertionError('ERR_RESPONSE_VERSION', `Expected Response Version="2.0", found ${describeValue(version)}`, { expected: '2.0', actual: version ?? '(absent)', ...positionOfNode(root) });
  }
  const id = attr(root, 'ID');
  if (id === undefined || id.trim() === '') {
    throw new AssertionError('ERR_RESPONSE_ID_MISSING', 'Expected the Response to carry an ID attribute (SAML core 2.0 §3.2.2), found none', { expected: 'ID attribute', actual: '(absent)', ...positionOfNode(root) });
  }
  return id;
}
