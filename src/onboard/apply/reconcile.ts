import { isTenantError } from '../../tenant/errors.js';
import { OnboardError } from '../errors.js';

/** How a step ended. */
export type StepOutcome = 'done' | 'already' | 'planned';

/** One step as `reconcile` runs it: read the state, decide, write the next missing piece. */
export interface StepSpec<S> {
  /** Short description for messages. */
  readonly label: string;
  /** Read the state this step depends on (reads only; the client retries them). */
  readonly read: () => Promise<S>;
  /** True when the change is in place in `state`. */
  readonly isDone: (state: S) => boolean;
  /** Send the next write that moves `state` towards done (one request). */
  readonly write: (state: S) => Promise<void>;
}

/** Attempts (read, then write) per step before giving up. */
export const MAX_ATTEMPTS = 3;

/**
 * Make one change safely: read, stop if it is already in place, else send ONE write, then read
 * again. A write whose outcome is unknown (`ERR_TENANT_OUTCOME_UNKNOWN`: a timeout, a dropped
 * connection, a 5xx after the body was sent, a partial commit) is never repeated blindly: the next
 * round re-reads and only writes what is still missing. A write the tenant refuses is re-read too
 * (another writer may have made the change); if it is still missing, the refusal is the cause of
 * `ERR_ONBOARD_NOT_CONVERGED`. A read that fails is repeated within the same budget (reading is
 * always safe). `dryRun` sends the first write to the recording client and stops.
 */
export async function reconcile<S>(spec: StepSpec<S>, opts: { dryRun?: boolean; onRetry?: (attempt: number, cause: unknown) => void } = {}): Promise<StepOutcome> {
  let lastError: unknown;
  let wrote = false;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    let state: S;
    try {
      state = await spec.read();
    } catch (e) {
      // A read that failed even after the client's retries (or a success:false on a read): reading
      // again is always safe, within the same budget of attempts.
      if (!isTenantError(e)) throw e;
      lastError = e;
      opts.onRetry?.(attempt, e);
      continue;
    }
    if (spec.isDone(state)) return wrote ? 'done' : 'already';
    if (opts.dryRun) {
      await spec.write(state);
      return 'planned';
    }
    try {
      wrote = true;
      await spec.write(state);
    } catch (e) {
      // Anything but a tenant error (a bug, a bad payload) stops at once.
      if (!isTenantError(e)) throw e;
      lastError = e;
      opts.onRetry?.(attempt, e);
    }
  }
  const state = await spec.read();
  if (spec.isDone(state)) return 'done';
  const cause = lastError instanceof Error ? ` (last error: ${'code' in lastError ? `${String((lastError as { code: unknown }).code)}: ` : ''}${lastError.message})` : '';
  throw new OnboardError('ERR_ONBOARD_NOT_CONVERGED', `${spec.label}: still not in place after ${MAX_ATTEMPTS} attempts${cause}`, { cause: lastError, expected: 'the change in place', actual: 'missing' });
}
