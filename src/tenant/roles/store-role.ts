import type { Transport } from '../http/transport.js';
import { Shape } from '../read/shape.js';
import type { StoreRoleInput } from '../types.js';

const ENDPOINT = '/SaasManage/StoreRole';

/** `POST /SaasManage/StoreRole {"Name", ...}` → the new role's id from `Result._RowKey` (tenant-api.md §5 [D S1, S5]). A write. */
export async function storeRole(t: Transport, input: StoreRoleInput): Promise<string> {
  if (typeof input?.Name !== 'string' || input.Name.trim() === '') throw new TypeError('storeRole: Name must be a non-empty string');
  const body: Record<string, unknown> = { Name: input.Name };
  if (input.Description !== undefined) body.Description = input.Description;
  if (input.RoleType !== undefined) body.RoleType = input.RoleType;
  const env = await t.call({ endpoint: ENDPOINT, kind: 'write', json: body });
  const s = new Shape(ENDPOINT);
  return s.nonEmpty(s.obj(env.Result, 'Result')._RowKey, 'Result._RowKey');
}
