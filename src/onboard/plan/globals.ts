import type { GroupMapping } from '../../federation/manifest/types.js';
import type { TenantSnapshot } from '../snapshot.js';
import { nameKey } from './match.js';
import type { Change, Unmanaged } from './types.js';

/**
 * Global mappings (only when the files have a `globalMappings` section): add a missing value, change
 * a value mapped to another group (`update`: delete then add), and list values the files do not name
 * as not managed (removed with `prune`). A value the files name that the tenant maps to several
 * groups keeps the desired one; the extra pairs are removed (the value is managed).
 */
export function planGlobalMappings(desired: readonly GroupMapping[] | undefined, snapshot: TenantSnapshot, prune: boolean): { changes: Change[]; notManaged: Unmanaged[] } {
  const changes: Change[] = [];
  const notManaged: Unmanaged[] = [];
  if (desired === undefined) return { changes, notManaged };
  const removes: Change[] = [];
  const adds: Change[] = [];
  const wanted = new Map(desired.map((m) => [m.AttributeValue, m.GroupName]));
  for (const m of desired) {
    const have = snapshot.globalMappings.filter((t) => t.AttributeValue === m.AttributeValue);
    if (have.some((t) => nameKey(t.GroupName) === nameKey(m.GroupName))) {
      for (const t of have) if (nameKey(t.GroupName) !== nameKey(m.GroupName)) removes.push({ kind: 'global-mapping.remove', value: t.AttributeValue, group: t.GroupName });
    } else if (have.length > 0) {
      changes.push({ kind: 'global-mapping.update', value: m.AttributeValue, from: have[0]!.GroupName, group: m.GroupName });
      for (const t of have.slice(1)) removes.push({ kind: 'global-mapping.remove', value: t.AttributeValue, group: t.GroupName });
    } else adds.push({ kind: 'global-mapping.add', value: m.AttributeValue, group: m.GroupName });
  }
  for (const t of snapshot.globalMappings) {
    if (wanted.has(t.AttributeValue)) continue;
    if (prune) removes.push({ kind: 'global-mapping.remove', value: t.AttributeValue, group: t.GroupName });
    else notManaged.push({ kind: 'global-mapping', value: t.AttributeValue, group: t.GroupName });
  }
  // Adds and updates before removals: a failure half-way never leaves a managed value unmapped.
  changes.push(...adds, ...removes);
  return { changes, notManaged };
}
