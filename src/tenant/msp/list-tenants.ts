import type { Transport } from '../http/transport.js';
import { Shape } from '../read/shape.js';
import { query } from '../roles/query.js';
import type { PageArgs, TenantRow } from '../types.js';

/** The documented tenant list query (msp-create-customer, "Getting a List of Tenants"). */
export const TENANTS_SCRIPT = 'Select * from Tenant ORDER BY ID COLLATE NOCASE';

/** Every customer tenant (`RedRock/query` with `TENANTS_SCRIPT`, paged). */
export async function listTenants(t: Transport, args?: PageArgs): Promise<readonly TenantRow[]> {
  const table = await query(t, TENANTS_SCRIPT, args);
  const s = new Shape('/RedRock/query');
  return Object.freeze(table.rows.map((row, i) => {
    const w = `Result.Results[${i}].Row`;
    const out: Record<string, unknown> = { ID: s.nonEmpty(row.ID, `${w}.ID`) };
    for (const k of ['CompanyName', 'PodFqdn'] as const) {
      const v = s.optStr(row[k], `${w}.${k}`);
      if (v !== undefined) out[k] = v;
    }
    const st = s.optBool(row.Status, `${w}.Status`);
    if (st !== undefined) out.Status = st;
    return Object.freeze(out) as unknown as TenantRow;
  }));
}
