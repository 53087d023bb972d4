import { keyOf } from '../http/body.js';
import { arg, strArg, type Ctx } from '../http/context.js';
import { fail, ok, type Reply } from '../http/reply.js';
import { table } from '../http/table.js';
import { MSG } from '../messages.js';
import type { Role, TenantState } from '../state/model.js';

type Kind = 'User' | 'Group' | 'Role';

function findRole(state: TenantState, idOrName: string): Role | undefined {
  const l = idOrName.toLowerCase();
  return state.roles.find((r) => r.id.toLowerCase() === l) ?? state.roles.find((r) => r.name.toLowerCase() === l);
}

/** Resolve a member reference (id, or a name: tenant-api.md §5 "Specify Groupnames or Group Unique Id"). */
function resolveMember(state: TenantState, kind: Kind, ref: unknown): string | undefined {
  if (typeof ref !== 'string' || ref.trim() === '') return undefined;
  const l = ref.trim().toLowerCase();
  if (kind === 'Group') return state.fdsGroups.find((g) => g.internalName.toLowerCase() === l || g.systemName.toLowerCase() === l)?.internalName;
  if (kind === 'User') return state.users.find((u) => u.uuid.toLowerCase() === l || u.name.toLowerCase() === l)?.uuid;
  return findRole(state, ref.trim())?.id;
}

function missing(kind: Kind, ref: unknown): string {
  const s = String(ref);
  return kind === 'Group' ? MSG.groupMissing(s) : kind === 'User' ? MSG.userMissing(s) : MSG.roleMissing(s);
}

/** Apply adds and deletes to a role's members; the first unknown reference refuses the whole call. */
function applyMembers(state: TenantState, role: Role, changes: { kind: Kind; add: unknown[]; del: unknown[] }[]): string | undefined {
  const plan: { kind: Kind; id: string; add: boolean }[] = [];
  for (const c of changes) {
    for (const [list, add] of [[c.add, true], [c.del, false]] as const) {
      for (const ref of list) {
        const id = resolveMember(state, c.kind, ref);
        if (!id) return missing(c.kind, ref);
        plan.push({ kind: c.kind, id, add });
      }
    }
  }
  for (const p of plan) {
    const i = role.members.findIndex((m) => m.type === p.kind && m.id === p.id);
    if (p.add && i < 0) role.members.push({ type: p.kind, id: p.id });
    if (!p.add && i >= 0) role.members.splice(i, 1);
  }
  return undefined;
}

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** POST /SaasManage/StoreRole ≡ /Roles/StoreRole (tenant-api.md §5) -> `{_RowKey}`. */
export function storeRole(ctx: Ctx): Reply {
  const { state } = ctx;
  const name = strArg(ctx, 'Name');
  if (!name) return fail(MSG.parameterRequired('Name'));
  if (state.roles.some((r) => r.name.toLowerCase() === name.toLowerCase())) return fail(MSG.roleExists(name), { errorCode: '1409' });
  const role: Role = { id: ctx.rt.rng.uuid(), name, description: strArg(ctx, 'Description') ?? '', roleType: strArg(ctx, 'RoleType') ?? 'PrincipalList', readOnly: false, members: [] };
  const err = applyMembers(state, role, [
    { kind: 'User', add: asList(arg(ctx, 'Users')), del: [] },
    { kind: 'Group', add: asList(arg(ctx, 'Groups')), del: [] },
    { kind: 'Role', add: asList(arg(ctx, 'Roles')), del: [] },
  ]);
  if (err) return fail(err);
  state.roles.push(role);
  ctx.rt.commit();
  return ok({ _RowKey: role.id });
}

/** POST /SaasManage/GetRole ≡ /Roles/GetRole `{name: <role id>}` (tenant-api.md §5). */
export function getRole(ctx: Ctx): Reply {
  const id = strArg(ctx, 'name');
  if (!id) return fail(MSG.parameterRequired('Name'));
  const r = findRole(ctx.state, id);
  if (!r) return fail(MSG.roleMissing(id));
  const suppress = arg(ctx, 'suppressPrincipalsList');
  const prefix = { User: 'u', Group: 'g', Role: 'r' } as const;
  return ok({
    ReadOnly: r.readOnly,
    Description: r.description,
    DirectoryServiceUuid: ctx.state.directoryServices.find((d) => d.service === 'CDS')!.uuid,
    _RowKey: r.id,
    RoleType: r.roleType,
    Name: r.name,
    Uuid: r.id,
    ...(suppress === true || suppress === 'true' ? {} : { Principals: r.members.map((m) => `${prefix[m.type]}=${m.id}`) }),
  });
}

