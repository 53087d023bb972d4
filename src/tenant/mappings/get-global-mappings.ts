import type { GroupMapping } from '../../federation/manifest/types.js';
import type { Transport } from '../http/transport.js';
import { Shape } from '../read/shape.js';

const ENDPOINT = '/Federation/GetGlobalGroupAssertionMappings';

/** `POST /Federation/GetGlobalGroupAssertionMappings {"Args":{"Caching":-1}}` → `{Mappings: [{AttributeValue, GroupName}]}` (tenant-api.md §3.7 [O S6]). */
export async function getGlobalGroupMappings(t: Transport): Promise<readonly GroupMapping[]> {
  const env = await t.call({ endpoint: ENDPOINT, kind: 'read', json: { Args: { Caching: -1 } } });
  const s = new Shape(ENDPOINT);
  if (env.Result === null) return Object.freeze([]);
  const r = s.obj(env.Result, 'Result');
  if (r.Mappings === null || r.Mappings === undefined) return Object.freeze([]);
  return Object.freeze(s.arr(r.Mappings, 'Result.Mappings').map((m, i) => {
    const o = s.obj(m, `Result.Mappings[${i}]`);
    return Object.freeze({ AttributeValue: s.nonEmpty(o.AttributeValue, `Result.Mappings[${i}].AttributeValue`), GroupName: s.nonEmpty(o.GroupName, `Result.Mappings[${i}].GroupName`) });
  }));
}
