import { docsPath, type DocumentRule, type RawFinding } from '../rule.js';
import { validityNodes } from '../util.js';
import { parseDateTime } from '../../../xml/datetime.js';

/**
 * SAML metadata 2.0 §2.3.1/§2.3.2/§2.4.1: validUntil is the instant after which the element
 * (and everything in it) must no longer be relied on.
 */
export const rule: DocumentRule = {
  id: 'valid-until-expired',
  scope: 'document',
  defaultSeverity: 'error',
  description: 'A validUntil (document root, nested EntitiesDescriptor, entity or role) is in the past.',
  docs: docsPath('valid-until-expired'),
  check(ctx): RawFinding[] {
    const out: RawFinding[] = [];
    for (const n of validityNodes(ctx.document.root)) {
      const d = parseDateTime(n.validUntil);
      if (d === undefined || d.getTime() >= ctx.now.getTime()) continue;
      const { what, validUntil, ...pos } = n;
      out.push({ message: `${what} validUntil ${validUntil.trim()} is in the past (now ${ctx.now.toISOString()}): the metadata ${what.includes('root') ? 'document has' : 'element has'} expired`, ...pos });
    }
    return out;
  },
};
