import { docsPath, type EntityRule, type RawFinding } from '../rule.js';
import { at, certificates, useLabel } from '../util.js';

/** xmldsig-core §4.4.4: X509Certificate holds a base64 DER X.509 certificate (RFC 5280). */
export const rule: EntityRule = {
  id: 'cert-invalid',
  scope: 'entity',
  defaultSeverity: 'error',
  description: 'A ds:X509Certificate in a KeyDescriptor is not a certificate that parses.',
  docs: docsPath('cert-invalid'),
  check(entity): RawFinding[] {
    const out: RawFinding[] = [];
    for (const { entry, key } of certificates(entity)) {
      if (entry.ok) continue;
      out.push({ message: `X509Certificate in a KeyDescriptor (${useLabel(key)}) does not parse: ${entry.error.code}: ${entry.error.message}`, ...at(entry.line !== undefined ? entry : key) });
    }
    return out;
  },
};
