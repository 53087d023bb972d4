import type { Transport } from '../http/transport.js';
import { Shape } from '../read/shape.js';

const ENDPOINT = '/Federation/GetGroups';

/** `POST /Federation/GetGroups` → the federated (FDS) group names (tenant-api.md §3.1 [D S1]). */
export async function getGroups(t: Transport): Promise<readonly string[]> {
  const env = await t.call({ endpoint: ENDPOINT, kind: 'read' });
  return Object.freeze(env.Result === null ? [] : new Shape(ENDPOINT).strings(env.Result, 'Result'));
}
