import { docsPath, type EntityRule, type RawFinding } from '../rule.js';
import { at, certificates, certLabel, useLabel } from '../util.js';

/** RFC 9155 / NIST SP 800-131A: SHA-1 signatures are deprecated. */
export const rule: EntityRule = {
  id: 'cert-sha1',
  scope: 'entity',
  defaultSeverity: 'warning',
  description: 'A certificate is signed with SHA-1 (e.g. sha1WithRSAEncryption).',
  docs: docsPath('cert-sha1'),
  check(entity): RawFinding[] {
    const out: RawFinding[] = [];
    for (const { entry, key } of certificates(entity)) {
      if (!entry.ok || !/sha-?1(?![0-9])/i.test(entry.certificate.signatureAlgorithm)) continue;
      out.push({ message: `${certLabel(entry)} (${useLabel(key)}) is signed with ${entry.certificate.signatureAlgorithm}`, ...at(entry.line !== undefined ? entry : key) });
    }
    return out;
  },
};
