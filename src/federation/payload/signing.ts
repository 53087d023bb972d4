import type { Certificate } from '../../certs/types.js';
import { PayloadError } from '../errors.js';
import { countingSigningCertificate } from './counting-cert.js';

/** The IdP signing certificate the payload is built around, with what was checked. */
export interface SigningSelection {
  /** SHA-1 (40 upper hex) of the certificate sent as `IDPSigningCertificateThumbprint`. */
  readonly thumbprint: string;
  readonly certificate: Certificate;
  /** SHA-1 thumbprints of every IdP signing certificate found (rollover metadata lists several). */
  readonly thumbprints: readonly string[];
  readonly warnings: readonly string[];
}

/**
 * Choose the IdP signing certificate with `countingSigningCertificate` (the pin, else the one valid
 * at `now`, else the first) and turn its verdict into errors: a pin that matches nothing is
 * `ERR_PAYLOAD_THUMBPRINT_MISMATCH` (the message shows the pin and what was found), no certificate
 * at all `ERR_PAYLOAD_NO_SIGNING_CERT`.
 */
export function selectSigningCertificate(certs: readonly Certificate[], expectedThumbprint: string | undefined, where: string, now: Date): SigningSelection {
  const verdict = countingSigningCertificate(certs, { expectedThumbprint, now });
  if (verdict.kind === 'none') throw new PayloadError('ERR_PAYLOAD_NO_SIGNING_CERT', `${where}: expected at least one IdP signing certificate (KeyDescriptor use="signing" or without use, whose certificate parses), found none`, { expected: 'at least one signing certificate', actual: 0 });
  if (verdict.kind === 'pin-not-found') {
    throw new PayloadError('ERR_PAYLOAD_THUMBPRINT_MISMATCH', `${where}: expected an IdP signing certificate with SHA-1 ${verdict.expectedThumbprint} (expectedThumbprint), found ${verdict.found.join(', ')}. Do not build this federation until the partner confirms the certificate out of band.`, { expected: verdict.expectedThumbprint, actual: verdict.found });
  }
  const certificate = verdict.certificate;
  const thumbprints = [...new Set(certs.map((c) => c.sha1Thumbprint))];
  const warnings: string[] = [];
  if (thumbprints.length > 1) {
    const why = verdict.kind === 'pinned' ? 'the pinned one' : verdict.kind === 'valid' ? `the first one valid at ${now.toISOString()}; pin expectedThumbprint to choose` : `none is valid at ${now.toISOString()}: the first one`;
    warnings.push(`the IdP lists ${thumbprints.length} signing certificates (${thumbprints.join(', ')}); IDPSigningCertificateThumbprint carries ${certificate.sha1Thumbprint} (${why})`);
  }
  return { thumbprint: certificate.sha1Thumbprint, certificate, thumbprints, warnings };
}
