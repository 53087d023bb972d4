import type { TenantClient } from '../../tenant/client-types.js';
import type { GlobalFederationSettings } from '../../tenant/read/settings.js';
import type { LoadedDesiredState } from '../desired/load.js';
import { OnboardError } from '../errors.js';
import type { Change, Plan } from '../plan/types.js';
import { federationDeleteStep, federationStep, type FederationStepContext } from './federation-steps.js';
import { customerAccess, loginSuffixStep, type CustomerAccess } from './customer-access.js';
import { reconcile, type StepOutcome, type StepSpec } from './reconcile.js';
import { customerTenantStep, globalMappingStep, policyStep, roleMemberStep, roleStep } from './tenant-steps.js';

/** Progress of one step (stderr lines in the CLI). */
export interface StepEvent {
  /** 1-based. */
  readonly index: number;
  readonly total: number;
  readonly change: Change;
  readonly label: string;
  readonly status: 'start' | 'retry' | StepOutcome | 'failed';
  /** For `retry`: the error that made the step re-read; for `failed`: why it stopped. */
  readonly error?: unknown;
  /** For `planned` without a request (a dry run inside a customer tenant not created yet): why. */
  readonly note?: string;
}

export interface ApplyOptions {
  /** Clock for the payload (certificate validity). Default `new Date()`. */
  readonly now?: Date;
  readonly onStep?: (e: StepEvent) => void;
  /** The client records writes instead of sending them (`--dry-run`; see `recordingClient`). */
  readonly dryRun?: boolean;
  /** Called with each CreateFederation payload's reviewable view before it is sent. */
  readonly onPayload?: FederationStepContext['onPayload'];
}

/** What `applyPlan` did. On failure `failed` is set and `notRun` holds the steps after it. */
export interface ApplyResult {
  readonly done: readonly Change[];
  /** Already in place when the step read the tenant (another run, or a partial commit, made it). */
  readonly already: readonly Change[];
  /** Dry run: the steps whose request was printed. */
  readonly planned: readonly Change[];
  readonly failed?: { readonly change: Change; readonly label: string; readonly error: unknown };
  readonly notRun: readonly Change[];
}

/** The step for a change. Exported for the dry run and tests. */
export function stepFor(change: Change, client: TenantClient, ctx: FederationStepContext, dryRun: boolean, customer?: CustomerAccess): StepSpec<unknown> {
  switch (change.kind) {
    case 'login-suffix.add':
      if (!customer) throw new TypeError('stepFor: a login-suffix change needs the customer tenant');
      return loginSuffixStep(change.suffix, customer) as StepSpec<unknown>;
    case 'customer-tenant.create':
      return customerTenantStep(change, client) as StepSpec<unknown>;
    case 'federation.create':
    case 'federation.update':
      return federationStep(change, ctx) as StepSpec<unknown>;
    case 'federation.delete':
      return federationDeleteStep(change, client) as StepSpec<unknown>;
    case 'global-mapping.add':
    case 'global-mapping.update':
    case 'global-mapping.remove':
      return globalMappingStep(change, client) as StepSpec<unknown>;
    case 'role.create':
      return roleStep(change, client) as StepSpec<unknown>;
    case 'role-member.add':
    case 'role-member.remove':
      return roleMemberStep(change, client, { dryRun }) as StepSpec<unknown>;
    case 'policy.mfa':
      return policyStep(change, client) as StepSpec<unknown>;
  }
}

/**
 * Apply a plan's changes in order (customer tenant, federations, global mappings, roles, policy).
 * Each step re-reads the state it depends on first and writes only what is missing (`reconcile`),
 * so a run can be repeated after any failure and converges. A plan with blocked partners or
 * problems is refused (`ERR_ONBOARD_BLOCKED`) before anything is sent. The first step that fails
 * stops the run: the result says what was done and what was not (it does not throw).
 */
export async function applyPlan(client: TenantClient, desired: LoadedDesiredState, plan: Plan, opts: ApplyOptions = {}): Promise<ApplyResult> {
  if (plan.blocked.length > 0 || plan.problems.length > 0) {
    const what = [...plan.blocked.map((b) => `partner ${JSON.stringify(b.name)} is blocked: ${b.reason}`), ...plan.problems.map((p) => p.message)];
    throw new OnboardError('ERR_ONBOARD_BLOCKED', `expected a plan without blocked partners or problems, found ${what.length}:\n  ${what.join('\n  ')}`, { details: { blocked: plan.blocked, problems: plan.problems } });
  }
  const now = opts.now ?? new Date();
  let settings: Promise<GlobalFederationSettings> | undefined;
  const ctx: FederationStepContext = {
    client,
    partners: desired.partners,
    settings: () => (settings ??= client.getGlobalFederationSettings()),
    now,
    ...(opts.onPayload ? { onPayload: opts.onPayload } : {}),
  };
  // Changes inside the customer tenant go through its management-link session, opened on first use.
  const ct = desired.customerTenant;
  const access = ct ? customerAccess(client, ct.company, plan.customerTenantId) : undefined;
  let customerSettings: Promise<GlobalFederationSettings> | undefined;
  const customerCtx: FederationStepContext | undefined = access && {
    ...ctx,
    client: access.client,
    partners: desired.customer?.partners ?? [],
    settings: () => (customerSettings ??= access.client.getGlobalFederationSettings()),
  };
  // A dry run cannot read inside a customer tenant that is not created yet: its steps are only listed.
  const notCreated = plan.changes.some((c) => c.kind === 'customer-tenant.create');
  const done: Change[] = [];
  const already: Change[] = [];
  const planned: Change[] = [];
  const total = plan.changes.length;
  for (let i = 0; i < total; i++) {
    const change = plan.changes[i]!;
    let label = change.kind as string;
    try {
      const inCustomer = change.scope === 'customer';
      const step = inCustomer ? stepFor(change, access!.client, customerCtx!, opts.dryRun === true, access) : stepFor(change, client, ctx, opts.dryRun === true, access);
      label = inCustomer && !step.label.includes('customer tenant') ? `${step.label} in the customer tenant` : step.label;
      if (inCustomer && opts.dryRun === true && notCreated) {
        planned.push(change);
        opts.onStep?.({ index: i + 1, total, change, label, status: 'planned', note: 'no request shown: the customer tenant does not exist yet' });
        continue;
      }
      opts.onStep?.({ index: i + 1, total, change, label, status: 'start' });
      const outcome = await reconcile(step, { dryRun: opts.dryRun === true, onRetry: (_attempt, error) => opts.onStep?.({ index: i + 1, total, change, label, status: 'retry', error }) });
      (outcome === 'done' ? done : outcome === 'already' ? already : planned).push(change);
      opts.onStep?.({ index: i + 1, total, change, label, status: outcome });
    } catch (error) {
      // A settings read that failed must not be reused by the next run's step.
      settings = undefined;
      customerSettings = undefined;
      opts.onStep?.({ index: i + 1, total, change, label, status: 'failed', error });
      return { done, already, planned, failed: { change, label, error }, notRun: plan.changes.slice(i + 1) };
    }
  }
  return { done, already, planned, notRun: [] };
}
