import { SandboxError } from '../errors.js';
import { arg, type Ctx } from '../http/context.js';
import { ok, type Reply } from '../http/reply.js';
import { table } from '../http/table.js';
import type { TenantState } from '../state/model.js';
import { compileFilter } from './filter.js';

/** Directory service rows (tenant-api.md §4.1, note the lower-camel `directoryServiceUuid`). */
export function directoryRows(state: TenantState): Record<string, unknown>[] {
  return state.directoryServices.map((d) => ({
    Service: d.service,
    DisplayName: d.displayName,
    Tenant: state.tenant.id,
    Name: d.name,
    Status: 'Active',
    Config: d.displayName,
    StatusDisplay: 'Online',
    Everybody: true,
    Description: d.description,
    DisplayNameShort: d.name,
    directoryServiceUuid: d.uuid,
  }));
}

/** POST|GET /Core/GetDirectoryServices: a Redrock table, one row per directory service. */
export function getDirectoryServices(ctx: Ctx): Reply {
  return ok(table('DirectoryService', directoryRows(ctx.state), ctx.body, (r) => String(r['directoryServiceUuid'])));
}

/** FDS group rows as DirectoryServiceQuery returns them (tenant-api.md §4.2). */
export function groupRows(state: TenantState): Record<string, unknown>[] {
  const fds = state.directoryServices.find((d) => d.service === 'FDS')!;
  return state.fdsGroups.map((g) => ({ DisplayName: g.systemName, SystemName: g.systemName, InternalName: g.internalName, ServiceInstanceLocalized: fds.displayName, ServiceType: 'FDS', DirectoryServiceUuid: fds.uuid, ObjectType: 'Group' }));
}

function userRows(state: TenantState): Record<string, unknown>[] {
  return state.users.map((u) => {
    const ds = state.directoryServices.find((d) => d.service === u.directory)!;
    return { Description: '', DisplayName: u.displayName, ObjectType: 'User', DistinguishedName: u.name, DirectoryServiceUuid: ds.uuid, SystemName: u.name, ServiceInstance: ds.name, Locked: false, InternalName: u.uuid, StatusEnum: 'Active', ServiceInstanceLocalized: ds.displayName, ServiceType: ds.service, Forest: null, EMail: u.email, Status: 'Active', Enabled: true };
  });
}

function roleRows(state: TenantState): Record<string, unknown>[] {
  return state.roles.map((r) => ({ _ID: r.id, Name: r.name, Description: r.description, AdministrativeRights: [], IsHidden: false }));
}

function filterOf(ctx: Ctx, name: string): ((r: Record<string, unknown>) => boolean) | undefined {
  const v = arg(ctx, name);
  if (v === undefined || v === null) return undefined;
  let parsed: unknown = v;
  if (typeof v === 'string') {
    try {
      parsed = v.trim() === '' ? {} : JSON.parse(v);
    } catch {
      throw new SandboxError('ERR_SANDBOX_JSON_INVALID', `Unexpected character encountered while parsing value: ${v.trim().charAt(0) || 'end of input'}. Path '${name}', line 1, position 0.`);
    }
  }
  return compileFilter(parsed);
}

/**
 * POST /UserMgmt/DirectoryServiceQuery (tenant-api.md §4.2): filters are JSON strings; result
 * `{User, Group, roles}` tables for the filters present. `directoryServices` limits users and groups.
 */
export function directoryServiceQuery(ctx: Ctx): Reply {
  const { state } = ctx;
  const ds = arg(ctx, 'directoryServices');
  const allowed = Array.isArray(ds) && ds.length > 0 ? new Set(ds.map((x) => String(x).toUpperCase())) : undefined;
  const inDs = (r: Record<string, unknown>) => allowed === undefined || allowed.has(String(r['DirectoryServiceUuid']).toUpperCase());
  const result: Record<string, unknown> = {};
  const user = filterOf(ctx, 'user');
  const group = filterOf(ctx, 'group');
  const roles = filterOf(ctx, 'roles');
  if (user) result['User'] = table('User', userRows(state).filter((r) => inDs(r) && user(r)), ctx.body, (r) => String(r['InternalName']));
  if (group) result['Group'] = table('Group', groupRows(state).filter((r) => inDs(r) && group(r)), ctx.body, (r) => String(r['InternalName']));
  if (roles) result['roles'] = table('Role', roleRows(state).filter(roles), ctx.body, (r) => String(r['_ID']));
  return ok(result);
}
