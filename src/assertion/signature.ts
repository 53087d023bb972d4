import type { Element } from '../xml/tree.js';
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
    weakKeyWarning('Response signature', sig.key, warnings);
  }

  // From here on, read the assertion (or EncryptedAssertion) downward from the verified Response when there is one.
  let container: Element = located.element;
  if (verifiedResponse) container = coveredChild(verifiedResponse, located);

  const assertion = located.kind === 'encrypted' ? openEncryptedAssertion(container, settings, warnings) : container;
  if (located.kind === 'encrypted' && !verifiedResponse && cbcContent(container)) {
    // Without a Response signature nothing authenticates the CBC cipher text before it is decrypted.
    warnings.push('EncryptedAssertion uses AES-CBC in an unsigned Response: the cipher text is not authenticated before decryption (Jager & Somorovsky, CCS 2011); ask the IdP for AES-GCM or to sign the Response');
  }

  if (childNamed(assertion, NS.DS, 'Signature')) {
    const sig = verifyEnvelopedSignature(assertion, opts);
    for (const w of sig.warnings) warnings.push(`Assertion signature: ${w}`);
    weakKeyWarning('Assertion signature', sig.key, warnings);
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

/** True when the EncryptedData of `encryptedAssertion` names an AES-CBC EncryptionMethod. */
function cbcContent(encryptedAssertion: Element): boolean {
  const data = childNamed(encryptedAssertion, NS.XENC, 'EncryptedData');
  const method = data ? childNamed(data, NS.XENC, 'EncryptionMethod') : undefined;
  return /-cbc$/.test(method?.getAttribute('Algorithm') ?? '');
}

/** RSA keys below this size are reported (NIST SP 800-131A Rev. 2 §3: 2048 bits minimum since 2014). */
export const MIN_RSA_KEY_BITS = 2048;

/**
 * A signature that verified with an RSA key under 2048 bits is accepted with a warning, not
 * refused: the key is the one the IdP's metadata names (the same choice as Shibboleth, which
 * warns; python3-saml says nothing). `samlfed lint` reports the key on the metadata side.
 */
function weakKeyWarning(what: string, key: TrustedKey, warnings: string[]): void {
  if (key.publicKey.asymmetricKeyType !== 'rsa') return;
  const bits = key.publicKey.asymmetricKeyDetails?.modulusLength;
  if (bits === undefined || bits >= MIN_RSA_KEY_BITS) return;
  const who = `${key.label ?? 'IdP signing key'}${key.thumbprint ? `, SHA-1 ${key.thumbprint}` : ''}`;
  warnings.push(`${what}: verified with a ${bits}-bit RSA key (${who}); RSA keys under ${MIN_RSA_KEY_BITS} bits are too weak (NIST SP 800-131A): ask the IdP to roll over to a 2048-bit or larger key`);
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
