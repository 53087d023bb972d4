import { SamlfedError, type ErrorContext } from '../errors.js';

/**
 * Codes for `samlfed/onboard` (`samlfed onboard plan|apply`). Documented in docs/errors/onboard.md.
 * Syntax and value errors inside the desired-state files are `ManifestError`s (`ERR_MANIFEST_*`,
 * with file, line:column and field path); these codes are about the state as a whole.
 */
export type OnboardErrorCode =
  /** A PATH names no partner manifest and no onboard file, or cannot be read. */
  | 'ERR_ONBOARD_NO_INPUT'
  /** The files contradict each other: two partners with one name or domain, two onboard files, MFA off but a partner requires it. */
  | 'ERR_ONBOARD_CONFLICT'
  /** The lint gate (or a pinned thumbprint, or an unreadable certificate) blocks one or more partners. */
  | 'ERR_ONBOARD_BLOCKED'
  /** The tenant holds something the plan cannot reconcile: a domain owned by a federation the files do not name, no login policy to set MFA on. */
  | 'ERR_ONBOARD_TENANT_CONFLICT'
  /** A saved plan file is not a samlfed plan (syntax, version, shape). */
  | 'ERR_ONBOARD_PLAN_INVALID'
  /** A saved plan was made against another tenant state (fingerprint) or other files. */
  | 'ERR_ONBOARD_PLAN_STALE'
  /** A step's write was sent (or its outcome was unknown) and the state read back still differs after the allowed attempts. */
  | 'ERR_ONBOARD_NOT_CONVERGED';

export interface OnboardErrorContext extends ErrorContext {
  /** Files the problem concerns. */
  readonly files?: readonly string[];
  /** Details for JSON output (blocked partners and their findings, conflicting names). */
  readonly details?: unknown;
}

/** The desired state, a saved plan or the tenant's state cannot be onboarded as asked. */
export class OnboardError extends SamlfedError<OnboardErrorCode> {
  readonly files?: readonly string[];
  readonly details?: unknown;

  constructor(code: OnboardErrorCode, message: string, context: OnboardErrorContext = {}) {
    super(code, message, context);
    if (context.files !== undefined) this.files = context.files;
    if (context.details !== undefined) this.details = context.details;
  }
}
