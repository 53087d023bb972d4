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
    // entityID -> line of its first EntityDescriptor (0: none); a number, not an object, per entity.
    const first = new Map<string, number>();
    const out: RawFinding[] = [];
    for (const e of ctx.document.entities) {
      if (e.entityId === undefined || e.entityId === '') continue;
      const seen = first.get(e.entityId);
      if (seen === undefined) {
        first.set(e.entityId, e.line ?? 0);
        continue;
      }
      const where = seen !== 0 ? ` (first at line ${seen})` : '';
      const f: RawFinding = { message: `entityID ${short(e.entityId)} is already used by another EntityDescriptor${where}`, entityId: e.entityId };
      out.push({ ...f, ...(e.line !== undefined ? { line: e.line } : {}), ...(e.column !== undefined ? { column: e.column } : {}) });
    }
    return out;
  },
};
