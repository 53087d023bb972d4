import { docsPath, type DocumentRule, type RawFinding } from '../rule.js';
import { short, validityNodes } from '../util.js';
import { parseDateTime } from '../../../xml/datetime.js';

/** SAML metadata 2.0 §2.3.1: validUntil is an xs:dateTime (XML Schema Part 2 §3.2.7). */
export const rule: DocumentRule = {
  id: 'valid-until-invalid',
  scope: 'document',
  defaultSeverity: 'error',
  description: 'A validUntil attribute is not an xs:dateTime, so the expiry cannot be checked.',
  docs: docsPath('valid-until-invalid'),
  check(ctx): RawFinding[] {
    const out: RawFinding[] = [];
    for (const n of validityNodes(ctx.document.root)) {
      if (parseDateTime(n.validUntil) !== undefined) continue;
      const { what, validUntil, ...pos } = n;
      out.push({ message: `${what} validUntil ${short(validUntil)} is not an xs:dateTime (expected e.g. 2027-01-01T00:00:00Z)`, ...pos });
    }
    return out;
  },
};
