/**
 * The JSON filter language of UserMgmt/DirectoryServiceQuery (tenant-api.md §4.2): `_and`, `_or`,
 * `_like` (case-insensitive substring; also `{"value","ignoreCase"}`), `_eq`, plain equality.
 * Unknown operators match nothing. Depth-limited (the body's JSON depth is already capped).
 */
export type Filter = (row: Record<string, unknown>) => boolean;

function field(row: Record<string, unknown>, name: string): string {
  const key = Object.keys(row).find((k) => k.toLowerCase() === name.toLowerCase());
  const v = key === undefined ? undefined : row[key];
  return v === undefined || v === null ? '' : String(v);
}

/** Compile a parsed filter object. */
export function compileFilter(f: unknown, depth = 0): Filter {
  if (depth > 32 || f === null || typeof f !== 'object' || Array.isArray(f)) return () => false;
  const parts: Filter[] = [];
  for (const [k, v] of Object.entries(f)) {
    if (k === '_and' || k === '_or') {
      const subs = Array.isArray(v) ? v.map((x) => compileFilter(x, depth + 1)) : [];
      parts.push(k === '_and' ? (r) => subs.every((s) => s(r)) : (r) => subs.some((s) => s(r)));
    } else if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const op = v as Record<string, unknown>;
      if ('_like' in op) {
        const l = op['_like'];
        const needle = (typeof l === 'object' && l !== null ? String((l as { value?: unknown }).value ?? '') : String(l)).toLowerCase();
        parts.push((r) => field(r, k).toLowerCase().includes(needle));
      } else if ('_eq' in op) {
        parts.push((r) => field(r, k) === String(op['_eq']));
      } else parts.push(() => false);
    } else {
      parts.push((r) => field(r, k).toLowerCase() === String(v).toLowerCase());
    }
  }
  return (r) => parts.every((p) => p(r));
}
