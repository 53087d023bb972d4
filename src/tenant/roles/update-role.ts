import type { Transport } from '../http/transport.js';
import type { RoleMemberChanges } from '../types.js';

const ENDPOINT = '/Roles/UpdateRole';

function ids(list: readonly string[] | undefined, what: string): string[] {
  if (list === undefined) return [];
  if (!Array.isArray(list) || list.some((x) => typeof x !== 'string' || x === '')) throw new TypeError(`updateRoleMembers: ${what} must be an array of non-empty ids`);
  return [...list];
}

/**
 * `POST /Roles/UpdateRole {"Name": <role id>, "Users"|"Groups"|"Roles": {"Add": [], "Delete": []}}`
 * (tenant-api.md §5 [D S1, S5]); only the member kinds that change are sent ([O S6, S8]). For an FDS
 * group, pass its InternalName. A write.
 */
export async function updateRoleMembers(t: Transport, roleId: string, changes: RoleMemberChanges): Promise<void> {
  if (typeof roleId !== 'string' || roleId === '') throw new TypeError('updateRoleMembers: roleId must be a non-empty string');
  const body: Record<string, unknown> = { Name: roleId };
  for (const [key, c] of [['Users', changes.users], ['Groups', changes.groups], ['Roles', changes.roles]] as const) {
    if (!c) continue;
    const add = ids(c.add, `${key}.add`);
    const del = ids(c.remove, `${key}.remove`);
    if (add.length + del.length > 0) body[key] = { Add: add, Delete: del };
  }
  if (Object.keys(body).length === 1) throw new TypeError('updateRoleMembers: nothing to add or remove');
  await t.call({ endpoint: ENDPOINT, kind: 'write', json: body });
}
