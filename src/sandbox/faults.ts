import { describeValue } from '../errors.js';
import { SandboxError } from './errors.js';
import type { Rng } from './rng.js';

/** What a fault does (tenant-api.md §9.4). */
export type FaultKind = 'latency' | 'http' | 'throttle' | 'drop' | 'stall' | 'envelope' | 'partial-commit';

/** One fault rule; the first rule that fires for a request wins. */
export interface FaultRule {
  readonly kind: FaultKind;
  /** Tenant path to match, case-insensitive (`/Federation/CreateFederation`); a trailing `*` matches a prefix. All paths when absent. */
  readonly path?: string;
  /** HTTP method to match (all when absent). */
  readonly method?: string;
  /** Chance that a matching request is hit, 0..1 (default 1), drawn from the seeded RNG. */
  readonly probability?: number;
  /** Let the first N matching requests through. */
  readonly after?: number;
  /** Fire at most N times. */
  readonly times?: number;
  /** `http`: 500 (default), 502 or 503; `partial-commit`: the failure status (default 500). */
  readonly status?: number;
  /** `throttle` (default 1) and `http`: the Retry-After header in seconds. */
  readonly retryAfter?: number;
  /** `envelope`: the Message (default "Internal server error (injected by the sandbox).") */
  readonly message?: string;
  /** `latency`: delay in ms before the real answer (default 200). */
  readonly latencyMs?: number;
}

interface LiveRule {
  readonly rule: FaultRule;
  seen: number;
  fired: number;
}

const KINDS: readonly FaultKind[] = ['latency', 'http', 'throttle', 'drop', 'stall', 'envelope', 'partial-commit'];
const KEYS = new Set(['kind', 'path', 'method', 'probability', 'after', 'times', 'status', 'retryAfter', 'message', 'latencyMs']);

/**
 * Validate a fault spec: an array of rules, or `{ "faults": [...] }`.
 * @throws {SandboxError} `ERR_SANDBOX_FAULTS_INVALID` naming the rule and field.
 */
export function parseFaults(spec: unknown): FaultRule[] {
  const list = Array.isArray(spec) ? spec : spec !== null && typeof spec === 'object' && Array.isArray((spec as { faults?: unknown }).faults) ? (spec as { faults: unknown[] }).faults : undefined;
  const bad = (msg: string, actual?: unknown) => new SandboxError('ERR_SANDBOX_FAULTS_INVALID', `fault spec: ${msg}`, actual === undefined ? {} : { actual: describeValue(actual) });
  if (!list) throw bad('expected an array of rules or {"faults":[...]}', spec);
  if (list.length > 100) throw bad('at most 100 rules', list.length);
  return list.map((r: unknown, i) => {
    if (r === null || typeof r !== 'object' || Array.isArray(r)) throw bad(`rule ${i} must be an object`, r);
    const o = r as Record<string, unknown>;
    for (const k of Object.keys(o)) if (!KEYS.has(k)) throw bad(`rule ${i}: unknown field "${k}"`, k);
    if (!KINDS.includes(o['kind'] as FaultKind)) throw bad(`rule ${i}: kind must be one of ${KINDS.join(', ')}`, o['kind']);
    const num = (k: string, min: number, max: number, int = true) => {
      const v = o[k];
      if (v === undefined) return;
      if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max || (int && !Number.isInteger(v))) throw bad(`rule ${i}: ${k} must be a number from ${min} to ${max}`, v);
    };
    num('probability', 0, 1, false);
    num('after', 0, 1e9);
    num('times', 0, 1e9);
    num('status', 400, 599);
    num('retryAfter', 0, 86400);
    num('latencyMs', 0, 600_000);
    for (const k of ['path', 'method', 'message']) if (o[k] !== undefined && (typeof o[k] !== 'string' || (o[k] as string).length > 2000)) throw bad(`rule ${i}: ${k} must be a string`, o[k]);
    return o as unknown as FaultRule;
  });
}

/** The active fault rules with their counters; decisions use the seeded fault RNG. */
export class FaultSet {
  private live: LiveRule[] = [];
  constructor(private readonly rng: Rng) {}

  /** Replace the rules (counters restart). */
  set(rules: readonly FaultRule[]): void {
    this.live = rules.map((rule) => ({ rule, seen: 0, fired: 0 }));
  }

  /** Rules with their counters, for `GET /_sandbox/faults`. */
  list(): { rule: FaultRule; seen: number; fired: number }[] {
    return this.live.map((l) => ({ rule: l.rule, seen: l.seen, fired: l.fired }));
  }

  /** The rule that fires for this request, if any (counts every match). `pathKey` is lower-case. */
  pick(method: string, pathKey: string): FaultRule | undefined {
    for (const l of this.live) {
      const { rule } = l;
      if (rule.method !== undefined && rule.method.toUpperCase() !== method) continue;
      if (rule.path !== undefined) {
        const p = rule.path.toLowerCase().replace(/\/$/, '');
        if (p.endsWith('*') ? !pathKey.startsWith(p.slice(0, -1)) : p !== pathKey) continue;
      }
      l.seen++;
      if (l.seen <= (rule.after ?? 0)) continue;
      if (rule.times !== undefined && l.fired >= rule.times) continue;
      if (rule.probability !== undefined && rule.probability < 1 && this.rng.next() >= rule.probability) continue;
      l.fired++;
      return rule;
    }
    return undefined;
  }
}
