import { UsageError } from '../io.js';
import { RULES, type EntityOverride, type RuleId, type RuleSetting } from '../../metadata/lint/index.js';

/**
 * The samlfed configuration (README "Configuration"). Every key is optional; command-line options
 * win over it. Paths (trust) resolve against the config file's folder.
 */
export interface SamlfedConfig {
  /** Rule severities, as `--rule`. */
  readonly rules?: Readonly<Partial<Record<RuleId, RuleSetting>>>;
  /** cert-expiring window in days (lint) and the expiring window of `certs`. */
  readonly expiryWarningDays?: number;
  /** Trust anchors for metadata signatures: PEM files and pinned SHA-1/SHA-256 thumbprints. */
  readonly trust?: readonly string[];
  readonly trustThumbprints?: readonly string[];
  /** Patterns (picomatch, relative to the config's folder) of files lint skips, as `--ignore-pattern`. */
  readonly ignorePatterns?: readonly string[];
  /** Per-entity rule severities: `entityIds` are exact entityIDs or patterns with `*` (any characters). */
  readonly overrides?: readonly EntityOverride[];
}

const KEYS = ['rules', 'expiryWarningDays', 'trust', 'trustThumbprints', 'ignorePatterns', 'overrides'];
const SETTINGS = ['off', 'info', 'warning', 'error'];

function fail(where: string, message: string): never {
  throw new UsageError(`config ${where}: ${message}`);
}

function strings(v: unknown, where: string, key: string): string[] {
  if (!Array.isArray(v) || v.some((s) => typeof s !== 'string' || s === '')) fail(where, `"${key}" must be a list of non-empty strings`);
  return v as string[];
}

function rules(v: unknown, where: string, key: string): Partial<Record<RuleId, RuleSetting>> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) fail(where, `"${key}" must be an object {"rule-id": "off|info|warning|error"}`);
  const out: Partial<Record<RuleId, RuleSetting>> = {};
  for (const [id, setting] of Object.entries(v as Record<string, unknown>)) {
    if (!Object.hasOwn(RULES, id)) fail(where, `"${key}": unknown rule id ${JSON.stringify(id)}`);
    if (typeof setting !== 'string' || !SETTINGS.includes(setting)) fail(where, `"${key}": ${id} must be off, info, warning or error, got ${JSON.stringify(setting)}`);
    out[id as RuleId] = setting as RuleSetting;
  }
  return out;
}

/** Check the shape of a parsed config; unknown keys and wrong types are usage errors naming the file and key. */
export function validateConfig(data: unknown, where: string): SamlfedConfig {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) fail(where, 'expected an object');
  const o = data as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!KEYS.includes(k)) fail(where, `unknown key ${JSON.stringify(k)} (known: ${KEYS.join(', ')})`);
  const days = o.expiryWarningDays;
  if (days !== undefined && (typeof days !== 'number' || !Number.isSafeInteger(days) || days < 0)) fail(where, '"expiryWarningDays" must be an integer >= 0');
  let overrides: EntityOverride[] | undefined;
  if (o.overrides !== undefined) {
    if (!Array.isArray(o.overrides)) fail(where, '"overrides" must be a list of {"entityIds": [...], "rules": {...}}');
    overrides = o.overrides.map((x: unknown, i) => {
      if (x === null || typeof x !== 'object' || Array.isArray(x)) fail(where, `overrides[${i}] must be an object`);
      const e = x as Record<string, unknown>;
      for (const k of Object.keys(e)) if (k !== 'entityIds' && k !== 'rules') fail(where, `overrides[${i}]: unknown key ${JSON.stringify(k)} (known: entityIds, rules)`);
      return { entityIds: strings(e.entityIds, where, `overrides[${i}].entityIds`), rules: rules(e.rules, where, `overrides[${i}].rules`) };
    });
  }
  return {
    ...(o.rules !== undefined ? { rules: rules(o.rules, where, 'rules') } : {}),
    ...(days !== undefined ? { expiryWarningDays: days as number } : {}),
    ...(o.trust !== undefined ? { trust: strings(o.trust, where, 'trust') } : {}),
    ...(o.trustThumbprints !== undefined ? { trustThumbprints: strings(o.trustThumbprints, where, 'trustThumbprints') } : {}),
    ...(o.ignorePatterns !== undefined ? { ignorePatterns: strings(o.ignorePatterns, where, 'ignorePatterns') } : {}),
    ...(overrides ? { overrides } : {}),
  };
}
