import { docsPath, type EntityRule, type RawFinding } from '../rule.js';
import { at, certificates, certLabel, day, useLabel } from '../util.js';

const DAY_MS = 86_400_000;

/** RFC 5280 §4.1.2.5: warn before notAfter so the partner can roll the key over in time. */
export const rule: EntityRule = {
  id: 'cert-expiring',
  scope: 'entity',
  defaultSeverity: 'warning',
  description: 'A certificate in a KeyDescriptor expires within the warning window (default 30 days).',
  docs: docsPath('cert-expiring'),
  check(entity, ctx): RawFinding[] {
    const out: RawFinding[] = [];
    const now = ctx.now.getTime();
    for (const { entry, key } of certificates(entity)) {
      if (!entry.ok) continue;
      const left = entry.certificate.notAfter.getTime() - now;
      if (left < 0 || left > ctx.expiryWarningDays * DAY_MS) continue;
      const days = Math.floor(left / DAY_MS);
      out.push({ message: `${certLabel(entry)} (${useLabel(key)}) expires on ${day(entry.certificate.notAfter)}, in ${days} day${days === 1 ? '' : 's'}`, ...at(entry.line !== undefined ? entry : key) });
    }
    return out;
  },
};
