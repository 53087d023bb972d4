import * as crypto from 'node:crypto';
import { createHash } from 'node:crypto';
import { CertError } from './errors.js';
/** `crypto.hash` (Node 20.12+): a one-shot digest without a Hash object (cheaper for ~1 KB inputs); `undefined` on older Node. */
const oneShot = (crypto as { hash?: (algorithm: string, data: Uint8Array, encoding: 'hex') => string }).hash;

/** SHA-1 and SHA-256 of DER bytes as upper-case hex (`IDPSigningCertificateThumbprint` form). No parsing. */
export function thumbprintsOf(der: Uint8Array): { sha1: string; sha256: string } {
  if (oneShot !== undefined) return { sha1: oneShot('sha1', der, 'hex').toUpperCase(), sha256: oneShot('sha256', der, 'hex').toUpperCase() };
  return {
    sha1: createHash('sha1').update(der).digest('hex').toUpperCase(),
    sha256: createHash('sha256').update(der).digest('hex').toUpperCase(),
  };
}

/**
 * Normalise a thumbprint as people paste it (`ab:cd:…`, `AB CD …`, with tabs or a
 * leading U+200E from the Windows certificate dialog): drop `:`, whitespace and
 * invisible marks, upper-case, and require 40 (SHA-1) or 64 (SHA-256) hex digits.
 * @throws {TypeError} when `s` is not a string.
 * @throws {CertError} `ERR_CERT_THUMBPRINT`
 */
export function normalizeThumbprint(s: string): string {
  if (typeof s !== 'string') throw new TypeError(`normalizeThumbprint: expected a string, got ${typeof s}`);
  const t = s.replace(/[\s:\u200e\u200f\ufeff]/g, '').toUpperCase();
  if (!/^(?:[0-9A-F]{40}|[0-9A-F]{64})$/.test(t)) {
    throw new CertError('ERR_CERT_THUMBPRINT', `Expected a SHA-1 (40 hex digits) or SHA-256 (64 hex digits) thumbprint, found ${/[^0-9A-F]/.test(t) ? 'non-hex characters' : `${t.length} hex digits`}`, {
      expected: '40 or 64 hex digits (colons and spaces allowed)',
      actual: s.length > 100 ? `${s.slice(0, 100)}…` : s,
    });
  }
  return t;
}
