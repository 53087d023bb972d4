import { formatIsoDate, formatTenantDate } from './date.js';
import type { Certificate, KeyInfo } from './types.js';

/** A certificate as the `certs` command and lint reports show it (all plain JSON values). */
export interface CertificateReport {
  readonly subject: string;
  readonly issuer: string;
  readonly serialNumber: string;
  /** ISO 8601 UTC, e.g. `2024-01-01T00:00:00Z`. */
  readonly notBefore: string;
  readonly notAfter: string;
  /** Tenant display form, e.g. `1/1/2024 12:00:00 AM` (UTC). */
  readonly notBeforeDisplay: string;
  readonly notAfterDisplay: string;
  /** Whole days from `now` until notAfter, rounded down; negative once expired. */
  readonly daysLeft: number;
  /** `now` is after notAfter (RFC 5280 §4.1.2.5: the validity period is inclusive). */
  readonly expired: boolean;
  /** `now` is before notBefore. */
  readonly notYetValid: boolean;
  readonly sha1Thumbprint: string;
  readonly sha256Thumbprint: string;
  readonly key: KeyInfo;
  /** e.g. `RSA 2048 bits`, `EC P-256 (256 bits)`. */
  readonly keyDescription: string;
  readonly signatureAlgorithm: string;
  readonly selfSigned: boolean;
}

const DAY_MS = 86_400_000;

/** `RSA 2048 bits`, `EC P-384 (384 bits)`, `Ed25519`. */
export function describeKey(key: KeyInfo): string {
  if (key.type === 'EC') return `EC ${key.curve} (${key.bits} bits)`;
  if (key.type === 'Ed25519' || key.type === 'Ed448') return key.type;
  return key.bits > 0 ? `${key.type} ${key.bits} bits` : key.type;
}

/**
 * Report on `cert` as of `now` (a `Date`, or `{ now }`).
 * @throws {TypeError} when `now` is not a valid Date.
 */
export function describeCertificate(cert: Certificate, now: Date | { readonly now: Date }): CertificateReport {
  const at = now instanceof Date ? now : now?.now;
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) throw new TypeError('describeCertificate: `now` must be a valid Date');
  const t = at.getTime();
  return {
    subject: cert.subject,
    issuer: cert.issuer,
    serialNumber: cert.serialNumber,
    notBefore: formatIsoDate(cert.notBefore),
    notAfter: formatIsoDate(cert.notAfter),
    notBeforeDisplay: formatTenantDate(cert.notBefore),
    notAfterDisplay: formatTenantDate(cert.notAfter),
    daysLeft: Math.floor((cert.notAfter.getTime() - t) / DAY_MS),
    expired: t > cert.notAfter.getTime(),
    notYetValid: t < cert.notBefore.getTime(),
    sha1Thumbprint: cert.sha1Thumbprint,
    sha256Thumbprint: cert.sha256Thumbprint,
    key: { ...cert.key },
    keyDescription: describeKey(cert.key),
    signatureAlgorithm: cert.signatureAlgorithm,
    selfSigned: cert.selfSigned,
  };
}
