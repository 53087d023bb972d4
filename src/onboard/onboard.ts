import type { TenantClient } from '../tenant/client-types.js';
import { applyPlan, type ApplyOptions, type ApplyResult } from './apply/apply.js';
import { loadDesiredState, type LoadedDesiredState } from './desired/load.js';
import { OnboardError } from './errors.js';
import { planDocument, type PlanDocument } from './format/document.js';
import { planChanges } from './plan/plan.js';
import type { Plan } from './plan/types.js';
import { readSnapshot } from './read.js';
import { snapshotFingerprint, type TenantSnapshot } from './snapshot.js';
import type { MetadataFetcher } from './deps.js';

export interface MakePlanOptions {
  /** Folder relative PATHs resolve against. Default: the current directory. */
  readonly cwd?: string;
  /** Clock for the lint gate and the plan's `createdAt`. Default `new Date()`. */
  readonly now?: Date;
  readonly prune?: boolean;
  readonly fetch?: MetadataFetcher;
}

/** A plan with everything it was made from. */
export interface MadePlan {
  readonly desired: LoadedDesiredState;
  readonly snapshot: TenantSnapshot;
  readonly plan: Plan;
  /** The JSON plan (`-f json`, `-o plan.json`). */
  readonly document: PlanDocument;
}

/** Load the files, read the tenant, plan (`samlfed onboard plan`). */
export async function makePlan(client: TenantClient, paths: readonly string[], opts: MakePlanOptions = {}): Promise<MadePlan> {
  const now = opts.now ?? new Date();
  const desired = await loadDesiredState(paths, { now, ...(opts.cwd !== undefined ? { cwd: opts.cwd } : {}), ...(opts.fetch ? { fetch: opts.fetch } : {}) });
  const snapshot = await readSnapshot(client, desired);
  const plan = planChanges(desired, snapshot, { prune: opts.prune === true });
  const document = planDocument(plan, { createdAt: now, ...(snapshot.tenantUrl ? { tenant: snapshot.tenantUrl } : {}), fingerprint: snapshotFingerprint(snapshot), desiredDigest: desired.digest, paths: desired.files });
  return { desired, snapshot, plan, document };
}

/**
 * Check a saved plan against the tenant and the files now: the tenant's state fingerprint and the
 * files' digest must be those the plan recorded, and planning again must give the same changes.
 * Otherwise `ERR_ONBOARD_PLAN_STALE` (nothing is sent). Returns the fresh plan to apply.
 */
export async function checkSavedPlan(client: TenantClient, saved: PlanDocument, opts: Omit<MakePlanOptions, 'prune'> = {}): Promise<MadePlan> {
  const fresh = await makePlan(client, saved.paths, { ...opts, prune: saved.prune });
  if (fresh.document.fingerprint !== saved.fingerprint) {
    throw new OnboardError('ERR_ONBOARD_PLAN_STALE', `the tenant changed since the plan was made (${saved.createdAt}): state ${fresh.document.fingerprint.slice(0, 12)}, the plan was made against ${saved.fingerprint.slice(0, 12)}. Run plan again.`, { expected: saved.fingerprint, actual: fresh.document.fingerprint });
  }
  if (fresh.document.desiredDigest !== saved.desiredDigest) {
    throw new OnboardError('ERR_ONBOARD_PLAN_STALE', `the files changed since the plan was made (${saved.createdAt}). Run plan again.`, { expected: saved.desiredDigest, actual: fresh.document.desiredDigest, files: saved.paths });
  }
  // `file` is shown as the PATH was given (relative or not): not part of the comparison.
  const same = (v: unknown) => JSON.stringify(v, (k, x: unknown) => (k === 'file' ? undefined : x));
  if (same(fresh.plan.changes) !== same(saved.changes)) {
    throw new OnboardError('ERR_ONBOARD_PLAN_STALE', 'planning again gives other changes than the saved plan (a certificate expired since?). Run plan again.', { details: { saved: saved.changes, now: fresh.plan.changes } });
  }
  return fresh;
}

export interface OnboardOptions extends MakePlanOptions, Omit<ApplyOptions, 'now'> {}

/** Plan and apply in one call (the library form of `samlfed onboard apply PATH...`). */
export async function onboard(client: TenantClient, paths: readonly string[], opts: OnboardOptions = {}): Promise<MadePlan & { readonly result: ApplyResult }> {
  const made = await makePlan(client, paths, opts);
  const result = await applyPlan(client, made.desired, made.plan, { ...opts, ...(opts.now ? { now: opts.now } : {}) });
  return { ...made, result };
}
