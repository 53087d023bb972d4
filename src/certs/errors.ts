import { SamlfedError } from '../errors.js';

/**
 * Codes raised while reading certificates (docs/errors/certs.md).
 * Codes never change meaning once released.
 */
export type CertErrorCode =
  /** Input is empty or only whitespace. */
  | 'ERR_CERT_EMPTY'
  /** Input is larger than the `maxBytes` limit. */
  | 'ERR_CERT_TOO_LARGE'
  /** Input is none of: base64, PEM, DER, PKCS#12. */
  | 'ERR_CERT_FORMAT'
  /** Base64 text (ds:X509Certificate or a PEM body) has characters or padding base64 does not allow. */
  | 'ERR_CERT_BASE64'
  /** PEM armour is broken: BEGIN without END, mismatched labels, no CERTIFICATE block. */
  | 'ERR_CERT_PEM'
  /** The bytes are not a DER X.509 certificate (RFC 5280 §4.1): truncated, wrong tags, trailing bytes. */
  | 'ERR_CERT_DER'
  /** PKCS#12 integrity check (MAC) failed, or no password was given for a protected file. */
  | 'ERR_CERT_PKCS12_PASSWORD'
  /** PKCS#12 file is corrupt, uses an unsupported algorithm, or holds no certificate. */
  | 'ERR_CERT_PKCS12'
  /** The certificate's public key cannot be loaded by Node's crypto (unsupported algorithm or curve). */
  | 'ERR_CERT_KEY'
  /** A thumbprint is not 40 (SHA-1) or 64 (SHA-256) hex digits. */
  | 'ERR_CERT_THUMBPRINT';

/** A certificate (or thumbprint) could not be read. `expected`/`actual` say why. */
export class CertError extends SamlfedError<CertErrorCode> {}
