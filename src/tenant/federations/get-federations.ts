import type { Transport } from '../http/transport.js';
import { readFederation } from '../read/federation.js';
import { Shape } from '../read/shape.js';
import type { Federation } from '../types.js';
import { bigPage } from '../roles/paging.js';

const ENDPOINT = '/Federation/GetFederations';

/** `POST /Federation/GetFederations {"Args": {...}}` → an array of federations (tenant-api.md §3.5 [D S2]). */
export async function getFederations(t: Transport): Promise<readonly Federation[]> {
  const env = await t.call({ endpoint: ENDPOINT, kind: 'read', json: { Args: bigPage(1) } });
  const list = env.Result === null ? [] : new Shape(ENDPOINT).arr(env.Result, 'Result');
  return Object.freeze(list.map((f, i) => readFederation(f, ENDPOINT, `Result[${i}]`)));
}
