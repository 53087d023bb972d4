import type { DesiredState } from '../desired/types.js';
import { DEFAULT_POLICY } from '../read.js';
import type { TenantSnapshot } from '../snapshot.js';
import { ambiguousCompany, customerTenantsNamed } from './company.js';
import type { BlockedPartner, Change, PlanProblem, Unmanaged } from './types.js';

/** Roles every new tenant has [I] (the sandbox's seed; the product's built-ins). */
export const BUILT_IN_ROLES = ['System Administrator', 'Everybody'] as const;

/**
 * A customer tenant that does not exist yet, as the planner sees it: no federations, mappings or
 * groups, the built-in roles, the default policy with `FederatedLoginAllowsMfa` off. Everything the
 * section wants inside it is then "to create".
 */
export function freshTenantSnapshot(desired: DesiredState | undefined): TenantSnapshot {
  return {
    federations: [],
    globalMappings: [],
    fdsGroups: [],
    roles: BUILT_IN_ROLES.map((name) => ({ id: '', name, groups: [] })),
    ...(desired?.mfa ? { policy: { path: desired.mfa.policy ?? DEFAULT_POLICY, federatedLoginAllowsMfa: false, revStamp: '' } } : {}),
  };
}

export interface CustomerPlan {
  readonly changes: Change[];
  readonly notManaged: Unmanaged[];
  readonly blocked: BlockedPartner[];
  readonly problems: PlanProblem[];
  readonly warnings: string[];
}

type Planner = (desired: DesiredState, snapshot: TenantSnapshot, opts: { prune?: boolean }) => { changes: readonly Change[]; notManaged: readonly Unmanaged[]; blocked: readonly BlockedPartner[]; problems: readonly PlanProblem[]; warnings: readonly string[] };

/**
 * The MSP part of the plan (docs/onboard.md "MSP"), first in apply order: create the customer
 * tenant when no tenant has its company name; then, inside it (scope `customer`), add the login
 * suffixes it lacks and plan its own desired state (the tenant-to-tenant federation, roles, MFA)
 * with the same planner against its snapshot, or against a fresh tenant when it does not exist yet.
 */
export function planCustomer(desired: DesiredState, snapshot: TenantSnapshot, prune: boolean, plan: Planner): CustomerPlan {
  const out: CustomerPlan = { changes: [], notManaged: [], blocked: [], problems: [], warnings: [] };
  const ct = desired.customerTenant;
  if (ct === undefined) return out;
  const label = `customer tenant ${JSON.stringify(ct.company)}`;
  if (snapshot.customerTenants === undefined) {
    out.warnings.push('the snapshot has no customer tenant list: the customerTenant section was not checked');
    return out;
  }
  const named = customerTenantsNamed(snapshot.customerTenants, ct.company);
  if (named.length > 1) {
    // Which one is meant is not for samlfed to guess: each would get the customer-scoped changes.
    out.problems.push({ code: 'ERR_ONBOARD_TENANT_CONFLICT', message: ambiguousCompany(ct.company, named.map((t) => t.id)) });
    return out;
  }
  const existing = named[0];
  if (!existing) out.changes.push({ kind: 'customer-tenant.create', tenant: ct });
  const manages = desired.customer !== undefined || ct.loginSuffixes.length > 0;
  if (!manages) return out;
  if (existing && snapshot.customer === undefined) {
    out.warnings.push(`${label}: its state was not read (no management-link session): what the section wants inside it was not checked`);
    return out;
  }
  const inside: TenantSnapshot = existing ? snapshot.customer! : freshTenantSnapshot(desired.customer);
  for (const suffix of [...new Set(ct.loginSuffixes.map((s) => s.toLowerCase()))]) {
    if (!existing) {
      if (suffix !== ct.alias.toLowerCase()) out.changes.push({ kind: 'login-suffix.add', suffix, scope: 'customer' });
      continue;
    }
    const owner = snapshot.customer!.loginSuffixes.find((l) => l.suffix === suffix)?.owner ?? null;
    if (owner === null) out.changes.push({ kind: 'login-suffix.add', suffix, scope: 'customer' });
    else if (owner.toLowerCase() !== existing.id.toLowerCase()) out.problems.push({ code: 'ERR_ONBOARD_TENANT_CONFLICT', message: `${label}: login suffix ${suffix} is in use by tenant ${owner}` });
  }
  if (desired.customer === undefined) return out;
  const sub = plan(desired.customer, inside, { prune });
  out.changes.push(...sub.changes.map((c) => ({ ...c, scope: 'customer' as const })));
  out.notManaged.push(...sub.notManaged.map((u) => ({ ...u, scope: 'customer' as const })));
  out.blocked.push(...sub.blocked.map((b) => ({ ...b, scope: 'customer' as const })));
  out.problems.push(...sub.problems.map((p) => ({ ...p, message: `${label}: ${p.message}` })));
  out.warnings.push(...sub.warnings.map((w) => `${label}: ${w}`));
  return out;
}
