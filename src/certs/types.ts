import type { KeyObject } from 'node:crypto';

/** Key algorithm and strength of a certificate's public key. */
export type KeyInfo =
  | { readonly type: 'RSA'; readonly bits: number }
  | { readonly type: 'EC'; readonly curve: string; readonly bits: number }
  | { readonly type: 'Ed25519' | 'Ed448' | 'DSA' | 'unknown'; readonly bits: number };

/**
 * A parsed X.509 certificate as samlfed reports it. Built once per certificate;
 * `publicKey` is a cached `KeyObject`, so verifying with it costs no key parsing.
 */
export interface Certificate {
  /** DER bytes: every thumbprint is a hash of exactly these. */
  readonly der: Uint8Array;
  /** Subject DN in the tenant's style: `CN=..., OU=..., O=..., L=..., S=..., C=...`. */
  readonly subject: string;
  /** Issuer DN in the same style. */
  readonly issuer: string;
  /** Serial number, upper-case hex without separators. */
  readonly serialNumber: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** SHA-1 of the DER: 40 upper-case hex digits, no separators (`IDPSigningCertificateThumbprint`). */
  readonly sha1Thumbprint: string;
  /** SHA-256 of the DER: 64 upper-case hex digits, no separators. */
  readonly sha256Thumbprint: string;
  readonly key: KeyInfo;
  /** Signature algorithm, e.g. `sha256WithRSAEncryption`, `ecdsa-with-SHA256`. */
  readonly signatureAlgorithm: string;
  /**
   * Digest of the signature algorithm (`md5`, `sha1`, `sha224`, `sha256`, `sha384`, `sha512`; for
   * RSASSA-PSS the one in its parameters); `undefined` for Ed25519/Ed448 and unknown algorithms.
   * Optional in the interface so hand-made test doubles need not set it; the readers always do.
   */
  readonly signatureHash?: string | undefined;
  /** X.509 version: 1, 2 or 3 (set by the readers). */
  readonly version?: number;
  /** Subject equals issuer and the signature verifies with the certificate's own key. */
  readonly selfSigned: boolean;
  /** Public key, parsed once. */
  readonly publicKey: KeyObject;
}
