import { TenantError } from '../errors.js';
import type { Transport } from '../http/transport.js';
import { Shape } from '../read/shape.js';
import type { SavePolicyBlockInput, SavePolicyResult } from '../types.js';
import { getPolicyBlock } from './get-policy-block.js';

const ENDPOINT = '/Policy/SavePolicyBlock3';

/** MessageIDs the tenant uses for "this could lock the administrator out" warnings (tenant-api.md §6.4 [O S12 ignoredMessageIDs]). */
export const SOFT_MESSAGE_IDS = Object.freeze(['_I18N_AdminLockoutPolicyChange', '_I18N_AdminLockoutPlinksChange']);

/**
 * `POST /Policy/SavePolicyBlock3 {"plinks", "policy"}` → `{RevStamp}` (tenant-api.md §6.4 [D S1]).
 * An update needs the RevStamp read by GetPolicyBlock (`Newpolicy: false`). A soft error
 * (`_I18N_AdminLockout*` MessageID, or `IsSoftError: true`) is returned as `warning` after the policy is
 * re-read — never retried ([I], as the CyberArk SDK does). A write.
 */
export async function savePolicyBlock(t: Transport, input: SavePolicyBlockInput): Promise<SavePolicyResult> {
  const p = input?.policy;
  if (typeof p !== 'object' || p === null || typeof p.Path !== 'string' || !p.Path.startsWith('/Policy/')) throw new TypeError('savePolicyBlock: policy.Path must start with "/Policy/"');
  if (!Array.isArray(input.plinks)) throw new TypeError('savePolicyBlock: plinks must be the whole ordered link list');
  if (p.Newpolicy === false && (typeof p.RevStamp !== 'string' || p.RevStamp === '')) throw new TypeError('savePolicyBlock: updating a policy needs the RevStamp from getPolicyBlock');
  try {
    const env = await t.call({ endpoint: ENDPOINT, kind: 'write', json: { plinks: input.plinks, policy: p } });
    const s = new Shape(ENDPOINT);
    return Object.freeze({ RevStamp: s.str(s.obj(env.Result, 'Result').RevStamp, 'Result.RevStamp') });
  } catch (e) {
    if (e instanceof TenantError && e.code === 'ERR_TENANT_API' && (e.isSoftError === true || SOFT_MESSAGE_IDS.includes(e.messageId ?? ''))) {
      const now = await getPolicyBlock(t, p.Path).catch(() => undefined);
      return Object.freeze({ RevStamp: now?.RevStamp ?? '', warning: Object.freeze({ messageId: e.messageId ?? null, message: e.tenantMessage ?? null, endpoint: ENDPOINT }) });
    }
    throw e;
  }
}
