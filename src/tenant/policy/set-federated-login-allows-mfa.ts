import type { Transport } from '../http/transport.js';
import type { SavePolicyResult } from '../types.js';
import { getPolicyBlock } from './get-policy-block.js';
import { getPolicyLinks } from './get-policy-links.js';
import { savePolicyBlock } from './save-policy-block.js';

/** The policy key of "Apply additional authentication rules to federated users" (tenant-api.md §6.1 [D S1]). */
export const FEDERATED_LOGIN_ALLOWS_MFA = '/Core/Authentication/FederatedLoginAllowsMfa';

/**
 * Set `FederatedLoginAllowsMfa` on an existing policy: read its block (RevStamp, Settings) and the
 * current links, change the one key, save with `Newpolicy: false`, the RevStamp read and the links
 * unchanged (tenant-api.md §6.4 [O S6, S12]). A stale RevStamp is the tenant's `ERR_TENANT_API`. A write.
 */
export async function setFederatedLoginAllowsMfa(t: Transport, policyPath: string, enabled: boolean): Promise<SavePolicyResult> {
  if (typeof enabled !== 'boolean') throw new TypeError('setFederatedLoginAllowsMfa: enabled must be a boolean');
  const block = await getPolicyBlock(t, policyPath);
  const links = await getPolicyLinks(t);
  const policy = {
    Path: block.Path,
    ...(block.Version !== undefined ? { Version: block.Version } : {}),
    ...(block.Description !== undefined ? { Description: block.Description } : {}),
    Settings: { ...block.Settings, [FEDERATED_LOGIN_ALLOWS_MFA]: enabled },
    Newpolicy: false,
    RevStamp: block.RevStamp,
  };
  return savePolicyBlock(t, { plinks: links.links.map((l) => l.raw), policy });
}
