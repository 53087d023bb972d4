import type { Transport } from '../http/transport.js';
import { Shape } from '../read/shape.js';
import type { PageArgs, RoleRow } from '../types.js';
import { query } from './query.js';

/** The documented role query (tenant-api.md §4.3 [D S1]), verbatim. */
export const ROLES_SCRIPT = 'Select ID, COALESCE(Name, ID) AS Name, RoleType, ReadOnly, Description, DirectoryServiceUuid from Role ORDER BY Name COLLATE NOCASE';

/** Read one role row of the documented query. */
export function readRoleRow(row: Readonly<Record<string, unknown>>, endpoint: string, where: string): RoleRow {
  const s = new Shape(endpoint);
  const out: Record<string, unknown> = { ID: s.nonEmpty(row.ID, `${where}.ID`), Name: s.str(row.Name, `${where}.Name`) };
  const rt = s.optStr(row.RoleType, `${where}.RoleType`);
  if (rt !== undefined) out.RoleType = rt;
  const ro = s.optBool(row.ReadOnly, `${where}.ReadOnly`);
  if (ro !== undefined) out.ReadOnly = ro;
  const d = s.strOrNull(row.Description, `${where}.Description`);
  if (d !== undefined) out.Description = d;
  const ds = s.strOrNull(row.DirectoryServiceUuid, `${where}.DirectoryServiceUuid`);
  if (ds !== undefined) out.DirectoryServiceUuid = ds;
  return Object.freeze(out) as unknown as RoleRow;
}

/** Every role (`RedRock/query` with `ROLES_SCRIPT`, paged). */
export async function listRoles(t: Transport, args?: PageArgs): Promise<readonly RoleRow[]> {
  const table = await query(t, ROLES_SCRIPT, args);
  return Object.freeze(table.rows.map((r, i) => readRoleRow(r, '/RedRock/query', `Result.Results[${i}].Row`)));
}
