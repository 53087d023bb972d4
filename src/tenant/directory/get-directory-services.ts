import type { Transport } from '../http/transport.js';
import { readTable } from '../read/table.js';
import { Shape } from '../read/shape.js';
import type { DirectoryService } from '../types.js';

const ENDPOINT = '/Core/GetDirectoryServices';

/** `POST /Core/GetDirectoryServices` → one row per directory service; note the row's lower-camel `directoryServiceUuid` (tenant-api.md §4.1 [D S1]). */
export async function getDirectoryServices(t: Transport): Promise<readonly DirectoryService[]> {
  const env = await t.call({ endpoint: ENDPOINT, kind: 'read', json: { Args: { Caching: -1 } } });
  const s = new Shape(ENDPOINT);
  return Object.freeze(readTable(env.Result, ENDPOINT).rows.map((row, i) => {
    const w = `Result.Results[${i}].Row`;
    const out: Record<string, unknown> = { Service: s.nonEmpty(row.Service, `${w}.Service`), Name: s.str(row.Name, `${w}.Name`), directoryServiceUuid: s.nonEmpty(row.directoryServiceUuid, `${w}.directoryServiceUuid`) };
    for (const k of ['DisplayName', 'Status'] as const) {
      const v = s.optStr(row[k], `${w}.${k}`);
      if (v !== undefined) out[k] = v;
    }
    return Object.freeze(out) as unknown as DirectoryService;
  }));
}
