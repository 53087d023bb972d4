import type { EntityOverride, RuleId, Severity } from './types.js';

const SETTINGS = ['off', 'info', 'warning', 'error'];

/**
 * True when `entityId` matches `pattern`: an exact entityID, or a pattern where `*` stands for any
 * run of characters (slashes and colons included: entityIDs are URLs, so `https://idp.*.example/*`
 * is meant literally, not as a path glob).
 */
export function entityIdMatches(pattern: string, entityId: string): boolean {
  if (!pattern.includes('*')) return pattern === entityId;
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[\\s\\S]*')}$`);
  return re.test(entityId);
}

/** Check the shape of `options.overrides` (caller mistakes are TypeErrors). */
export function validateOverrides(overrides: unknown, known: (id: string) => boolean): readonly EntityOverride[] {
  if (overrides === undefined) return [];
  if (!Array.isArray(overrides)) throw new TypeError('lint: options.overrides must be an array of { entityIds, rules }');
  for (const [i, o] of overrides.entries()) {
    if (!o || typeof o !== 'object' || !Array.isArray(o.entityIds) || o.entityIds.some((s: unknown) => typeof s !== 'string')) throw new TypeError(`lint: options.overrides[${i}].entityIds must be an array of strings`);
    for (const [id, setting] of Object.entries(o.rules ?? {})) {
      if (!known(id)) throw new TypeError(`lint: unknown rule id ${JSON.stringify(id)} in options.overrides[${i}].rules`);
      if (!SETTINGS.includes(setting as string)) throw new TypeError(`lint: options.overrides[${i}].rules.${id} must be one of ${SETTINGS.join(', ')}`);
    }
  }
  return overrides as EntityOverride[];
}

/**
 * The severity of `ruleId` for `entityId`: the last override whose patterns match and that sets the
 * rule wins; else `global` (the document-wide setting). `undefined` = off.
 */
export function severityFor(ruleId: RuleId, entityId: string | undefined, global: Severity | undefined, overrides: readonly EntityOverride[]): Severity | undefined {
  if (entityId === undefined || overrides.length === 0) return global;
  let out = global;
  for (const o of overrides) {
    const setting = o.rules[ruleId];
    if (setting === undefined || !o.entityIds.some((p) => entityIdMatches(p, entityId))) continue;
    out = setting === 'off' ? undefined : setting;
  }
  return out;
}
