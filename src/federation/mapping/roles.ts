export interface RoleAssignment {
  /** Roles the user gets, deduplicated, in host-group order then manifest order. */
  readonly roles: readonly string[];
  readonly byGroup: readonly { readonly group: string; readonly roles: readonly string[] }[];
  /**
   * Host groups with no role in the manifest. The tenant docs require each host group to be a
   * member of at least one role, so these need attention (or are assigned outside the manifest).
   */
  readonly groupsWithoutRoles: readonly string[];
}

/** Roles for the host groups a user was mapped to, from the manifest's `roles` (host group -> roles). */
export function rolesForHostGroups(hostGroups: readonly string[], roles: Readonly<Record<string, readonly string[]>> | undefined): RoleAssignment {
  const all: string[] = [];
  const byGroup: { group: string; roles: readonly string[] }[] = [];
  const without: string[] = [];
  for (const group of hostGroups) {
    const list = roles !== undefined && Object.prototype.hasOwnProperty.call(roles, group) ? roles[group] ?? [] : [];
    if (list.length === 0) without.push(group);
    byGroup.push({ group, roles: list });
    for (const r of list) if (!all.includes(r)) all.push(r);
  }
  return { roles: all, byGroup, groupsWithoutRoles: without };
}
