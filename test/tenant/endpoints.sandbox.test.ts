/** Every client method against the sandbox, over real HTTP on 127.0.0.1 (tenant-api.md §3–§6, msp-create-customer). */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isTenantError, type TenantClient } from '../../src/tenant/index.js';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';
import { adfsPayload, clientFor } from './helpers.js';

let sb: TestSandbox;
let client: TenantClient;
beforeAll(async () => {
  sb = await startTestSandbox();
  client = clientFor(sb).client;
});
afterAll(() => sb?.stop());
beforeEach(async () => {
  await sb.fetch('/_sandbox/reset', { method: 'POST' });
});

describe('federations (§3)', () => {
  it('GetGlobalFederationSettings: the documented fields, URLs on the sandbox', async () => {
    const s = await client.getGlobalFederationSettings();
    expect(s.SPMetadataUrl).toBe(`${sb.url}/Federation/federationmetadata?FederationType=SAML%202.0`);
    expect(s.SPAutnenticationResponseUrl).toBe(`${sb.url}/My`);
    expect(s.SPSigningCertificateSubject).toBe('CN=Centrify Customer AAA1234 Application Signing Certificate');
    expect(s.SPSigningCertificateThumbprint).toMatch(/^[0-9A-F]{40}$/);
    expect(s.RequestedAttributes).toContain('UserPrincipalName');
  });

  it('CreateFederation with the payload builder output, then GetFederations and GetGroups see it', async () => {
    const payload = await adfsPayload(client);
    const fed = await client.createFederation(payload);
    expect(fed).toMatchObject({ FederationName: 'acmeco', FederationType: 'SAML 2.0', Domains: ['acme.example', 'acme-corp.example'] });
    expect(fed.FederationUuid).not.toBe('');
    expect(fed.Config.IDPSigningCertificateThumbprint).toBe(payload.thumbprint);
    const list = await client.getFederations();
    expect(list.map((f) => f.FederationUuid)).toEqual([fed.FederationUuid]);
    expect(await client.getGroups()).toEqual(expect.arrayContaining(['Mgrs-Sales', 'Partner-Finance', 'Partner-Guests']));
  });

  it('a duplicate name is the tenant\'s success:false as ERR_TENANT_API with Message and endpoint', async () => {
    await client.createFederation(await adfsPayload(client));
    const e = await client.createFederation(await adfsPayload(client)).catch((x: unknown) => x);
    expect(isTenantError(e, 'ERR_TENANT_API')).toBe(true);
    expect(e).toMatchObject({ kind: 'envelope', endpoint: '/Federation/CreateFederation', httpStatus: 200 });
    expect((e as { tenantMessage: string }).tenantMessage).toMatch(/already exists|in use/);
    expect(await client.getFederations()).toHaveLength(1);
  });

  it('update through FederationUuid; createFederation refuses an update form and updateFederation a create form', async () => {
    const fed = await client.createFederation(await adfsPayload(client));
    const upd = await adfsPayload(client, { name: 'acmeco', domains: ['acme.example'], federationUuid: fed.FederationUuid });
    await expect(client.createFederation(upd)).rejects.toThrow(TypeError);
    await expect(client.updateFederation(await adfsPayload(client))).rejects.toThrow(TypeError);
    const after = await client.updateFederation(upd);
    expect(after.FederationUuid).toBe(fed.FederationUuid);
    expect(after.Domains).toEqual(['acme.example']);
    expect(after.Mappings).toEqual([{ AttributeValue: 'Sales Managers', GroupName: 'Mgrs-Sales' }]);
  });

  it('UNVERIFIED get and delete of one federation (the sandbox serves our guess)', async () => {
    const fed = await client.createFederation(await adfsPayload(client));
    expect((await client.getFederationUnverified(fed.FederationUuid)).FederationName).toBe('acmeco');
    await client.deleteFederationUnverified(fed.FederationUuid);
    expect(await client.getFederations()).toEqual([]);
  });
});

describe('global mappings (§3.7)', () => {
  it('add, read, replace, delete', async () => {
    await client.addGlobalGroupMapping({ AttributeValue: 'Contractors', GroupName: 'External-Contractors' });
    expect(await client.getGlobalGroupMappings()).toEqual([{ AttributeValue: 'Contractors', GroupName: 'External-Contractors' }]);
    expect((await client.getGlobalFederationSettings()).GlobalMappings).toEqual([{ AttributeValue: 'Contractors', GroupName: 'External-Contractors' }]);
    await client.updateGlobalGroupMappings([{ AttributeValue: 'Auditors', GroupName: 'External-Auditors' }, { AttributeValue: 'Team', GroupName: 'TestB2B' }]);
    expect(await client.getGlobalGroupMappings()).toEqual([{ AttributeValue: 'Auditors', GroupName: 'External-Auditors' }, { AttributeValue: 'Team', GroupName: 'TestB2B' }]);
    await client.deleteGlobalGroupMapping({ AttributeValue: 'Auditors', GroupName: 'External-Auditors' });
    expect(await client.getGlobalGroupMappings()).toEqual([{ AttributeValue: 'Team', GroupName: 'TestB2B' }]);
    expect(await client.getGroups()).toEqual(expect.arrayContaining(['External-Contractors', 'External-Auditors', 'TestB2B']));
  });

  it('caller mistakes are TypeError, sent nowhere', async () => {
    await expect(client.addGlobalGroupMapping({ AttributeValue: '', GroupName: 'G' })).rejects.toThrow(TypeError);
    await expect(client.updateGlobalGroupMappings([{ AttributeValue: 'A', GroupName: 'G' }, { AttributeValue: 'A', GroupName: 'H' }])).rejects.toThrow(TypeError);
  });
});

