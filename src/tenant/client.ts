import type { TenantClient } from './client-types.js';
import type { TenantClientOptions } from './options.js';

/**
 * Create a tenant client. Nothing is sent until the first call (or `login()`).
 * INTERFACE PREVIEW: the methods are being implemented; until then each throws "not implemented".
 */
export function createTenantClient(options: TenantClientOptions): TenantClient {
  if (typeof options !== 'object' || options === null || typeof options.url !== 'string') throw new TypeError('createTenantClient: options.url must be a string');
  const notImplemented = (): never => {
    throw new Error('samlfed/tenant: not implemented yet');
  };
  return new Proxy({ baseUrl: options.url } as TenantClient, {
    get(target, prop) {
      if (prop === 'baseUrl') return target.baseUrl;
      return async () => notImplemented();
    },
  });
}
