import type { GroupMapping } from '../../federation/manifest/types.js';

/** A caller's mapping must have non-empty string AttributeValue and GroupName (else `TypeError`). */
export function checkMapping(m: GroupMapping, what: string): GroupMapping {
  if (typeof m !== 'object' || m === null || typeof m.AttributeValue !== 'string' || m.AttributeValue === '' || typeof m.GroupName !== 'string' || m.GroupName === '') {
    throw new TypeError(`${what}: a mapping needs a non-empty AttributeValue and GroupName`);
  }
  return m;
}

/** The single-key body of Add/Delete (`{"<attribute value>": "<host group>"}`, tenant-api.md §3.7 [D S1]), safe for any key, `__proto__` included. */
export function singleKeyBody(m: GroupMapping): Record<string, string> {
  const body: Record<string, string> = {};
  Object.defineProperty(body, m.AttributeValue, { value: m.GroupName, enumerable: true, writable: true, configurable: true });
  return body;
}
