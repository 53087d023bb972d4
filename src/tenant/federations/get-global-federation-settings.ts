import { PayloadError } from '../../federation/errors.js';
import { TenantError } from '../errors.js';
import type { Transport } from '../http/transport.js';
import { parseGlobalFederationSettings, type GlobalFederationSettings } from '../read/settings.js';

const ENDPOINT = '/Federation/GetGlobalFederationSettings';

/**
 * `POST /Federation/GetGlobalFederationSettings?FederationType=SAML%202.0` (tenant-api.md §3.2 [D S1]),
 * read by `parseGlobalFederationSettings`; its shape errors become `ERR_TENANT_RESPONSE_INVALID`.
 */
export async function getGlobalFederationSettings(t: Transport): Promise<GlobalFederationSettings> {
  const env = await t.call({ endpoint: ENDPOINT, query: 'FederationType=SAML%202.0', kind: 'read' });
  try {
    return parseGlobalFederationSettings(env.Result === null ? {} : (env.Result as object));
  } catch (e) {
    if (e instanceof PayloadError) throw new TenantError('ERR_TENANT_RESPONSE_INVALID', `${ENDPOINT}: ${e.message}`, { kind: 'response', endpoint: ENDPOINT, expected: e.expected, actual: e.actual, cause: e });
    throw e;
  }
}
