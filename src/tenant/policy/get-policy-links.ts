import type { Transport } from '../http/transport.js';
import { readTable } from '../read/table.js';
import { Shape } from '../read/shape.js';
import { bigPage } from '../roles/paging.js';
import type { PolicyLink, PolicyLinks } from '../types.js';

const ENDPOINT = '/Policy/GetNicePlinks';

/** `POST /Policy/GetNicePlinks {"Args"}` → the ordered policy links and the list's `RevStamp` (tenant-api.md §6.2 [D S1]). */
export async function getPolicyLinks(t: Transport): Promise<PolicyLinks> {
  const env = await t.call({ endpoint: ENDPOINT, kind: 'read', json: { Args: bigPage(1) } });
  const s = new Shape(ENDPOINT);
  const r = s.obj(env.Result, 'Result');
  const links = readTable(r, ENDPOINT).rows.map((row, i): PolicyLink => {
    const w = `Result.Results[${i}].Row`;
    const out: Record<string, unknown> = {
      PolicySet: s.nonEmpty(row.PolicySet, `${w}.PolicySet`),
      LinkType: s.nonEmpty(row.LinkType, `${w}.LinkType`),
      Params: Object.freeze(row.Params === undefined || row.Params === null ? [] : s.arr(row.Params, `${w}.Params`)),
      raw: row,
    };
    const id = s.optStr(row.ID, `${w}.ID`);
    if (id !== undefined) out.ID = id;
    const d = s.optStr(row.Description, `${w}.Description`);
    if (d !== undefined) out.Description = d;
    return Object.freeze(out) as unknown as PolicyLink;
  });
  return Object.freeze({ RevStamp: s.str(r.RevStamp, 'Result.RevStamp'), links: Object.freeze(links) });
}
