import type { Transport } from '../http/transport.js';
import { otherFields, Shape } from '../read/shape.js';
import type { PolicyBlock } from '../types.js';

const ENDPOINT = '/Policy/GetPolicyBlock';

/** `POST /Policy/GetPolicyBlock {"name": "/Policy/<name>"}` (tenant-api.md §6.3 [O S6, S12]). */
export async function getPolicyBlock(t: Transport, path: string): Promise<PolicyBlock> {
  if (typeof path !== 'string' || !path.startsWith('/Policy/')) throw new TypeError('getPolicyBlock: path must start with "/Policy/"');
  const env = await t.call({ endpoint: ENDPOINT, kind: 'read', json: { name: path } });
  const s = new Shape(ENDPOINT);
  const r = s.obj(env.Result, 'Result');
  const out: Record<string, unknown> = {
    Path: r.Path === undefined || r.Path === null ? path : s.str(r.Path, 'Result.Path'),
    RevStamp: s.str(r.RevStamp, 'Result.RevStamp'),
    Settings: Object.freeze({ ...s.obj(r.Settings ?? {}, 'Result.Settings') }),
    other: otherFields(r, ['Path', 'RevStamp', 'Settings', 'Version', 'Description']),
  };
  if (r.Version !== undefined && r.Version !== null) {
    if (typeof r.Version !== 'number') s.fail('Result.Version', 'a number', r.Version);
    out.Version = r.Version;
  }
  const d = s.optStr(r.Description, 'Result.Description');
  if (d !== undefined) out.Description = d;
  return Object.freeze(out) as unknown as PolicyBlock;
}
