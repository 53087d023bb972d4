import type { Transport } from '../http/transport.js';
import { Shape } from '../read/shape.js';
import type { RoleDetail } from '../types.js';

const ENDPOINT = '/SaasManage/GetRole';

/** `POST /SaasManage/GetRole {"name": <role id>, "suppressPrincipalsList": false}` (tenant-api.md §5 [D S1]). */
export async function getRole(t: Transport, roleId: string): Promise<RoleDetail> {
  if (typeof roleId !== 'string' || roleId === '') throw new TypeError('getRole: roleId must be a non-empty string');
  const env = await t.call({ endpoint: ENDPOINT, kind: 'read', json: { name: roleId, suppressPrincipalsList: false, Args: { PageNumber: 1, Limit: 1, PageSize: 1, Caching: -1 } } });
  const s = new Shape(ENDPOINT);
  const r = s.obj(env.Result, 'Result');
  const out: Record<string, unknown> = { Name: s.str(r.Name, 'Result.Name') };
  for (const k of ['Uuid', '_RowKey', 'RoleType'] as const) {
    const v = s.optStr(r[k], `Result.${k}`);
    if (v !== undefined) out[k] = v;
  }
  for (const k of ['Description', 'DirectoryServiceUuid'] as const) {
    const v = s.strOrNull(r[k], `Result.${k}`);
    if (v !== undefined) out[k] = v;
  }
  const ro = s.optBool(r.ReadOnly, 'Result.ReadOnly');
  if (ro !== undefined) out.ReadOnly = ro;
  if (r.Principals !== undefined && r.Principals !== null) out.Principals = Object.freeze(s.strings(r.Principals, 'Result.Principals'));
  return Object.freeze(out) as unknown as RoleDetail;
}
