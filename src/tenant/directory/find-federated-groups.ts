import type { Transport } from '../http/transport.js';
import { readTable } from '../read/table.js';
import { Shape } from '../read/shape.js';
import { bigPage } from '../roles/paging.js';
import type { FederatedGroup } from '../types.js';
import { getDirectoryServices } from './get-directory-services.js';

const ENDPOINT = '/UserMgmt/DirectoryServiceQuery';

/**
 * FDS groups by name: `POST /UserMgmt/DirectoryServiceQuery` with `directoryServices: [<FDS uuid>]`
 * and `group: "{\"SystemName\":{\"_like\":\"<name>\"}}"` (the filter is JSON *text*, tenant-api.md
 * §4.2 [D S1, O S6]). `_like` is a substring match: with `exact` only rows whose `SystemName`
 * equals `name` are kept ([O S6 GetIDByName]). Without `directoryServiceUuids` the FDS services
 * come from `core/GetDirectoryServices`.
 */
export async function findFederatedGroups(t: Transport, name: string, opts: { exact?: boolean; directoryServiceUuids?: readonly string[] } = {}): Promise<readonly FederatedGroup[]> {
  if (typeof name !== 'string' || name === '') throw new TypeError('findFederatedGroups: name must be a non-empty string');
  const dirs = opts.directoryServiceUuids ?? (await getDirectoryServices(t)).filter((d) => d.Service === 'FDS').map((d) => d.directoryServiceUuid);
  if (dirs.length === 0) return Object.freeze([]);
  const env = await t.call({ endpoint: ENDPOINT, kind: 'read', json: { directoryServices: [...dirs], group: JSON.stringify({ SystemName: { _like: name } }), Args: bigPage(1) } });
  const s = new Shape(ENDPOINT);
  const result = s.obj(env.Result, 'Result');
  if (result.Group === undefined || result.Group === null) return Object.freeze([]);
  const groups = readTable(result.Group, ENDPOINT, 'Result.Group').rows.map((row, i) => {
    const w = `Result.Group.Results[${i}].Row`;
    const out: Record<string, unknown> = { SystemName: s.nonEmpty(row.SystemName, `${w}.SystemName`), InternalName: s.nonEmpty(row.InternalName, `${w}.InternalName`) };
    for (const k of ['DisplayName', 'DirectoryServiceUuid', 'ServiceType'] as const) {
      const v = s.optStr(row[k], `${w}.${k}`);
      if (v !== undefined) out[k] = v;
    }
    return Object.freeze(out) as unknown as FederatedGroup;
  });
  return Object.freeze(opts.exact ? groups.filter((g) => g.SystemName === name) : groups);
}
