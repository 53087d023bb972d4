import type { GroupMapping } from '../../federation/manifest/types.js';
import type { Transport } from '../http/transport.js';
import { checkMapping, singleKeyBody } from './check.js';

/** `POST /Federation/DeleteGlobalGroupAssertionMapping {"<value>": "<group>"}` (tenant-api.md §3.7 [O S6]). A write. */
export async function deleteGlobalGroupMapping(t: Transport, mapping: GroupMapping): Promise<void> {
  await t.call({ endpoint: '/Federation/DeleteGlobalGroupAssertionMapping', kind: 'write', json: singleKeyBody(checkMapping(mapping, 'deleteGlobalGroupMapping')) });
}
