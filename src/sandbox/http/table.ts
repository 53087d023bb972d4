import { keyOf } from './body.js';

/** One column of a Redrock result table (tenant-api.md §1.4). */
function column(name: string, table: string): Record<string, unknown> {
  return { Name: name, IsHidden: false, DDName: name, Title: name, DDTitle: name, Description: null, Type: 12, Format: null, Width: 0, TableKey: name === 'ID' ? 'Primary' : 'NotKey', ForeignKey: null, TableName: table };
}

/** Paging arguments (`Args`, tenant-api.md §1.4): PageNumber 1-based, PageSize, Limit. */
export function pagingOf(body: Record<string, unknown>): { page: number; size: number; limit: number } {
  const args = keyOf(body, 'Args');
  const a = args !== null && typeof args === 'object' && !Array.isArray(args) ? (args as Record<string, unknown>) : {};
  const int = (v: unknown, d: number) => {
    const n = typeof v === 'string' ? Number(v) : v;
    return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : d;
  };
  return { page: int(keyOf(a, 'PageNumber'), 1), size: int(keyOf(a, 'PageSize'), 100_000), limit: int(keyOf(a, 'Limit'), 100_000) };
}

/** Apply paging to rows: `Limit` caps the whole result, then the page is cut. */
export function pageOf<T>(rows: readonly T[], body: Record<string, unknown>): { page: T[]; full: number } {
  const { page, size, limit } = pagingOf(body);
  const capped = rows.slice(0, limit);
  return { page: capped.slice((page - 1) * size, page * size), full: capped.length };
}

/**
 * A Redrock table Result: `Count` = rows returned, `FullCount` = rows matching (tenant-api.md §1.4).
 * `keyOf` picks each row's entity key.
 */
export function table(tableName: string, rows: readonly Record<string, unknown>[], body: Record<string, unknown>, keyOfRow: (r: Record<string, unknown>) => string, columns?: readonly string[]): Record<string, unknown> {
  const { page, full } = pageOf(rows, body);
  const cols = columns ?? (rows[0] ? Object.keys(rows[0]) : []);
  return {
    IsAggregate: false,
    Count: page.length,
    FullCount: full,
    Columns: cols.map((c) => column(c, tableName)),
    Results: page.map((r) => ({ Entities: [{ Type: tableName, Key: keyOfRow(r), IsForeignKey: false }], Row: r })),
    ReturnID: '',
  };
}
