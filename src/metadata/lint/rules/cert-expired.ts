import { docsPath, type EntityRule, type RawFinding } from '../rule.js';
import { at, certificates, certLabel, day, useLabel } from '../util.js';

/** RFC 5280 §4.1.2.5: a certificate is not valid after notAfter. */
export const rule: EntityRule = {
  id: 'cert-expired',
  scope: 'entity',
  defaultSeverity: 'error',
  description: 'A certificate in a KeyDescriptor has expired (notAfter is in the past).',
  docs: docsPath('cert-expired'),
  check(entity, ctx): RawFinding[] {
    const out: RawFinding[] = [];
    for (const { entry, key } of certificates(entity)) {
      if (!entry.ok || entry.certificate.notAfter.getTime() >= ctx.now.getTime()) continue;
      out.push({ message: `${certLabel(entry)} (${useLabel(key)}) expired on ${day(entry.certificate.notAfter)}`, ...at(entry.line !== undefined ? entry : key) });
    }
    return out;
  },
};
