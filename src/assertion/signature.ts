import type { Element } from '@xmldom/xmldom';
import { NS } from '../xml/namespaces.js';
import { childNamed, positionOfNode } from '../xml/dom.js';
import { verifyEnvelopedSignature } from '../xml/dsig/verify.js';
import type { TrustedKey, Verified } from '../xml/dsig/types.js';
import { AssertionError } from './errors.js';
import type { LocatedAssertion } from './locate.js';
import { openEncryptedAssertion, type DecryptionSettings } from './encrypted.js';

export interface SignedAssertion {
  /** The assertion every value is read from: its own signature verified, or it lies below the verified Response. */
  readonly assertion: Verified<Element>;
  readonly signedElement: 'response' | 'assertion' | 'both';
  readonly encrypted: boolean;
  readonly warnings: readonly string[];
}

export interface SignatureSettings extends DecryptionSettings {
  /** The IdP's keys only; never keys from the message. */
  readonly keys: readonly TrustedKey[];
  readonly allowSha1: boolean;
}

/**
 * SAML profiles 2.0 §4.1.3.5 / §4.1.4.2: the assertion must be signed by the IdP, or the
 * Response that carries it must be. Every signature present is verified (with the IdP's
 * keys only); one failing rejects the message. Returns the assertion to read from:
 * - assertion signed: the `Verified` element the assertion signature covered;
 * - only the Response signed: the assertion found *below the verified Response element*
 *   (never the node located before verification), or, when encrypted, the assertion
 *   decrypted from the EncryptedAssertion below it.
 *
 * @throws {SignatureError} ERR_SIGNATURE_* from the verifier
 * @throws {AssertionError} ERR_ASSERTION_UNSIGNED, and decryption codes
 */
export function verifySignedAssertion(response: Element, located: LocatedAssertion, settings: SignatureSettings): SignedAssertion {
  const warnings: string[] = [];
  const opts = { keys: settings.keys, allowSha1: settings.allowSha1 };

  let verifiedResponse: Verified<Element> | undefined;
  if (childNamed(response, NS.DS, 'Signature')) {
    const sig = verifyEnvelopedSignature(response, opts);
    verifiedResponse = sig.element;
    for (const w of sig.warnings) warnings.push(`Response signature: ${w}`);
  }

  // From here on, read the assertion (or EncryptedAssertion) downward from the verified Response when there is one.
  let container: Element = located.element;
  if (verifiedResponse) container = coveredChild(verifiedResponse, located);

  const assertion = located.kind === 'encrypted' ? openEncryptedAssertion(container, settings) : container;

  if (childNamed(assertion, NS.DS, 'Signature')) {
    const sig = verifyEnvelopedSignature(assertion, opts);
    for (const w of sig.warnings) warnings.push(`Assertion signature: ${w}`);
    return { assertion: sig.element, signedElement: verifiedResponse ? 'both' : 'assertion', encrypted: located.kind === 'encrypted', warnings };
  }
  if (verifiedResponse) {
    // Covered by the Response signature: a child of the verified element (or decrypted from one).
    return { assertion: assertion as Verified<Element>, signedElement: 'response', encrypted: located.kind === 'encrypted', warnings };
  }
  throw new AssertionError(
    'ERR_ASSERTION_UNSIGNED',
    'Expected the assertion or the Response to carry an enveloped ds:Signature from the IdP (SAML profiles 2.0 §4.1.3.5), found neither signed',
    { expected: 'signed assertion or signed Response', actual: 'no ds:Signature on either', ...positionOfNode(assertion) },
  );
}

/** The located assertion's element, re-found as a direct child of the verified Response. */
function coveredChild(verified: Verified<Element>, located: LocatedAssertion): Element {
  const name = located.kind === 'encrypted' ? 'EncryptedAssertion' : 'Assertion';
  const child = childNamed(verified, NS.SAML, name);
  if (!child || child !== located.element) {
    // Cannot happen after locateAssertion (exactly one, a direct child); kept as a guard.
    throw new AssertionError('ERR_RESPONSE_ASSERTION_PLACEMENT', `Expected the ${name} to be a direct child of the signed Response, found it elsewhere`, {
      expected: 'child of the signed samlp:Response',
      actual: 'elsewhere',
    });
  }
  return child;
}
