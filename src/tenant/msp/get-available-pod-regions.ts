import type { Transport } from '../http/transport.js';
import { Shape } from '../read/shape.js';

const ENDPOINT = '/msp/getavailablepodregions';

/** `POST /msp/getavailablepodregions` → region names (msp-create-customer, step 1). */
export async function getAvailablePodRegions(t: Transport): Promise<readonly string[]> {
  const env = await t.call({ endpoint: ENDPOINT, kind: 'read' });
  return Object.freeze(new Shape(ENDPOINT).strings(env.Result, 'Result'));
}