describe('directory, roles (§4, §5)', () => {
  it('directory services, FDS group lookup by exact name, roles and membership', async () => {
    const dirs = await client.getDirectoryServices();
    expect(dirs.map((d) => d.Service)).toEqual(expect.arrayContaining(['CDS', 'FDS']));
    await client.updateGlobalGroupMappings([{ AttributeValue: 'a', GroupName: 'Sales' }, { AttributeValue: 'b', GroupName: 'Sales Managers' }]);
    const like = await client.findFederatedGroups('Sales');
    expect(like.map((g) => g.SystemName).sort()).toEqual(['Sales', 'Sales Managers']);
    const exact = await client.findFederatedGroups('Sales', { exact: true });
    expect(exact.map((g) => g.SystemName)).toEqual(['Sales']);
    const roleId = await client.storeRole({ Name: 'Partner Sales', Description: 'partners' });
    const roles = await client.listRoles();
    expect(roles.find((r) => r.Name === 'Partner Sales')?.ID).toBe(roleId);
    expect((await client.getRole(roleId)).Name).toBe('Partner Sales');
    await client.updateRoleMembers(roleId, { groups: { add: [exact[0]!.InternalName] } });
    expect(await client.getRoleMembers(roleId)).toEqual([expect.objectContaining({ Guid: exact[0]!.InternalName, Type: 'Group' })]);
    await client.updateRoleMembers(roleId, { groups: { remove: [exact[0]!.InternalName] } });
    expect(await client.getRoleMembers(roleId)).toEqual([]);
    const dup = await client.storeRole({ Name: 'Partner Sales' }).catch((x: unknown) => x);
    expect(dup).toMatchObject({ code: 'ERR_TENANT_API', errorCode: '1409' });
  });

  it('RedRock paging loops while a page is full and FullCount is not reached', async () => {
    for (let i = 0; i < 5; i++) await client.storeRole({ Name: `Paged ${i}` });
    const all = await client.listRoles();
    const paged = await client.listRoles({ PageSize: 2 });
    expect(paged.map((r) => r.ID)).toEqual(all.map((r) => r.ID));
    expect(all.length).toBeGreaterThanOrEqual(7);
  });
});

describe('policy (§6)', () => {
  it('reads the links and a block, sets FederatedLoginAllowsMfa with the RevStamp read', async () => {
    const links = await client.getPolicyLinks();
    expect(links.RevStamp).not.toBe('');
    const path = links.links[0]!.PolicySet;
    const before = await client.getPolicyBlock(path);
    const saved = await client.setFederatedLoginAllowsMfa(path, true);
    expect(saved.warning).toBeUndefined();
    expect(saved.RevStamp).not.toBe(before.RevStamp);
    const after = await client.getPolicyBlock(path);
    expect(after.Settings['/Core/Authentication/FederatedLoginAllowsMfa']).toBe(true);
    expect(after.RevStamp).toBe(saved.RevStamp);
  });

  it('a stale RevStamp is refused by the tenant (ERR_TENANT_API), not retried', async () => {
    const path = (await client.getPolicyLinks()).links[0]!.PolicySet;
    const block = await client.getPolicyBlock(path);
    const plinks = (await client.getPolicyLinks()).links.map((l) => l.raw);
    await client.setFederatedLoginAllowsMfa(path, true);
    const e = await client.savePolicyBlock({ plinks, policy: { Path: path, Settings: block.Settings, Newpolicy: false, RevStamp: block.RevStamp } }).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'ERR_TENANT_API', endpoint: '/Policy/SavePolicyBlock3' });
  });
});

describe('MSP (msp-create-customer)', () => {
  it('regions, alias availability, create a customer (secrets hidden), suffix, link, list, state', async () => {
    const regions = await client.getAvailablePodRegions();
    expect(regions.length).toBeGreaterThan(0);
    const avail = await client.getAliasAvailability('newcustomer.example');
    expect(typeof avail.StatusCode).toBe('string');
    const smb = await client.createNewSmb({ company: 'JohnTest', customerName: 'john@newcustomer.example', podRegion: regions[0]!, adminUser: 'mspadmin', initialAlias: 'newcustomer.example' });
    expect(smb.TenantId).not.toBe('');
    expect(typeof smb.AdminPass).toBe('string');
    expect(JSON.stringify(smb)).not.toContain(smb.AdminPass!);
    expect(Object.keys(smb)).not.toContain('AuthCookie');
    await client.storeAlias({ alias: 'login.newcustomer.example', domain: 'newcustomer.example' });
    expect(await client.getManagementLink(smb.TenantId)).toMatch(/^https?:\/\/.*OneTimePass=/);
    const tenants = await client.listTenants();
    expect(tenants.map((t) => t.ID)).toContain(smb.TenantId);
    await client.setTenantState(smb.TenantId, 'Disabled');
    expect((await client.listTenants()).find((t) => t.ID === smb.TenantId)?.Status).toBe(false);
  });
});
