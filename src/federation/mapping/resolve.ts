import type { GroupMapping } from '../manifest/types.js';

export interface MappingMatch {
  /** The partner's attribute value as received. */
  readonly value: string;
  readonly group: string;
  readonly source: 'partner' | 'global';
}

export interface MappingConflict {
  readonly value: string;
  readonly partnerGroup: string;
  readonly globalGroup: string;
  readonly chosen: 'partner';
}

export interface HostGroupResolution {
  /** Host groups, no duplicates, in the order of their first match in the input. */
  readonly hostGroups: readonly string[];
  readonly matches: readonly MappingMatch[];
  /** Input values no mapping matched (deduplicated, input order). */
  readonly unmapped: readonly string[];
  /** Values both a partner and a global mapping cover with different groups; the partner one is used. */
  readonly conflicts: readonly MappingConflict[];
}

export interface ResolveOptions {
  /**
   * Compare attribute values ignoring case (`String.prototype.toLowerCase` on both sides, no
   * locale, no trimming). Default false: exact, case-sensitive comparison.
   */
  readonly caseInsensitive?: boolean;
}

/** Partner mappings as the manifest holds them, or as a plain `{value: group}` record. */
export type MappingTable = readonly GroupMapping[] | Readonly<Record<string, string>>;

function toList(t: MappingTable | undefined): readonly GroupMapping[] {
  if (t === undefined) return [];
  if (Array.isArray(t)) return t as readonly GroupMapping[];
  return Object.entries(t as Record<string, string>).map(([AttributeValue, GroupName]) => ({ AttributeValue, GroupName }));
}

function index(list: readonly GroupMapping[], key: (s: string) => string): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const { AttributeValue, GroupName } of list) {
    const k = key(AttributeValue);
    const groups = m.get(k) ?? [];
    if (!groups.includes(GroupName)) groups.push(GroupName);
    m.set(k, groups);
  }
  return m;
}

/**
 * Map a user's group attribute values (multi-valued) to host groups.
 *
 * For each distinct value, in input order: when the partner's own mappings cover it they are used
 * and any global mapping for it is ignored (the tenant's documented rule: "the individual group
 * attribute mapping takes priority"); a differing global group is reported in `conflicts`.
 * Otherwise the global mappings apply. Values nothing covers are `unmapped`.
 */
export function resolveHostGroups(values: readonly string[], partnerMappings: MappingTable | undefined, globalMappings: readonly GroupMapping[] | undefined, opts: ResolveOptions = {}): HostGroupResolution {
  if (!Array.isArray(values)) throw new TypeError('resolveHostGroups: values must be an array of strings');
  const key = opts.caseInsensitive ? (s: string) => s.toLowerCase() : (s: string) => s;
  const partner = index(toList(partnerMappings), key);
  const global = index(globalMappings ?? [], key);
  const hostGroups: string[] = [];
  const matches: MappingMatch[] = [];
  const unmapped: string[] = [];
  const conflicts: MappingConflict[] = [];
  const seen = new Set<string>();
  for (const value of values) {
    if (typeof value !== 'string') throw new TypeError('resolveHostGroups: values must be strings');
    if (seen.has(value)) continue;
    seen.add(value);
    const k = key(value);
    const p = partner.get(k);
    const g = global.get(k);
    const [groups, source] = p ? [p, 'partner' as const] : g ? [g, 'global' as const] : [undefined, undefined];
    if (!groups || !source) {
      unmapped.push(value);
      continue;
    }
    for (const group of groups) {
      matches.push({ value, group, source });
      if (!hostGroups.includes(group)) hostGroups.push(group);
    }
    if (p && g) {
      for (const globalGroup of g) {
        if (p.includes(globalGroup)) continue;
        conflicts.push({ value, partnerGroup: p.join(', '), globalGroup, chosen: 'partner' });
      }
    }
  }
  return { hostGroups, matches, unmapped, conflicts };
}
