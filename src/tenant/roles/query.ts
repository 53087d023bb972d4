import type { Transport } from '../http/transport.js';
import type { PageArgs, TenantTable } from '../types.js';
import { pagedTable } from './paging.js';

/** `POST /RedRock/query {"Script", "Args"}`, paged (tenant-api.md §4.3 [D S1]). */
export async function query(t: Transport, script: string, args?: PageArgs): Promise<TenantTable> {
  if (typeof script !== 'string' || script.trim() === '') throw new TypeError('query: script must be a non-empty string');
  return pagedTable(t, '/RedRock/query', { Script: script }, args);
}
