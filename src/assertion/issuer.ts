import type { Element } from '../xml/tree.js';
import { NS } from '../xml/namespaces.js';
import { attr, childNamed, positionOfNode, textOf } from '../xml/dom.js';
import { AssertionError, type AssertionErrorCode } from './errors.js';
import type { Verified } from '../xml/dsig/types.js';

export const NAMEID_FORMAT_ENTITY = 'urn:oasis:names:tc:SAML:2.0:nameid-format:entity';

/**
 * The Response's optional Issuer must name the IdP (SAML profiles 2.0 §4.1.4.2) and, if it
 * has a Format, be `…:nameid-format:entity` (SAML core 2.0 §8.3.6). Checked before the
 * signature as an early, cheap rejection; the authoritative issuer is the assertion's.
 * @throws {AssertionError} ERR_RESPONSE_ISSUER_MISMATCH, ERR_RESPONSE_ISSUER_FORMAT
 */
export function checkResponseIssuer(response: Element, idpEntityId: string): void {
  const issuer = childNamed(response, NS.SAML, 'Issuer');
  if (!issuer) return;
  compare(issuer, idpEntityId, 'Response', 'ERR_RESPONSE_ISSUER_MISMATCH', 'ERR_RESPONSE_ISSUER_FORMAT');
}

/**
 * The assertion's Issuer (required, SAML core 2.0 §2.3.3) must equal the IdP entityID.
 * @returns the issuer value.
 * @throws {AssertionError} ERR_ASSERTION_ISSUER_MISSING, ERR_ASSERTION_ISSUER_MISMATCH, ERR_ASSERTION_ISSUER_FORMAT
 */
export function checkAssertionIssuer(assertion: Verified<Element>, idpEntityId: string): string {
  const issuer = childNamed(assertion, NS.SAML, 'Issuer');
  if (!issuer) {
    throw new AssertionError('ERR_ASSERTION_ISSUER_MISSING', `Expected the assertion to have a saml:Issuer equal to ${JSON.stringify(idpEntityId)}, found none`, {
      expected: idpEntityId,
      actual: '(absent)',
      ...positionOfNode(assertion),
    });
  }
  return compare(issuer, idpEntityId, 'assertion', 'ERR_ASSERTION_ISSUER_MISMATCH', 'ERR_ASSERTION_ISSUER_FORMAT');
}

function compare(issuer: Element, idpEntityId: string, where: string, mismatch: AssertionErrorCode, format: AssertionErrorCode): string {
  // Leading/trailing whitespace is layout (pretty-printed XML), not part of the entityID.
  const value = textOf(issuer).trim();
  if (value !== idpEntityId) {
    throw new AssertionError(mismatch, `Expected the ${where} Issuer to be the IdP entityID ${JSON.stringify(idpEntityId)}, found ${JSON.stringify(value.slice(0, 200))}`, {
      expected: idpEntityId,
      actual: value,
      ...positionOfNode(issuer),
    });
  }
  const fmt = attr(issuer, 'Format');
  if (fmt !== undefined && fmt !== NAMEID_FORMAT_ENTITY) {
    throw new AssertionError(format, `Expected the ${where} Issuer Format to be absent or ${NAMEID_FORMAT_ENTITY} (SAML core 2.0 §8.3.6), found ${JSON.stringify(fmt)}`, {
      expected: NAMEID_FORMAT_ENTITY,
      actual: fmt,
      ...positionOfNode(issuer),
    });
  }
  return value;
}
