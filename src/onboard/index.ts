/**
 * `samlfed/onboard`: federation as code for a tenant (docs/onboard.md). Load the desired state from
 * files (`loadDesiredState`), read the tenant (`readSnapshot`), plan (`planChanges`, pure) and apply
 * (`applyPlan`), idempotently and safely under faults.
 */
export { OnboardError, type OnboardErrorCode, type OnboardErrorContext } from './errors.js';
export type { DesiredState, DesiredPartner, CertInfo, GateResult, CustomerTenantSpec, RoleMembership } from './desired/types.js';
export { parseOnboardConfig, ONBOARD_KEYS, type OnboardConfig } from './desired/config.js';
export { findDesiredFiles, ONBOARD_FILE, PARTNER_FILE, type FoundFiles } from './desired/find.js';
export { loadDesiredState, type LoadDesiredOptions, type LoadedDesiredState } from './desired/load.js';
export { readPartner, type LoadedPartner, type ReadPartnerOptions } from './desired/partner.js';
export { lintGate, type GateDecision } from './gate.js';
export { snapshotFingerprint, type TenantSnapshot, type SnapshotFederation, type SnapshotRole, type SnapshotPolicy } from './snapshot.js';
export { planChanges, type PlanOptions } from './plan/plan.js';
export { changeAction, type Plan, type Change, type ChangeKind, type Unmanaged, type BlockedPartner, type PlanProblem, type MappingPair, type ListChange } from './plan/types.js';
export { formatPlanText, changeLines } from './format/text.js';
export { planDocument, summarise, PLAN_FORMAT, PLAN_VERSION, type PlanDocument } from './format/document.js';
export { readSnapshot, toSnapshotFederation, choosePolicy, MFA_SETTING, DEFAULT_POLICY } from './read.js';
export { applyPlan, stepFor, type ApplyOptions, type ApplyResult, type StepEvent } from './apply/apply.js';
export { reconcile, MAX_ATTEMPTS, type StepSpec, type StepOutcome } from './apply/reconcile.js';
export { recordingClient, formatDryRequest, type DryRequest } from './apply/dry-run.js';
export { readPlanDocument, MAX_PLAN_BYTES } from './saved-plan.js';
export { makePlan, checkSavedPlan, onboard, type MakePlanOptions, type MadePlan, type OnboardOptions } from './onboard.js';