/** POST /SaasManage/GetRoleMembers ≡ /Roles/GetRoleMembers (tenant-api.md §5): table of `{Guid, Name, Type}`. */
export function getRoleMembers(ctx: Ctx): Reply {
  const id = strArg(ctx, 'name');
  const r = id ? findRole(ctx.state, id) : undefined;
  if (!r) return fail(MSG.roleMembersMissing());
  const s = ctx.state;
  const nameOf = (m: Role['members'][number]) =>
    m.type === 'User' ? s.users.find((u) => u.uuid === m.id)?.name : m.type === 'Group' ? s.fdsGroups.find((g) => g.internalName === m.id)?.systemName : s.roles.find((x) => x.id === m.id)?.name;
  const rows = r.members.map((m) => ({ Guid: m.id, Name: nameOf(m) ?? m.id, Type: m.type }));
  return ok(table('RoleMember', rows, ctx.body, (x) => String(x['Guid']), ['Guid', 'Name', 'Type']));
}

function addDelete(v: unknown): { add: unknown[]; del: unknown[] } {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return { add: [], del: [] };
  return { add: asList(keyOf(v as Record<string, unknown>, 'Add')), del: asList(keyOf(v as Record<string, unknown>, 'Delete')) };
}

/** POST /Roles/UpdateRole ≡ /SaasManage/UpdateRole (tenant-api.md §5): `Users|Groups|Roles: {Add, Delete}`; `Users` not required. */
export function updateRole(ctx: Ctx): Reply {
  const id = strArg(ctx, 'Name');
  if (!id) return fail(MSG.parameterRequired('Name'));
  const { state } = ctx;
  const role = findRole(state, id);
  if (!role) return fail(MSG.roleMissing(id));
  const err = applyMembers(state, role, [
    { kind: 'User', ...addDelete(arg(ctx, 'Users')) },
    { kind: 'Group', ...addDelete(arg(ctx, 'Groups')) },
    { kind: 'Role', ...addDelete(arg(ctx, 'Roles')) },
  ]);
  if (err) return fail(err);
  const newName = strArg(ctx, 'NewName');
  if (newName) {
    if (state.roles.some((r) => r !== role && r.name.toLowerCase() === newName.toLowerCase())) return fail(MSG.roleExists(newName), { errorCode: '1409' });
    role.name = newName;
  }
  const description = arg(ctx, 'Description');
  if (typeof description === 'string') role.description = description;
  ctx.rt.commit();
  return ok(null);
}

/** POST /SaasManage/AddUsersAndGroupsToRole and RemoveUsersAndGroupsFromRole: plain arrays of ids or names. */
export function changeMembers(add: boolean): (ctx: Ctx) => Reply {
  return (ctx) => {
    const id = strArg(ctx, 'Name');
    if (!id) return fail(MSG.parameterRequired('Name'));
    const role = findRole(ctx.state, id);
    if (!role) return fail(MSG.roleMissing(id));
    const lists = (['User', 'Group', 'Role'] as const).map((kind) => {
      const v = asList(arg(ctx, `${kind}s`));
      return { kind, add: add ? v : [], del: add ? [] : v };
    });
    const err = applyMembers(ctx.state, role, lists);
    if (err) return fail(err);
    ctx.rt.commit();
    return ok(null);
  };
}

/** POST /SaasManage/DeleteRole `{Name: <role id>}`. Built-in roles are read-only. */
export function deleteRole(ctx: Ctx): Reply {
  const id = strArg(ctx, 'Name');
  if (!id) return fail(MSG.parameterRequired('Name'));
  const { state } = ctx;
  const role = findRole(state, id);
  if (!role) return fail(MSG.roleMissing(id));
  if (role.readOnly) return fail(`The role "${role.name}" is read-only.`);
  state.roles.splice(state.roles.indexOf(role), 1);
  for (const r of state.roles) r.members = r.members.filter((m) => !(m.type === 'Role' && m.id === role.id));
  ctx.rt.commit();
  return ok(null);
}
