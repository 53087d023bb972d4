/**
 * The `Certificate` implementation. Built once per distinct DER (see cache.ts) and
 * frozen; `publicKey` and `selfSigned` are computed on first access and kept, so
 * metadata lint (which reads names, dates and thumbprints) never pays for key parsing.
 */
import { X509Certificate, constants, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { CertError } from './errors.js';
import type { Certificate, KeyInfo } from './types.js';
import type { X509Fields } from './x509.js';

/** A parsed certificate. Construct through `certificateFromDer` (or the other readers), not directly. */
export class ParsedCertificate implements Certificate {
  readonly der: Uint8Array;
  readonly subject: string;
  readonly issuer: string;
  readonly serialNumber: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly sha1Thumbprint: string;
  readonly sha256Thumbprint: string;
  readonly key: KeyInfo;
  readonly signatureAlgorithm: string;
  /** Digest used by the signature (`sha1`, `sha256`…), `undefined` for Ed25519/Ed448 or unknown algorithms. */
  readonly signatureHash: string | undefined;
  /** X.509 version (1, 2 or 3). */
  readonly version: number;
  #fields: X509Fields;
  #publicKey: KeyObject | undefined;
  #selfSigned: boolean | undefined;

  constructor(der: Uint8Array, fields: X509Fields, thumbprints: { sha1: string; sha256: string }) {
    this.der = der;
    this.subject = fields.subject;
    this.issuer = fields.issuer;
    this.serialNumber = fields.serialNumber;
    this.notBefore = fields.notBefore;
    this.notAfter = fields.notAfter;
    this.sha1Thumbprint = thumbprints.sha1;
    this.sha256Thumbprint = thumbprints.sha256;
    // Object.assign, not a spread: V8 gave each frozen spread copy a map of its own (a fresh spread
    // has no frozen transition to share), ~56 bytes per certificate left in the old generation
    // (20k certificates, --trace-gc-nvp: 1.23 MB promoted; with Object.assign ~0).
    this.key = Object.freeze(Object.assign({}, fields.key));
    this.signatureAlgorithm = fields.signatureAlgorithm;
    this.signatureHash = fields.signatureHash;
    this.version = fields.version;
    this.#fields = fields;
    Object.freeze(this.notBefore);
    Object.freeze(this.notAfter);
    Object.freeze(this);
  }

  /**
   * The subject public key, loaded from SubjectPublicKeyInfo on first access and kept.
   * @throws {CertError} `ERR_CERT_KEY` when Node's crypto cannot load the key.
   */
  get publicKey(): KeyObject {
    if (this.#publicKey === undefined) {
      try {
        this.#publicKey = createPublicKey({ key: this.#fields.spki, format: 'der', type: 'spki' });
      } catch (e) {
        throw new CertError('ERR_CERT_KEY', `The certificate's public key (${this.key.type}) cannot be loaded: ${e instanceof Error ? e.message : String(e)}`, {
          expected: 'an RSA, EC (named curve), Ed25519, Ed448 or DSA public key',
          actual: this.key.type === 'EC' ? `EC ${this.key.curve}` : this.key.type,
          cause: e,
        });
      }
    }
    return this.#publicKey;
  }

  /** Subject equals issuer and the signature verifies with the certificate's own key (RFC 5280 §6.1: self-issued and self-signed). */
  get selfSigned(): boolean {
    if (this.#selfSigned === undefined) this.#selfSigned = this.subject === this.issuer && this.#verifiesWithOwnKey();
    return this.#selfSigned;
  }

  #verifiesWithOwnKey(): boolean {
    const f = this.#fields;
    try {
      const key = this.publicKey;
      if (f.pss) {
        return verify(f.pss.hash, f.tbs, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: f.pss.saltLength }, f.signature);
      }
      if (f.signatureAlgorithm === 'Ed25519' || f.signatureAlgorithm === 'Ed448') return verify(null, f.tbs, key, f.signature);
      if (f.signatureHash) return verify(f.signatureHash, f.tbs, key, f.signature);
      // Anything else: let OpenSSL decide from the whole certificate.
      return new X509Certificate(this.der).verify(key);
    } catch {
      return false;
    }
  }

  /** Plain JSON form (no DER bytes, no key object). */
  toJSON(): Record<string, unknown> {
    return {
      subject: this.subject,
      issuer: this.issuer,
      serialNumber: this.serialNumber,
      notBefore: this.notBefore.toISOString(),
      notAfter: this.notAfter.toISOString(),
      sha1Thumbprint: this.sha1Thumbprint,
      sha256Thumbprint: this.sha256Thumbprint,
      key: this.key,
      signatureAlgorithm: this.signatureAlgorithm,
    };
  }
}
