import type { Transport } from '../http/transport.js';
import { otherFields, Shape } from '../read/shape.js';
import type { WhoAmI } from '../types.js';

const ENDPOINT = '/Security/whoami';

/** `POST /Security/whoami` → `{User, UserUuid, TenantId, ...}` (tenant-api.md §2.4 [O S8, S16]). */
export async function whoami(t: Transport): Promise<WhoAmI> {
  const env = await t.call({ endpoint: ENDPOINT, kind: 'read' });
  const s = new Shape(ENDPOINT);
  const r = s.obj(env.Result, 'Result');
  const out: Record<string, unknown> = { User: s.nonEmpty(r.User, 'Result.User'), other: otherFields(r, ['User', 'UserUuid', 'TenantId']) };
  for (const k of ['UserUuid', 'TenantId'] as const) {
    const v = s.optStr(r[k], `Result.${k}`);
    if (v !== undefined) out[k] = v;
  }
  return Object.freeze(out) as unknown as WhoAmI;
}
