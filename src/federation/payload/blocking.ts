import type { Certificate } from '../../certs/types.js';
import type { EntityDescriptor } from '../../metadata/model.js';
import type { Finding } from '../../metadata/lint/types.js';
import { signingCertificates } from '../deps.js';

/** Rules whose finding concerns one certificate (reported at its ds:X509Certificate or KeyDescriptor). */
const CERT_RULES = new Set(['cert-expired', 'cert-not-yet-valid', 'cert-expiring', 'cert-invalid', 'cert-weak-key', 'cert-sha1']);
/** Of those, the ones about dates: a signing certificate outside its validity is never trusted anyway. */
const DATE_RULES = new Set(['cert-expired', 'cert-not-yet-valid', 'cert-expiring']);

/**
 * Split the error findings of the IdP's metadata into those that block the payload and those that
 * do not, given the signing certificate that counts (`countingSigningCertificate`):
 * - a finding about an encryption-only key (a certificate that is not among the IdP's signing
 *   certificates) does not block: the tenant verifies signatures, it never encrypts to the partner;
 * - an expired or not-yet-valid signing certificate other than the one that counts (the old key of a
 *   rollover) does not block: a certificate outside its validity period is not trusted;
 * - everything else blocks, including any finding about the certificate that counts.
 */
export function splitBlockingFindings(findings: readonly Finding[], entity: EntityDescriptor, counting: Certificate): { blocking: Finding[]; excused: Finding[] } {
  const signing = new Set(entity.idpSsoDescriptors.flatMap((d) => signingCertificates(d)).map((c) => c.sha256Thumbprint));
  // Where each certificate of the entity is written (the rules report at the certificate, or at its KeyDescriptor).
  const at = new Map<string, Certificate>();
  for (const role of [...entity.idpSsoDescriptors, ...entity.spSsoDescriptors]) {
    for (const key of role.keyDescriptors) {
      for (const entry of key.certificates) {
        if (!entry.ok) continue;
        for (const node of [entry, key]) if (node.line !== undefined) at.set(`${node.line}:${node.column ?? 0}`, entry.certificate);
      }
    }
  }
  const blocking: Finding[] = [];
  const excused: Finding[] = [];
  for (const f of findings) {
    if (f.severity !== 'error') continue;
    const cert = CERT_RULES.has(f.ruleId) && f.entityId === entity.entityId && f.line !== undefined ? at.get(`${f.line}:${f.column ?? 0}`) : undefined;
    const doesNotCount = cert !== undefined && cert.sha256Thumbprint !== counting.sha256Thumbprint && (!signing.has(cert.sha256Thumbprint) || DATE_RULES.has(f.ruleId));
    (doesNotCount ? excused : blocking).push(f);
  }
  return { blocking, excused };
}
