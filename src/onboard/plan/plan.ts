import type { DesiredState } from '../desired/types.js';
import type { TenantSnapshot } from '../snapshot.js';
import { planCustomer } from './customer.js';
import { planFederations } from './federations.js';
import { planGlobalMappings } from './globals.js';
import { planRoles } from './roles.js';
import type { Change, Plan, PlanProblem } from './types.js';

export interface PlanOptions {
  /** Remove what the files no longer name (docs/onboard.md "--prune"). Default false. */
  readonly prune?: boolean;
}

/**
 * The plan: desired state + tenant snapshot -> the ordered list of typed changes. PURE: no I/O, no
 * clock (the desired state was linted and gated when it was loaded). Order, which is also the apply
 * order: customer tenant, federations, global mappings, roles and their members, the login policy.
 * Blocked partners and conflicts with the tenant are reported, never thrown: `apply` refuses a plan
 * that has any.
 */
export function planChanges(desired: DesiredState, snapshot: TenantSnapshot, opts: PlanOptions = {}): Plan {
  const prune = opts.prune === true;
  const changes: Change[] = [];
  const problems: PlanProblem[] = [];
  const warnings: string[] = [];

  // The MSP part first (customer tenant, then what it holds): `apply` runs changes in plan order.
  const msp = planCustomer(desired, snapshot, prune, planChanges);
  changes.push(...msp.changes);
  problems.push(...msp.problems);
  warnings.push(...msp.warnings);

  const fed = planFederations(desired.partners, snapshot, prune);
  changes.push(...fed.changes);
  problems.push(...fed.problems);
  warnings.push(...fed.warnings);

  const globals = planGlobalMappings(desired.globalMappings, snapshot, prune);
  changes.push(...globals.changes);

  const roles = planRoles(desired.roles, desired.partners, desired.globalMappings, snapshot, prune);
  changes.push(...roles.changes);
  problems.push(...roles.problems);

  if (desired.mfa !== undefined) {
    const p = snapshot.policy;
    if (p === undefined) problems.push({ code: 'ERR_ONBOARD_TENANT_CONFLICT', message: `MFA for federated logins is wanted${desired.mfa.requiredBy.length ? ` (requireMfa: ${desired.mfa.requiredBy.join(', ')})` : ''} but the tenant has no login policy to set it on${desired.mfa.policy ? ` (${desired.mfa.policy} not found)` : ''}; name one with mfa.policy in the onboard file` });
    else if (p.federatedLoginAllowsMfa !== desired.mfa.enabled) changes.push({ kind: 'policy.mfa', policy: p.path, from: p.federatedLoginAllowsMfa, to: desired.mfa.enabled, requiredBy: desired.mfa.requiredBy });
  }

  return { changes, notManaged: [...msp.notManaged, ...fed.notManaged, ...globals.notManaged, ...roles.notManaged], blocked: [...msp.blocked, ...fed.blocked], problems, warnings, prune, ...(snapshot.customer ? { customerTenantId: snapshot.customer.tenantId } : {}) };
}
