import type { Certificate } from '../../certs/types.js';
import { PayloadError } from '../errors.js';

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
 * Choose the IdP signing certificate and enforce a pinned `expectedThumbprint`: with a pin, the
 * certificate whose SHA-1 matches it (none -> `ERR_PAYLOAD_THUMBPRINT_MISMATCH`, expected vs found);
 * without one, the first certificate in document order.
 */
export function selectSigningCertificate(certs: readonly Certificate[], expectedThumbprint: string | undefined, where: string): SigningSelection {
  if (certs.length === 0) throw new PayloadError('ERR_PAYLOAD_NO_SIGNING_CERT', `${where}: expected at least one IdP signing certificate (KeyDescriptor use="signing" or without use, whose certificate parses), found none`, { expected: 'at least one signing certificate', actual: 0 });
  const thumbprints = [...new Set(certs.map((c) => c.sha1Thumbprint))];
  const warnings: string[] = [];
  let certificate = certs[0]!;
  if (expectedThumbprint !== undefined) {
    const match = certs.find((c) => c.sha1Thumbprint === expectedThumbprint);
    if (!match) {
      throw new PayloadError('ERR_PAYLOAD_THUMBPRINT_MISMATCH', `${where}: expected an IdP signing certificate with SHA-1 ${expectedThumbprint} (expectedThumbprint), found ${thumbprints.join(', ')}. Do not build this federation until the partner confirms the certificate out of band.`, { expected: expectedThumbprint, actual: thumbprints });
    }
    certificate = match;
  }
  if (thumbprints.length > 1) {
    warnings.push(`the IdP lists ${thumbprints.length} signing certificates (${thumbprints.join(', ')}); IDPSigningCertificateThumbprint carries ${certificate.sha1Thumbprint}${expectedThumbprint ? ' (the pinned one)' : ' (the first; pin expectedThumbprint to choose)'}`);
  }
  return { thumbprint: certificate.sha1Thumbprint, certificate, thumbprints, warnings };
}
