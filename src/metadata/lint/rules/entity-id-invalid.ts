import { docsPath, type EntityRule, type RawFinding } from '../rule.js';
import { at, short } from '../util.js';

// SAML core 2.0 §8.3.6: an entity identifier is a URI of at most 1024 characters.
const MAX = 1024;
// RFC 3986 §3.1: scheme ":" ...
const ABSOLUTE_URI = /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/;

/** SAML metadata 2.0 §2.3.2: `entityID` is required and is an entity identifier (core §8.3.6). */
export const rule: EntityRule = {
  id: 'entity-id-invalid',
  scope: 'entity',
  defaultSeverity: 'error',
  description: 'entityID is missing, not an absolute URI, contains whitespace, or is longer than 1024 characters.',
  docs: docsPath('entity-id-invalid'),
  check(entity): RawFinding[] {
    const id = entity.entityId;
    if (id === undefined || id === '') {
      return [{ message: `EntityDescriptor has ${id === undefined ? 'no' : 'an empty'} entityID attribute; expected an absolute URI of at most ${MAX} characters`, ...at(entity) }];
    }
    const problems: string[] = [];
    if (id !== id.trim()) problems.push('has leading or trailing whitespace');
    else if (/\s/.test(id)) problems.push('contains whitespace');
    if (!ABSOLUTE_URI.test(id.trim())) problems.push('is not an absolute URI (expected scheme:..., e.g. https://idp.example.com/saml or urn:...)');
    if (id.length > MAX) problems.push(`is ${id.length} characters long (at most ${MAX} allowed)`);
    if (problems.length === 0) return [];
    return [{ message: `entityID ${short(id)} ${problems.join(', ')}`, ...at(entity) }];
  },
};
