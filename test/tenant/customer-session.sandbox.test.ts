/**
 * `openCustomerSession` (src/tenant/msp/open-customer-session.ts) over real HTTP against the sandbox:
 * the management link's one-time pass opens a client bound to the customer tenant.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isTenantError, type TenantClient } from '../../src/tenant/index.js';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';
import { clientFor, leaked, passwordAuth } from './helpers.js';

let sb: TestSandbox;
let msp: TenantClient;
let customerId: string;

beforeAll(async () => {
  sb = await startTestSandbox();
  msp = clientFor(sb, { auth: passwordAuth(sb) }).client;
  customerId = (await msp.createNewSmb({ company: 'Client Co', customerName: 'it@client-co.example', podRegion: 'Europe', adminUser: 'admin', initialAlias: 'client-co.example' })).TenantId;
});
afterAll(() => sb.stop());

async function caught(p: Promise<unknown>): Promise<Error & { code?: string }> {
  try {
    await p;
  } catch (e) {
    return e as Error & { code?: string };
  }
  throw new Error('expected a rejection');
}

describe('openCustomerSession (msp-create-customer.txt "Logging in to the Tenant")', () => {
  it('returns a client bound to the customer tenant; the MSP client stays on its own tenant', async () => {
    const customer = await msp.openCustomerSession(customerId);
    expect(customer.baseUrl).toBe(sb.url);
    expect((await customer.whoami()).TenantId).toBe(customerId);
    expect((await msp.whoami()).TenantId).toBe('AAA1234');
    await customer.storeAlias({ alias: 'client-co.test', domain: 'client-co.test' });
    expect(await msp.getAliasAvailability('client-co.test')).toMatchObject({ StatusCode: 'AliasInUse', Tenant: customerId });
    await customer.addGlobalGroupMapping({ AttributeValue: 'MSP-Admins', GroupName: 'Client-Admins' });
    expect(await msp.getGlobalGroupMappings()).toEqual([]);
    expect(await customer.listTenants()).toEqual([]);
    // The one-time pass went through /manage once, and the request log shows it redacted.
    const log = await sb.adminApi<{ requests: { path: string; query: string }[] }>('requests');
    const manage = log.requests.filter((r) => r.path === '/manage');
    expect(manage).toHaveLength(1);
    expect(manage[0]!.query).toBe('OneTimePass=%5Bredacted%5D&msp=true');
  });

  it('a disabled customer tenant refuses the link: ERR_TENANT_AUTH_FAILED, nothing secret in the error', async () => {
    await msp.setTenantState(customerId, 'Disabled');
    try {
      const e = await caught(msp.openCustomerSession(customerId));
      expect(isTenantError(e) && e.code).toBe('ERR_TENANT_AUTH_FAILED');
      expect(e.message).toContain('HTTP 403');
      expect(e.message).not.toMatch(/OneTimePass=/);
      expect(leaked(JSON.stringify(e) + e.message)).toEqual([]);
    } finally {
      await msp.setTenantState(customerId, 'Enabled');
    }
  });

  it('a /manage dropped in transit is not repeated: a new link is fetched and used', async () => {
    await sb.adminApi('requests', { method: 'DELETE' });
    await sb.adminApi('faults', { body: [{ kind: 'drop', path: '/manage', times: 1 }] });
    try {
      const customer = await msp.openCustomerSession(customerId);
      expect((await customer.whoami()).TenantId).toBe(customerId);
      const log = await sb.adminApi<{ requests: { path: string }[] }>('requests');
      expect(log.requests.filter((r) => r.path === '/manage')).toHaveLength(2);
      expect(log.requests.filter((r) => r.path.toLowerCase() === '/msp/getmanagementlink')).toHaveLength(2);
    } finally {
      await sb.adminApi('faults', { method: 'DELETE' });
    }
  });

  it('an unknown tenant is the tenant\'s refusal (ERR_TENANT_API); a bad id is a TypeError', async () => {
    expect((await caught(msp.openCustomerSession('AAX0000'))).code).toBe('ERR_TENANT_API');
    await expect(msp.openCustomerSession('')).rejects.toThrow(TypeError);
  });

  it('never sends the pass to an http origin other than the tenant\'s (ERR_TENANT_RESPONSE_INVALID)', async () => {
    // A real sandbox only links to itself: this fetch rewrites the getmanagementlink answer to force the case.
    const sent: string[] = [];
    const evil: typeof fetch = async (input, init) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      sent.push(new URL(url).host);
      if (url.toLowerCase().endsWith('/msp/getmanagementlink')) {
        return new Response(JSON.stringify({ success: true, Result: 'http://evil.example/manage?OneTimePass=stolen', Message: null, MessageID: null, Exception: null, ErrorID: null, ErrorCode: null, IsSoftError: false, InnerExceptions: null }), { headers: { 'Content-Type': 'application/json' } });
      }
      return fetch(input, init);
    };
    const c = clientFor(sb, { auth: passwordAuth(sb), fetch: evil }).client;
    const e = await caught(c.openCustomerSession(customerId));
    expect(e.code).toBe('ERR_TENANT_RESPONSE_INVALID');
    expect(e.message).not.toContain('stolen');
    expect(sent).not.toContain('evil.example');
  });
});
