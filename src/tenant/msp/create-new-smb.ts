import type { Transport } from '../http/transport.js';
import { Shape } from '../read/shape.js';
import type { CreateNewSmbInput, NewSmb } from '../types.js';

const ENDPOINT = '/msp/createnewsmb';
const PUBLIC = ['TenantId', 'AdminUser', 'PodFqdn', 'PodName', 'ProxyCode', 'AdminUuid'] as const;
const SECRET = ['AdminPass', 'AuthCookie'] as const;

/**
 * `POST /msp/createnewsmb` (msp-create-customer, step 3). The Result holds the new tenant's admin
 * password and an auth cookie: those two are non-enumerable on the returned object, so printing or
 * `JSON.stringify` never shows them. A write.
 */
export async function createNewSmb(t: Transport, input: CreateNewSmbInput): Promise<NewSmb> {
  for (const k of ['company', 'customerName', 'podRegion', 'adminUser', 'initialAlias'] as const) {
    if (typeof input?.[k] !== 'string' || input[k] === '') throw new TypeError(`createNewSmb: ${k} must be a non-empty string`);
  }
  const body = { company: input.company, customerName: input.customerName, podRegion: input.podRegion, adminUser: input.adminUser, initialAlias: input.initialAlias, customerData: { ...(input.customerData ?? {}) } };
  const env = await t.call({ endpoint: ENDPOINT, kind: 'write', json: body });
  const s = new Shape(ENDPOINT);
  const r = s.obj(env.Result, 'Result');
  const out: Record<string, unknown> = { TenantId: s.nonEmpty(r.TenantId, 'Result.TenantId') };
  for (const k of PUBLIC.slice(1)) {
    const v = s.optStr(r[k], `Result.${k}`);
    if (v !== undefined) out[k] = v;
  }
  for (const k of SECRET) {
    const v = s.optStr(r[k], `Result.${k}`);
    if (v !== undefined) Object.defineProperty(out, k, { value: v, enumerable: false });
  }
  return Object.freeze(out) as unknown as NewSmb;
}
