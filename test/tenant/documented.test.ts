/**
 * The documented example bodies (test/tenant/fixtures, transcribed from the vendor pages) parse with
 * the client's readers and types. A purpose-built node:http server answers each endpoint with its
 * documented body, so the whole path (transport, envelope, reader) is exercised over real HTTP.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenantClient, type TenantClient } from '../../src/tenant/index.js';

const FIX = join(__dirname, 'fixtures');
const BODIES: Record<string, string> = {
  '/Federation/GetGroups': 'get-groups.json',
  '/Federation/GetGlobalFederationSettings': 'get-global-federation-settings.json',
  '/Federation/CreateFederation': 'create-federation.json',
  '/RedRock/query': 'redrock-roles.json',
  '/Core/GetDirectoryServices': 'get-directory-services.json',
  '/Policy/GetNicePlinks': 'get-nice-plinks.json',
  '/Policy/SavePolicyBlock3': 'save-policy-block3.json',
  '/SaasManage/StoreRole': 'store-role.json',
  '/msp/getavailablepodregions': 'msp-getavailablepodregions.json',
  '/msp/getaliasavailability': 'msp-getaliasavailability.json',
  '/msp/createnewsmb': 'msp-createnewsmb.json',
  '/msp/getmanagementlink': 'msp-getmanagementlink.json',
  '/msp/SetTenantState': 'msp-settenantstate.json',
};
let server: Server;
let client: TenantClient;
let tenantsQuery = false;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0]!;
      const file = path === '/RedRock/query' && body.includes('from Tenant') ? ((tenantsQuery = true), 'msp-tenants.json') : BODIES[path];
      res.writeHead(file ? 200 : 404, { 'Content-Type': 'application/json' });
      res.end(file ? readFileSync(join(FIX, file)) : '{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  client = createTenantClient({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, auth: { kind: 'token', token: 't' } });
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('documented bodies parse with the client', () => {
  it('GetGroups', async () => {
    expect(await client.getGroups()).toEqual(['TestB2B', 'Office365Users']);
  });

  it('GetGlobalFederationSettings: GlobalMappings as single-key objects', async () => {
    const s = await client.getGlobalFederationSettings();
    expect(s.GlobalMappings).toEqual([{ AttributeValue: 'Team', GroupName: 'TestB2B' }]);
    expect(s.SPLogoutReturnUrl).toBe('https://mytenant.centrify.com/My');
  });

  it('CreateFederation Result', async () => {
    const fed = await client.createFederation({ body: Buffer.from('--b--\r\n'), contentType: 'multipart/form-data; boundary=b' });
    expect(fed).toMatchObject({ FederationUuid: '0af846...', FederationName: 'acmeco', NormalizedFederationName: 'acmeco', Domains: ['jamestest.com'], Active: true, DirectLoginSupported: true, PartnerManageable: true, Mappings: [{ AttributeValue: 'attr1', GroupName: 'RyanB2B' }] });
    expect(fed.Config.IDPSigningCertificateCollection).toEqual([{ IDPSigningCertificateExpires: '1/1/2039 12:00:00 AM', IDPSigningCertificateSubject: 'CN=Centrify Customer mytenant Application Signing Certificate', IDPSigningCertificateThumbprint: 'D8DFB92C...' }]);
    expect(fed.Config.IDPSignInUrl).toBe('https://my.centrify.com/run?appkey=23c851...&customerId=mytenant');
    expect(fed.Config.other).toEqual({});
  });

  it('RedRock roles (the documented query)', async () => {
    expect(await client.listRoles()).toEqual([{ ID: '21cb...', Name: 'AdminUsers', Description: 'AdminUsers', RoleType: 'PrincipalList', ReadOnly: false, DirectoryServiceUuid: '09B9A...' }]);
  });

  it('core/GetDirectoryServices, with the lower-camel directoryServiceUuid', async () => {
    const d = await client.getDirectoryServices();
    expect(d.map((x) => [x.Service, x.directoryServiceUuid])).toEqual([['CDS', '09B9A...'], ['AdProxy', '3e98c...'], ['FDS', 'C30B30...']]);
  });

  it('Policy/GetNicePlinks with RevStamp; SavePolicyBlock3 Result', async () => {
    const l = await client.getPolicyLinks();
    expect(l.RevStamp).toBe('636724483080000000');
    expect(l.links.map((x) => [x.PolicySet, x.LinkType])).toEqual([['/Policy/PolicySet_1', 'Global'], ['/Policy/MDM and WSTrust and Login', 'Global'], ['/Policy/Default Policy', 'Inactive']]);
    expect(l.links[2]!.raw.I18NDescriptionTag).toBe('_I18N_DefaultGlobalPolicyDescriptionTag');
    expect(await client.savePolicyBlock({ plinks: l.links.map((x) => x.raw), policy: { Path: '/Policy/PolicySet_2', Version: 1, Settings: { '/Core/Authentication/FederatedLoginAllowsMfa': true }, Newpolicy: true } })).toEqual({ RevStamp: '636724699540000000' });
  });

  it('SaasManage/StoreRole → _RowKey', async () => {
    expect(await client.storeRole({ Name: 'NewRole' })).toBe('9390...');
  });

  it('MSP: regions, alias, createnewsmb (secrets hidden), management link, tenant list, SetTenantState', async () => {
    expect(await client.getAvailablePodRegions()).toHaveLength(9);
    expect(await client.getAliasAvailability('mycentrify.com')).toEqual({ StatusCode: 'AliasInUse', Tenant: 'AAX1234' });
    const smb = await client.createNewSmb({ company: 'JohnTest', customerName: 'j@x.example', podRegion: 'Asia-Pacific', adminUser: 'mspadmin', initialAlias: 'centrify.com' });
    expect(smb).toEqual({ TenantId: 'AAX1234', AdminUser: 'mspadmin', PodFqdn: 'AAX1234.mytenant.centrify.com', PodName: 'APAC-AB-1', ProxyCode: 'AAX0...', AdminUuid: 'c2c7b...' });
    expect(smb.AdminPass).toBe('password1234');
    expect(JSON.stringify(smb)).not.toContain('password1234');
    expect(await client.getManagementLink('AAX1234')).toBe('https://Pod1234.centrify.com/manage?OneTimePass=L3dVSFFVRll...');
    expect(await client.listTenants()).toEqual([{ ID: 'AAX1234', CompanyName: 'JohnTest', Status: true, PodFqdn: 'AAX1234.mytenant.centrify.com' }]);
    expect(tenantsQuery).toBe(true);
    await client.setTenantState('AAX1234', 'Disabled');
  });
});
