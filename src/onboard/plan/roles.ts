import type { DesiredPartner, RoleMembership } from '../desired/types.js';
import type { GroupMapping } from '../../federation/manifest/types.js';
import type { TenantSnapshot } from '../snapshot.js';
import { nameKey } from './match.js';
import type { Change, PlanProblem, Unmanaged } from './types.js';

/**
 * Roles: a role the files name that the tenant lacks is created (choice: docs/onboard.md "Roles"),
 * then each host group is added to its roles. In a role the files name, a federated (FDS) group
 * member the files do not name is not managed (removed with `prune`); other members (users, AD
 * groups, roles) are never touched. A host group that no mapping creates and the tenant does not
 * have cannot be added: a problem.
 */
export function planRoles(roles: readonly RoleMembership[], partners: readonly DesiredPartner[], globalMappings: readonly GroupMapping[] | undefined, snapshot: TenantSnapshot, prune: boolean): { changes: Change[]; notManaged: Unmanaged[]; problems: PlanProblem[] } {
  const changes: Change[] = [];
  const notManaged: Unmanaged[] = [];
  const problems: PlanProblem[] = [];
  const groups = new Set(snapshot.fdsGroups.map(nameKey));
  for (const p of partners) if (!p.blocked) for (const m of p.mappings) groups.add(nameKey(m.GroupName));
  for (const m of globalMappings ?? []) groups.add(nameKey(m.GroupName));
  const blockedGroups = new Set(partners.filter((p) => p.blocked).flatMap((p) => p.mappings.map((m) => nameKey(m.GroupName))));

  const roleNames: string[] = [];
  for (const r of roles) if (!roleNames.some((n) => nameKey(n) === nameKey(r.role))) roleNames.push(r.role);
  const creates: Change[] = [];
  const adds: Change[] = [];
  const removes: Change[] = [];
  for (const roleName of roleNames) {
    const existing = snapshot.roles.find((r) => r.name === roleName) ?? snapshot.roles.find((r) => nameKey(r.name) === nameKey(roleName));
    if (!existing) creates.push({ kind: 'role.create', role: roleName });
    const members = roles.filter((r) => nameKey(r.role) === nameKey(roleName));
    for (const { group } of members) {
      if (existing?.groups.some((g) => nameKey(g.name) === nameKey(group))) continue;
      if (!groups.has(nameKey(group))) {
        // A blocked partner's group is reported with the partner; only other gaps are problems here.
        if (!blockedGroups.has(nameKey(group))) problems.push({ code: 'ERR_ONBOARD_TENANT_CONFLICT', message: `host group ${JSON.stringify(group)} (for role ${JSON.stringify(roleName)}) is not created by any mapping in the files and is not a federated group in the tenant` });
        continue;
      }
      adds.push({ kind: 'role-member.add', role: existing?.name ?? roleName, group });
    }
    if (!existing) continue;
    for (const g of existing.groups) {
      if (!snapshot.fdsGroups.some((f) => nameKey(f) === nameKey(g.name))) continue;
      if (members.some((m) => nameKey(m.group) === nameKey(g.name))) continue;
      if (prune) removes.push({ kind: 'role-member.remove', role: existing.name, group: g.name });
      else notManaged.push({ kind: 'role-member', role: existing.name, group: g.name });
    }
  }
  changes.push(...creates, ...adds, ...removes);
  return { changes, notManaged, problems };
}
