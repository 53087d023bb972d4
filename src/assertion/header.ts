import type { Element } from '../xml/tree.js';
import { attr, positionOfNode } from '../xml/dom.js';
import { describeValue } from '../errors.js';
import type { Verified } from '../xml/dsig/types.js';
import { AssertionError } from './errors.js';

/**
 * The assertion must be SAML 2.0 and carry an ID (SAML core 2.0 §2.3.3).
 * @returns the assertion ID.
 * @throws {AssertionError} ERR_ASSERTION_VERSION, ERR_ASSERTION_ID_MISSING
 */
export function checkAssertionHeader(assertion: Verified<Element>): string {
  const version = attr(assertion, 'Version');
  if (version !== '2.0') {
    throw new AssertionError('ERR_ASSERTION_VERSION', `Expected assertion Version="2.0", found ${describeValue(version)}`, { expected: '2.0', actual: version ?? '(absent)', ...positionOfNode(assertion) });
  }
  const id = attr(assertion, 'ID');
  if (id === undefined || id.trim() === '') {
    throw new AssertionError('ERR_ASSERTION_ID_MISSING', 'Expected the assertion to carry an ID attribute (SAML core 2.0 §2.3.3), found none', { expected: 'ID attribute', actual: '(absent)', ...positionOfNode(assertion) });
  }
  return id;
}
