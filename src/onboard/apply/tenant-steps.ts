import type { TenantClient } from '../../tenant/client-types.js';
import type { GroupMapping } from '../../tenant/types.js';
import { OnboardError } from '../errors.js';
import { nameKey } from '../plan/match.js';
import type { Change } from '../plan/types.js';
import { MFA_SETTING, settingOn } from '../read.js';
import type { StepSpec } from './reconcile.js';

type Pick1<K extends Change['kind']> = Extract<Change, { kind: K }>;

/** Create the MSP customer tenant (msp-create-customer.txt): never twice, found again by its company name. */
export function customerTenantStep(change: Pick1<'customer-tenant.create'>, client: TenantClient): StepSpec<{ companies: string[] }> {
  const t = change.tenant;
  return {
    label: `create customer tenant ${JSON.stringify(t.company)}`,
    read: async () => ({ companies: (await client.listTenants()).map((r) => r.CompanyName ?? '') }),
    isDone: (s) => s.companies.some((c) => c.toLowerCase() === t.company.toLowerCase()),
    write: async () => {
      const alias = await client.getAliasAvailability(t.alias);
      if (alias.StatusCode === 'AliasInUse') throw new OnboardError('ERR_ONBOARD_TENANT_CONFLICT', `alias ${t.alias} of customer tenant ${JSON.stringify(t.company)} is in use${alias.Tenant ? ` by tenant ${alias.Tenant}` : ''}, which has another company name`);
      await client.createNewSmb({ company: t.company, customerName: t.contact, podRegion: t.region, adminUser: t.adminUser, initialAlias: t.alias, customerData: { Company: t.company } });
      // Login suffixes are NOT stored here: core/StoreAlias acts on the tenant it is called on (this
      // MSP tenant), and a session in the customer tenant needs its management link (docs/onboard.md "MSP").
    },
  };
}

const has = (list: readonly GroupMapping[], value: string, group: string) => list.some((m) => m.AttributeValue === value && nameKey(m.GroupName) === nameKey(group));

/** Add, change or remove one global mapping, one Add/Delete call at a time (tenant-api.md §3.7). */
export function globalMappingStep(change: Pick1<'global-mapping.add' | 'global-mapping.update' | 'global-mapping.remove'>, client: TenantClient): StepSpec<readonly GroupMapping[]> {
  const { value, group } = change;
  const others = (list: readonly GroupMapping[]) => list.filter((m) => m.AttributeValue === value && nameKey(m.GroupName) !== nameKey(group));
  if (change.kind === 'global-mapping.remove') {
    return { label: `remove global mapping ${JSON.stringify(value)} -> ${JSON.stringify(group)}`, read: () => client.getGlobalGroupMappings(), isDone: (l) => !has(l, value, group), write: () => client.deleteGlobalGroupMapping({ AttributeValue: value, GroupName: group }) };
  }
  return {
    label: `${change.kind === 'global-mapping.add' ? 'add' : 'update'} global mapping ${JSON.stringify(value)} -> ${JSON.stringify(group)}`,
    read: () => client.getGlobalGroupMappings(),
    isDone: (l) => has(l, value, group) && (change.kind === 'global-mapping.add' || others(l).length === 0),
    write: async (l) => {
      const stale = change.kind === 'global-mapping.update' ? others(l)[0] : undefined;
      // One value maps to one group: the old pair goes first, then the new one is added.
      if (stale) await client.deleteGlobalGroupMapping(stale);
      else await client.addGlobalGroupMapping({ AttributeValue: value, GroupName: group });
    },
  };
}

/** Create a role the files name (choice: docs/onboard.md "Roles"). */
export function roleStep(change: Pick1<'role.create'>, client: TenantClient): StepSpec<readonly string[]> {
  return {
    label: `create role ${JSON.stringify(change.role)}`,
    read: async () => (await client.listRoles()).map((r) => r.Name),
    isDone: (names) => names.some((n) => nameKey(n) === nameKey(change.role)),
    write: async () => {
      await client.storeRole({ Name: change.role, Description: 'Created by samlfed onboard', RoleType: 'PrincipalList' });
    },
  };
}

interface MemberState {
  readonly roleId?: string;
  readonly groupId?: string;
  readonly present: boolean;
}

/** Add or remove a federated group in a role (`Roles/UpdateRole` with the group's InternalName, §5). */
export function roleMemberStep(change: Pick1<'role-member.add' | 'role-member.remove'>, client: TenantClient, opts: { dryRun?: boolean } = {}): StepSpec<MemberState> {
  const add = change.kind === 'role-member.add';
  const label = `${add ? 'add' : 'remove'} group ${JSON.stringify(change.group)} ${add ? 'to' : 'from'} role ${JSON.stringify(change.role)}`;
  return {
    label,
    read: async () => {
      const role = (await client.listRoles()).find((r) => r.Name === change.role) ?? (await client.listRoles()).find((r) => nameKey(r.Name) === nameKey(change.role));
      const group = (await client.findFederatedGroups(change.group, { exact: true }))[0];
      if (!role || !group) return { ...(role ? { roleId: role.ID } : {}), ...(group ? { groupId: group.InternalName } : {}), present: false };
      const members = await client.getRoleMembers(role.ID);
      const present = members.some((m) => m.Type.toLowerCase() === 'group' && (m.Guid === group.InternalName || nameKey(m.Name ?? '') === nameKey(change.group)));
      return { roleId: role.ID, groupId: group.InternalName, present };
    },
    isDone: (s) => (add ? s.present : !s.present),
    write: async (s) => {
      // In a dry run the role or group may be created by an earlier step that was not sent: name them.
      const roleId = s.roleId ?? (opts.dryRun ? `<id of role ${change.role}>` : undefined);
      const groupId = s.groupId ?? (opts.dryRun ? `<id of group ${change.group}>` : undefined);
      if (roleId === undefined || groupId === undefined) throw new OnboardError('ERR_ONBOARD_TENANT_CONFLICT', `${label}: ${roleId === undefined ? `role ${JSON.stringify(change.role)}` : `federated group ${JSON.stringify(change.group)}`} not found in the tenant`);
      await client.updateRoleMembers(roleId, { groups: add ? { add: [groupId] } : { remove: [groupId] } });
    },
  };
}

/** Set `FederatedLoginAllowsMfa` on the login policy (the client reads the RevStamp and saves with it, §6.4). */
export function policyStep(change: Pick1<'policy.mfa'>, client: TenantClient): StepSpec<boolean> {
  return {
    label: `${change.to ? 'enable' : 'disable'} MFA for federated logins on ${JSON.stringify(change.policy)}`,
    read: async () => settingOn((await client.getPolicyBlock(change.policy)).Settings[MFA_SETTING]),
    isDone: (on) => on === change.to,
    write: async () => {
      await client.setFederatedLoginAllowsMfa(change.policy, change.to);
    },
  };
}
