import type { Plan } from '../plan/types.js';
import { changeAction } from '../plan/types.js';

/** `format` of a plan document (the JSON output and the saved plan file). */
export const PLAN_FORMAT = 'samlfed-onboard-plan';
/** Version of the plan document schema (docs/onboard.md "JSON plan"). */
export const PLAN_VERSION = 1;

/** The JSON plan: printed by `plan -f json`, saved by `plan -o FILE`, read back by `apply FILE`. */
export interface PlanDocument extends Omit<Plan, never> {
  readonly format: typeof PLAN_FORMAT;
  readonly version: typeof PLAN_VERSION;
  /** ISO-8601 time the plan was made. */
  readonly createdAt: string;
  /** Tenant URL the snapshot was read from. */
  readonly tenant: string | null;
  /** `snapshotFingerprint` of the tenant state the plan was made against. */
  readonly fingerprint: string;
  /** `DesiredState.digest` of the files the plan was made from. */
  readonly desiredDigest: string;
  /** The PATHs as absolute paths (what `apply FILE` loads again). */
  readonly paths: readonly string[];
  readonly summary: { readonly create: number; readonly update: number; readonly remove: number; readonly notManaged: number; readonly blocked: number; readonly problems: number };
}

/** Counts by action. */
export function summarise(plan: Plan): PlanDocument['summary'] {
  const count = (a: string) => plan.changes.filter((c) => changeAction(c) === a).length;
  return { create: count('create'), update: count('update'), remove: count('remove'), notManaged: plan.notManaged.length, blocked: plan.blocked.length, problems: plan.problems.length };
}

/** Wrap a plan with what a saved plan needs to be checked before it is applied. */
export function planDocument(plan: Plan, meta: { createdAt: Date; tenant?: string; fingerprint: string; desiredDigest: string; paths: readonly string[] }): PlanDocument {
  return {
    format: PLAN_FORMAT,
    version: PLAN_VERSION,
    createdAt: meta.createdAt.toISOString(),
    tenant: meta.tenant ?? null,
    fingerprint: meta.fingerprint,
    desiredDigest: meta.desiredDigest,
    paths: [...meta.paths],
    prune: plan.prune,
    summary: summarise(plan),
    changes: plan.changes,
    notManaged: plan.notManaged,
    blocked: plan.blocked,
    problems: plan.problems,
    warnings: plan.warnings,
  };
}
