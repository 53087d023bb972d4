import type { GroupMapping } from '../../federation/manifest/types.js';
import { unwrapTenantResult } from './envelope.js';
import { parseGlobalGroupMappings } from './mappings.js';
import { parseGlobalFederationSettings } from './settings.js';

/**
 * The tenant's global group mappings from either response that carries them:
 * `GetGlobalGroupAssertionMappings` (`{Mappings: [...]}`) or `GetGlobalFederationSettings`
 * (`{GlobalMappings: ...}`), whole envelope or `Result`, text or parsed. A body with
 * `GlobalMappings` and no `Mappings` is read as settings; anything else as mappings.
 * Errors: `ERR_PAYLOAD_MAPPINGS_INVALID` / `ERR_PAYLOAD_SETTINGS_INVALID`, `ERR_PAYLOAD_TENANT_ERROR`,
 * `ERR_PAYLOAD_TOO_LARGE`.
 */
export function readGlobalMappings(input: string | object): readonly GroupMapping[] {
  const result = unwrapTenantResult(input, 'ERR_PAYLOAD_MAPPINGS_INVALID', 'global mappings');
  const has = (k: string): boolean => Object.prototype.hasOwnProperty.call(result, k);
  return has('GlobalMappings') && !has('Mappings') ? parseGlobalFederationSettings(result).GlobalMappings : parseGlobalGroupMappings(result);
}
