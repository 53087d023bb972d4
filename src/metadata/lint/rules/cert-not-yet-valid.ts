import { docsPath, type EntityRule, type RawFinding } from '../rule.js';
import { at, certificates, certLabel, day, useLabel } from '../util.js';

/** RFC 5280 §4.1.2.5: a certificate is not valid before notBefore. */
export const rule: EntityRule = {
  id: 'cert-not-yet-valid',
  scope: 'entity',
  defaultSeverity: 'error',
  description: 'A certificate in a KeyDescriptor is not valid yet (notBefore is in the future).',
  docs: docsPath('cert-not-yet-valid'),
  check(entity, ctx): RawFinding[] {
    const out: RawFinding[] = [];
    for (const { entry, key } of certificates(entity)) {
      if (!entry.ok || entry.certificate.notBefore.getTime() <= ctx.now.getTime()) continue;
      out.push({ message: `${certLabel(entry)} (${useLabel(key)}) is not valid before ${day(entry.certificate.notBefore)}`, ...at(entry.line !== undefined ? entry : key) });
    }
    return out;
  },
};
