import { docsPath, type EntityRule, type RawFinding } from '../rule.js';
import { at, roles, short } from '../util.js';

/** SAML metadata 2.0 §2.4.1.1: KeyDescriptor `use` is `signing` or `encryption` (KeyTypes), or absent. */
export const rule: EntityRule = {
  id: 'key-use-invalid',
  scope: 'entity',
  defaultSeverity: 'error',
  description: 'A KeyDescriptor has a use value other than "signing" or "encryption", so its key counts for neither.',
  docs: docsPath('key-use-invalid'),
  check(entity): RawFinding[] {
    const out: RawFinding[] = [];
    for (const role of roles(entity)) {
      for (const key of role.keyDescriptors) {
        if (key.useAsWritten === undefined) continue;
        out.push({ message: `KeyDescriptor use=${short(key.useAsWritten, 60)} is not "signing" or "encryption"; consumers ignore this key (or guess)`, ...at(key) });
      }
    }
    return out;
  },
};
