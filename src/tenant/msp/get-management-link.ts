import type { Transport } from '../http/transport.js';
import { Shape } from '../read/shape.js';

const ENDPOINT = '/msp/getmanagementlink';

/** `POST /msp/getmanagementlink {"tenantId"}` → the link (holds a `OneTimePass`: a secret; msp-create-customer). */
export async function getManagementLink(t: Transport, tenantId: string): Promise<string> {
  if (typeof tenantId !== 'string' || tenantId === '') throw new TypeError('getManagementLink: tenantId must be a non-empty string');
  const env = await t.call({ endpoint: ENDPOINT, kind: 'read', json: { tenantId } });
  const s = new Shape(ENDPOINT);
  const link = s.nonEmpty(env.Result, 'Result');
  let u: URL;
  try {
    u = new URL(link);
  } catch {
    return s.fail('Result', 'a URL', '(not a URL)');
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') s.fail('Result', 'an http(s) URL', u.protocol);
  return link;
}
