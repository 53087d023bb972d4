import type { Transport } from '../http/transport.js';
import { Shape } from '../read/shape.js';
import type { RoleMember } from '../types.js';
import { pagedTable } from './paging.js';

const ENDPOINT = '/SaasManage/GetRoleMembers';

/** `POST /SaasManage/GetRoleMembers {"name": <role id>, "Args"}` → rows `{Guid, Name, Type}` (tenant-api.md §5 [D S5, O S6]). */
export async function getRoleMembers(t: Transport, roleId: string): Promise<readonly RoleMember[]> {
  if (typeof roleId !== 'string' || roleId === '') throw new TypeError('getRoleMembers: roleId must be a non-empty string');
  const table = await pagedTable(t, ENDPOINT, { name: roleId });
  const s = new Shape(ENDPOINT);
  return Object.freeze(table.rows.map((row, i) => {
    const w = `Result.Results[${i}].Row`;
    const out: Record<string, unknown> = { Guid: s.nonEmpty(row.Guid, `${w}.Guid`), Type: s.nonEmpty(row.Type, `${w}.Type`) };
    const n = s.optStr(row.Name, `${w}.Name`);
    if (n !== undefined) out.Name = n;
    return Object.freeze(out) as unknown as RoleMember;
  }));
}
