import type { GroupMapping } from '../../federation/manifest/types.js';
import type { Transport } from '../http/transport.js';
import { checkMapping } from './check.js';

/** `POST /Federation/UpdateGlobalGroupAssertionMappings {"Mappings": [...]}`: replaces the whole list (tenant-api.md §3.7 [O S6]). A write. */
export async function updateGlobalGroupMappings(t: Transport, mappings: readonly GroupMapping[]): Promise<void> {
  if (!Array.isArray(mappings)) throw new TypeError('updateGlobalGroupMappings: mappings must be an array');
  const seen = new Set<string>();
  const list = mappings.map((m) => {
    checkMapping(m, 'updateGlobalGroupMappings');
    if (seen.has(m.AttributeValue)) throw new TypeError(`updateGlobalGroupMappings: attribute value ${JSON.stringify(m.AttributeValue)} given twice`);
    seen.add(m.AttributeValue);
    return { AttributeValue: m.AttributeValue, GroupName: m.GroupName };
  });
  await t.call({ endpoint: '/Federation/UpdateGlobalGroupAssertionMappings', kind: 'write', json: { Mappings: list } });
}
