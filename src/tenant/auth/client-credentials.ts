import { TenantError } from '../errors.js';
import type { Transport } from '../http/transport.js';
import type { ClientCredentialsAuth } from '../options.js';

/**
 * OAuth2 client credentials (tenant-api.md §2.1 [D S4]): `POST /oauth2/token/<appId>`, Basic
 * `clientId:clientSecret`, form body `grant_type=client_credentials&scope=<scope>`. The answer is
 * plain JSON (no envelope); 400 `{error, error_description}` is `ERR_TENANT_AUTH_FAILED`.
 * Returns the access token. The secret is sent in the header only and never echoed.
 */
export async function clientCredentialsToken(t: Transport, auth: ClientCredentialsAuth): Promise<string> {
  const endpoint = `/oauth2/token/${encodeURIComponent(auth.appId)}`;
  const { status, data } = await t.exchange({
    endpoint,
    kind: 'read', // asking for a token changes no tenant state
    auth: false,
    raw: { body: `grant_type=client_credentials&scope=${encodeURIComponent(auth.scope)}`, contentType: 'application/x-www-form-urlencoded' },
    headers: { Authorization: `Basic ${Buffer.from(`${auth.clientId}:${auth.clientSecret}`, 'utf8').toString('base64')}` },
    acceptStatus: [400, 401],
  });
  const o = typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  if (status !== 200) {
    const err = typeof o.error === 'string' ? o.error.slice(0, 100) : 'unknown error';
    const desc = typeof o.error_description === 'string' ? o.error_description.slice(0, 300) : '';
    throw new TenantError('ERR_TENANT_AUTH_FAILED', `${endpoint}: the tenant refused the client credentials: ${err}${desc ? ` (${desc})` : ''}`, { kind: 'oauth', endpoint, httpStatus: status, errorCode: err });
  }
  if (typeof o.access_token !== 'string' || o.access_token === '') {
    throw new TenantError('ERR_TENANT_AUTH_FAILED', `${endpoint}: expected {"access_token": "..."}, found no access token`, { kind: 'oauth', endpoint, httpStatus: status });
  }
  return o.access_token;
}
