import { CertError } from './errors.js';
import { ParsedCertificate } from './certificate.js';
import { cacheGet, cachePut } from './cache.js';
import { thumbprintsOf } from './thumbprint.js';
import { parseX509 } from './x509.js';
import type { Certificate } from './types.js';

/** Largest single certificate accepted (real ones are 1–4 KiB; this refuses junk early). */
export const MAX_CERTIFICATE_BYTES = 64 * 1024;

/**
 * Read one DER certificate (RFC 5280 §4.1). Hashes the bytes first (thumbprints are
 * hashes of exactly these bytes) and returns the cached object when the same DER was
 * read before; otherwise parses, copies the bytes, and caches.
 * @throws {CertError} `ERR_CERT_EMPTY`, `ERR_CERT_TOO_LARGE`, `ERR_CERT_DER`
 */
export function certificateFromDer(der: Uint8Array): Certificate {
  if (!(der instanceof Uint8Array)) throw new TypeError('certificateFromDer: expected a Uint8Array');
  if (der.length === 0) throw new CertError('ERR_CERT_EMPTY', 'Expected DER certificate bytes, found 0 bytes', { expected: 'DER bytes', actual: '0 bytes' });
  if (der.length > MAX_CERTIFICATE_BYTES) {
    throw new CertError('ERR_CERT_TOO_LARGE', `Expected a certificate of at most ${MAX_CERTIFICATE_BYTES} bytes, found ${der.length} bytes`, { expected: `at most ${MAX_CERTIFICATE_BYTES} bytes`, actual: `${der.length} bytes` });
  }
  const tp = thumbprintsOf(der);
  const hit = cacheGet(tp.sha256);
  if (hit) return hit;
  const own = Uint8Array.prototype.slice.call(der) as Uint8Array; // own copy: the caller may reuse its buffer
  const cert = new ParsedCertificate(own, parseX509(own), tp);
  cachePut(tp.sha256, cert);
  return cert;
}
