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
  /** Subject equals issuer and the signature verifies with the certificate's own key. */
  readonly selfSigned: boolean;
  /** Public key, parsed once. */
  readonly publicKey: KeyObject;
}
