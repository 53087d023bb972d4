import type { GroupMapping } from '../../federation/manifest/types.js';
import type { Transport } from '../http/transport.js';
import { checkMapping, singleKeyBody } from './check.js';

/** `POST /Federation/AddGlobalGroupAssertionMapping {"<value>": "<group>"}` (tenant-api.md §3.7 [D S1]). A write. */
export async function addGlobalGroupMapping(t: Transport, mapping: GroupMapping): Promise<void> {
  await t.call({ endpoint: '/Federation/AddGlobalGroupAssertionMapping', kind: 'write', json: singleKeyBody(checkMapping(mapping, 'addGlobalGroupMapping')) });
}
