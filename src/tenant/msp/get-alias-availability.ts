import type { Transport } from '../http/transport.js';
import { Shape } from '../read/shape.js';
import type { AliasAvailability } from '../types.js';

const ENDPOINT = '/msp/getaliasavailability';

/** `POST /msp/getaliasavailability {"alias"}` → `{StatusCode, Tenant}` (msp-create-customer, step 2). */
export async function getAliasAvailability(t: Transport, alias: string): Promise<AliasAvailability> {
  if (typeof alias !== 'string' || alias === '') throw new TypeError('getAliasAvailability: alias must be a non-empty string');
  const env = await t.call({ endpoint: ENDPOINT, kind: 'read', json: { alias } });
  const s = new Shape(ENDPOINT);
  const r = s.obj(env.Result, 'Result');
  const tenant = s.strOrNull(r.Tenant, 'Result.Tenant');
  return Object.freeze({ StatusCode: s.nonEmpty(r.StatusCode, 'Result.StatusCode'), ...(tenant !== undefined ? { Tenant: tenant } : {}) });
}
