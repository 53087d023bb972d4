import type { Element } from '../tree.js';
import type { KeyObject } from 'node:crypto';

/** A key the caller trusts to have signed the element (from metadata or a trust anchor, never from the message). */
export interface TrustedKey {
  readonly publicKey: KeyObject;
  /** SHA-1 thumbprint of the certificate it came from, for reporting. */
  readonly thumbprint?: string;
  /** Free-form label for messages, e.g. `signing certificate 2 of 2`. */
  readonly label?: string;
}

export interface VerifyEnvelopedOptions {
  /** Trusted keys: any one may verify (key rollover). Must be non-empty. */
  readonly keys: readonly TrustedKey[];
  /** Accept rsa-sha1 / ecdsa-sha1 / sha1 digests (then reported as a warning). Default false. */
  readonly allowSha1?: boolean;
  /**
   * Legacy metadata aggregates only (e.g. SWAMID's signer): accept `Reference URI=""` when
   * `element` is the document element. `URI=""` is the whole document without comments
   * (xmldsig-core §4.4.3.3), which with the enveloped-signature transform is `element` itself
   * (plus any document-level processing instructions). Reported as a warning. Default false:
   * never set it for SAML protocol messages.
   */
  readonly allowEmptyUriForDocumentElement?: boolean;
  /**
   * @deprecated No effect: Canonical XML 1.0 and 1.1 (inclusive, with or without comments) are
   * accepted as SignedInfo's CanonicalizationMethod and as the Reference's c14n transform
   * (xmldsig-core 1.1 §6.5 makes Canonical XML 1.0 REQUIRED for verifiers).
   */
  readonly allowInclusiveSignedInfoC14n?: boolean;
}

declare const verifiedBrand: unique symbol;

/**
 * An element whose enveloped signature verified. Only `verifyEnvelopedSignature`
 * creates one, so a function that takes `Verified<Element>` cannot be handed an
 * unchecked node by mistake. Read only *downwards* from it (xmldsig-core §3.2:
 * what the Reference covered is this element's subtree minus the Signature).
 */
export type Verified<T extends Element = Element> = T & { readonly [verifiedBrand]: true };

export interface VerifiedSignature<T extends Element = Element> {
  readonly element: Verified<T>;
  /** The ds:Signature element that was checked (a child of `element`). */
  readonly signatureElement: Element;
  /** Algorithm URIs as written in SignedInfo. */
  readonly signatureAlgorithm: string;
  readonly digestAlgorithm: string;
  readonly canonicalizationAlgorithm: string;
  /** The trusted key that verified it. */
  readonly key: TrustedKey;
  /** e.g. SHA-1 accepted because allowSha1 was set. */
  readonly warnings: readonly string[];
}
