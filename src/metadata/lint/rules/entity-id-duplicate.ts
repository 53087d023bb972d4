import { docsPath, type DocumentRule, type RawFinding } from '../rule.js';
import { short } from '../util.js';

/** SAML metadata 2.0 §2.3.2: an entityID identifies exactly one entity; an aggregate must not list it twice. */
export const rule: DocumentRule = {
  id: 'entity-id-duplicate',
  scope: 'document',
  defaultSeverity: 'error',
  description: 'The same entityID appears on more than one EntityDescriptor in the document.',
  docs: docsPath('entity-id-duplicate'),
  check(ctx): RawFinding[] {
    const first = new Map<string, { line?: number }>();
    const out: RawFinding[] = [];
    for (const e of ctx.document.entities) {
      if (e.entityId === undefined || e.entityId === '') continue;
      const seen = first.get(e.entityId);
      if (seen === undefined) {
        first.set(e.entityId, { ...(e.line !== undefined ? { line: e.line } : {}) });
        continue;
      }
      const where = seen.line !== undefined ? ` (first at line ${seen.line})` : '';
      const f: RawFinding = { message: `entityID ${short(e.entityId)} is already used by another EntityDescriptor${where}`, entityId: e.entityId };
      out.push({ ...f, ...(e.line !== undefined ? { line: e.line } : {}), ...(e.column !== undefined ? { column: e.column } : {}) });
    }
    return out;
  },
};
