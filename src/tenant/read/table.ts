import type { TenantTable } from '../types.js';
import { Shape } from './shape.js';

/**
 * A "Redrock" table Result (tenant-api.md §1.4): `{Count, FullCount, Results: [{Entities, Row}], Columns, ...}`.
 * Each `Row` must be an object; `Count`/`FullCount` default to the row count when absent.
 */
export function readTable(result: unknown, endpoint: string, where = 'Result'): TenantTable {
  const s = new Shape(endpoint);
  const r = s.obj(result, where);
  const rows = s.arr(r.Results ?? [], `${where}.Results`).map((e, i) => s.obj(s.obj(e, `${where}.Results[${i}]`).Row, `${where}.Results[${i}].Row`));
  const Count = r.Count === undefined ? rows.length : s.count(r.Count, `${where}.Count`);
  const FullCount = r.FullCount === undefined ? rows.length : s.count(r.FullCount, `${where}.FullCount`);
  return Object.freeze({ Count, FullCount, rows: Object.freeze(rows.map((x) => Object.freeze(x))) });
}
