import type { Transport } from '../http/transport.js';
import { readTable } from '../read/table.js';
import type { PageArgs, TableRow, TenantTable } from '../types.js';

/** Default page: one big page as real clients ask (tenant-api.md §1.4 [O]). */
export const DEFAULT_PAGE_SIZE = 10_000;
/** Pages fetched at most by one paged query (a guard against a tenant that never stops). */
export const MAX_PAGES = 1000;

/** `Args` for page `n` (§1.4 [D S1]): `Caching: -1` = no server-side cache. */
export function bigPage(n: number, args: PageArgs = {}): Record<string, unknown> {
  const size = args.PageSize ?? DEFAULT_PAGE_SIZE;
  return { PageNumber: n, PageSize: size, Limit: args.Limit ?? 100_000, SortBy: args.SortBy ?? '', direction: 'False', Caching: -1 };
}

/**
 * Fetch a table endpoint page by page: `PageNumber` 1, 2, ... while a page is full
 * (`Count == PageSize`) and fewer than `FullCount` rows have arrived (§1.4 client rule [I]).
 */
export async function pagedTable(t: Transport, endpoint: string, body: Record<string, unknown>, args: PageArgs = {}): Promise<TenantTable> {
  const size = args.PageSize ?? DEFAULT_PAGE_SIZE;
  if (!Number.isSafeInteger(size) || size < 1) throw new TypeError('PageSize must be a positive integer');
  const rows: TableRow[] = [];
  let full = 0;
  for (let n = 1; n <= MAX_PAGES; n++) {
    const env = await t.call({ endpoint, kind: 'read', json: { ...body, Args: bigPage(n, args) } });
    const table = readTable(env.Result, endpoint);
    rows.push(...table.rows);
    full = table.FullCount;
    if (table.Count < size || table.rows.length === 0 || rows.length >= full) break;
  }
  return Object.freeze({ Count: rows.length, FullCount: full, rows: Object.freeze(rows) });
}
