import { describe, expect, it } from 'vitest';
import { parseMetadata } from '../../src/metadata/index.js';
import { readCertificate } from '../../src/certs/index.js';
import { federationForm, NATIVE, sandboxForFile } from '../helpers/sandbox.js';

const sb = sandboxForFile({ resetBeforeEach: true });

type Table = { Count: number; FullCount: number; Results: { Row: Record<string, unknown> }[] };
const rows = (t: Table) => t.Results.map((r) => r.Row);

describe('GetGlobalFederationSettings and the SP documents (tenant-api.md §3.2, §3.3)', () => {
  it('serves every documented field from the generated SP keys', async () => {
    const s = (await sb.call<Record<string, unknown>>('/Federation/GetGlobalFederationSettings?FederationType=SAML%202.0', {}, sb.token)).Result;
    expect(Object.keys(s).sort()).toEqual(['GlobalMappings', 'IDPEndpointUrl', 'RequestedAttributes', 'SPAutnenticationResponseUrl', 'SPLogoutReturnUrl', 'SPLogoutUrl', 'SPMetadataUrl', 'SPSigningCertificateCAExpires', 'SPSigningCertificateCASubject', 'SPSigningCertificateCAThumbprint', 'SPSigningCertificateCAUrl', 'SPSigningCertificateExpires', 'SPSigningCertificateSubject', 'SPSigningCertificateThumbprint', 'SPSigningCertificateUrl'].sort());
    expect(s).toMatchObject({ SPAutnenticationResponseUrl: `${sb.url}/My`, SPMetadataUrl: `${sb.url}/Federation/federationmetadata?FederationType=SAML%202.0`, SPSigningCertificateCASubject: 'CN=Centrify Customer AAA1234', SPSigningCertificateExpires: '1/1/2039 12:00:00 AM', SPSigningCertificateCAExpires: '1/1/2039 12:00:00 AM', IDPEndpointUrl: sb.url, SPLogoutUrl: `${sb.url}/Security/Logout` });
    const der = new Uint8Array(await (await sb.fetch('/Federation/SPSigningCertificate')).arrayBuffer());
    expect(readCertificate(der).sha1Thumbprint).toBe(s['SPSigningCertificateThumbprint']);
    const caPem = await (await sb.fetch('/Federation/SPSigningCertificateAuthority?format=pem')).text();
    const ca = readCertificate(caPem);
    expect(ca.sha1Thumbprint).toBe(s['SPSigningCertificateCAThumbprint']);
    expect(readCertificate(der).issuer).toBe(ca.subject);
    expect((await sb.call('/Federation/GetGlobalFederationSettings?FederationType=WS-Fed', {}, sb.token)).Message).toBe("Federation type 'WS-Fed' is not supported.");
  });

  it('serves SP metadata signed with the SP key (checked with samlfed’s own verifier against the pinned certificate)', async () => {
    const s = (await sb.call<{ SPMetadataUrl: string; SPSigningCertificateThumbprint: string }>('/Federation/GetGlobalFederationSettings', {}, sb.token)).Result;
    const xml = await (await fetch(s.SPMetadataUrl)).text();
    const doc = parseMetadata(xml, { trust: { thumbprints: [s.SPSigningCertificateThumbprint] } });
    expect(doc.signature.status).toBe('valid');
    if (doc.signature.status === 'valid') expect(doc.signature.trust).toBe('trust-anchor');
    const sp = doc.entities[0]!.spSsoDescriptors[0]!;
    expect(doc.entities[0]!.entityId).toBe(`${sb.url}/Federation/federationmetadata`);
    expect(sp.assertionConsumerServices.map((a) => a.location)).toEqual([`${sb.url}/My`]);
  });
});

describe('global group mappings (tenant-api.md §3.7)', () => {
  it('adds, lists (both shapes), refuses a conflicting add and a missing delete, replaces the list', async () => {
    expect((await sb.call('/Federation/AddGlobalGroupAssertionMapping', { Team: 'TestB2B' }, sb.token)).Result).toBe(null);
    expect((await sb.call('/Federation/AddGlobalGroupAssertionMapping', { Team: 'TestB2B' }, sb.token)).success).toBe(true);
    expect((await sb.call('/Federation/AddGlobalGroupAssertionMapping', { Team: 'Other' }, sb.token)).Message).toBe("Global mapping for attribute value 'Team' already exists.");
    expect((await sb.call<{ Mappings: unknown[] }>('/Federation/GetGlobalGroupAssertionMappings', { Args: { Caching: -1 } }, sb.token)).Result.Mappings).toEqual([{ AttributeValue: 'Team', GroupName: 'TestB2B' }]);
    expect((await sb.call<{ GlobalMappings: unknown[] }>('/Federation/GetGlobalFederationSettings', {}, sb.token)).Result.GlobalMappings).toEqual([{ Team: 'TestB2B' }]);
    expect((await sb.call('/Federation/DeleteGlobalGroupAssertionMapping', { Nope: 'TestB2B' }, sb.token)).Message).toBe("Global mapping 'Nope' -> 'TestB2B' does not exist.");
    await sb.call('/Federation/UpdateGlobalGroupAssertionMappings', { Mappings: [{ AttributeValue: 'A', GroupName: 'GA' }, { AttributeValue: 'B', GroupName: 'GB' }] }, sb.token);
    expect((await sb.call<{ Mappings: unknown[] }>('/Federation/GetGlobalGroupAssertionMappings', {}, sb.token)).Result.Mappings).toEqual([{ AttributeValue: 'A', GroupName: 'GA' }, { AttributeValue: 'B', GroupName: 'GB' }]);
    expect((await sb.call<string[]>('/Federation/GetGroups', {}, sb.token)).Result).toEqual(['GA', 'GB', 'TestB2B']);
    expect((await sb.call('/Federation/DeleteGlobalGroupAssertionMapping', { A: 'GA' }, sb.token)).success).toBe(true);
  });
});

describe('directory, RedRock, roles (tenant-api.md §4, §5)', () => {
  it('lists CDS and FDS, finds an FDS group by SystemName, adds it to a new role and lists the members', async () => {
    await sb.fetch('/Federation/CreateFederation', { method: 'POST', headers: { ...NATIVE, Authorization: `Bearer ${sb.token}` }, body: federationForm({}) });
    const ds = rows((await sb.call<Table>('/core/GetDirectoryServices', {}, sb.token)).Result);
    expect(ds.map((r) => r['Service'])).toEqual(['CDS', 'FDS']);
    const fds = ds.find((r) => r['Service'] === 'FDS')!['directoryServiceUuid'] as string;
    const q = await sb.call<{ Group: Table; User?: Table }>('/UserMgmt/DirectoryServiceQuery', { directoryServices: [fds], group: JSON.stringify({ SystemName: { _like: 'acmesal' } }), Args: { PageNumber: 1, PageSize: 100 } }, sb.token);
    expect(q.Result.User).toBeUndefined();
    const group = rows(q.Result.Group)[0]!;
    expect(group).toMatchObject({ SystemName: 'AcmeSales', ServiceType: 'FDS', DirectoryServiceUuid: fds });
    const stored = await sb.call<{ _RowKey: string }>('/SaasManage/StoreRole', { Name: 'Partner Sales', Description: 'partners' }, sb.token);
    const roleId = stored.Result._RowKey;
    const dup = await sb.call('/Roles/StoreRole', { name: 'partner sales' }, sb.token);
    expect(dup).toMatchObject({ success: false, ErrorCode: '1409', Message: 'Role with name partner sales already exists.' });
    expect((await sb.call('/Roles/UpdateRole', { Name: roleId, Groups: { Add: [group['InternalName']] } }, sb.token)).Result).toBe(null);
    expect((await sb.call('/Roles/UpdateRole', { Name: roleId, Groups: { Add: ['NoSuchGroup'] } }, sb.token)).Message).toBe("Group 'NoSuchGroup' does not exist.");
    expect((await sb.call('/Roles/UpdateRole', { Name: 'nope', Groups: { Add: [] } }, sb.token)).Message).toBe('The role "nope" does not exist.');
    const members = rows((await sb.call<Table>('/SaasManage/GetRoleMembers?name=' + roleId, {}, sb.token)).Result);
    expect(members).toEqual([{ Guid: group['InternalName'], Name: 'AcmeSales', Type: 'Group' }]);
    const role = await sb.call<Record<string, unknown>>('/SaasManage/GetRole', { name: roleId, suppressPrincipalsList: true }, sb.token);
    expect(role.Result).toMatchObject({ Name: 'Partner Sales', RoleType: 'PrincipalList', _RowKey: roleId });
    const redrock = await sb.call<Table>('/RedRock/query', { Script: 'Select ID, COALESCE(Name, ID) AS Name, RoleType, ReadOnly, Description, DirectoryServiceUuid from Role ORDER BY Name COLLATE NOCASE', Args: { PageNumber: 1, PageSize: 2, Limit: 100000 } }, sb.token);
    expect(redrock.Result.Count).toBe(2);
    expect(redrock.Result.FullCount).toBe(3);
    expect(rows(redrock.Result).map((r) => r['Name'])).toEqual(['Everybody', 'Partner Sales']);
    const byName = await sb.call<Table>('/Redrock/Query', { Script: "SELECT * FROM Role WHERE Name='Partner Sales'" }, sb.token);
    expect(rows(byName.Result).map((r) => r['ID'])).toEqual([roleId]);
    const groupsLike = await sb.call<Table>('/RedRock/query', { Script: "SELECT InternalName as ID FROM DsGroups WHERE SystemName LIKE 'Acme%'" }, sb.token);
    expect(rows(groupsLike.Result)).toEqual([{ ID: group['InternalName'] }]);
    expect((await sb.call('/RedRock/query', { Script: 'DROP TABLE Role' }, sb.token)).Message).toBe('Query not supported by the sandbox: DROP TABLE Role');
  });
});

describe('policies (tenant-api.md §6)', () => {
  it('creates a policy, refuses a stale RevStamp and both MFA switches, updates with the current RevStamp', async () => {
    const links = await sb.call<Table & { RevStamp: string }>('/Policy/GetNicePlinks', { Args: {} }, sb.token);
    expect(rows(links.Result).map((r) => r['PolicySet'])).toEqual(['/Policy/Default Policy']);
    const current = rows(links.Result).map((r) => ({ PolicySet: r['PolicySet'], LinkType: r['LinkType'], Params: r['Params'], Description: r['Description'] }));
    const settings = { AuthenticationEnabled: true, '/Core/Authentication/FederatedLoginAllowsMfa': 'true' };
    const created = await sb.call<{ RevStamp: string }>('/Policy/SavePolicyBlock3', { plinks: [{ PolicySet: '/Policy/Partners', LinkType: 'Global', Params: [] }, ...current], policy: { Path: '/Policy/Partners', Description: '', Settings: settings, Newpolicy: true } }, sb.token);
    expect(created.Result.RevStamp).toMatch(/^\d{18}$/);
    const block = await sb.call<{ RevStamp: string; Settings: Record<string, unknown> }>('/Policy/GetPolicyBlock', { name: '/Policy/Partners' }, sb.token);
    expect(block.Result.Settings['/Core/Authentication/FederatedLoginAllowsMfa']).toBe(true);
    const both = await sb.call('/Policy/SavePolicyBlock3', { plinks: current, policy: { Path: '/Policy/Partners', Settings: { ...settings, '/Core/Authentication/FederatedLoginSatisfiesAllMechs': true }, Newpolicy: false, RevStamp: block.Result.RevStamp } }, sb.token);
    expect(both.Message).toBe('FederatedLoginAllowsMfa and FederatedLoginSatisfiesAllMechs cannot both be enabled.');
    const stale = await sb.call('/Policy/SavePolicyBlock3', { plinks: current, policy: { Path: '/Policy/Partners', Settings: settings, Newpolicy: 'false', RevStamp: '1' } }, sb.token);
    expect(stale).toMatchObject({ success: false, MessageID: '_Sandbox_PolicyRevStampStale' });
    const upd = await sb.call<{ RevStamp: string }>('/Policy/SavePolicyBlock3', { plinks: current, policy: { Path: '/Policy/Partners', Settings: { AuthenticationEnabled: true }, Newpolicy: false, RevStamp: block.Result.RevStamp } }, sb.token);
    expect(BigInt(upd.Result.RevStamp) > BigInt(block.Result.RevStamp)).toBe(true);
  });
});

describe('MSP calls (msp-create-customer.txt)', () => {
  it('regions, alias availability, create customer, suffix, management link, tenant list, tenant state', async () => {
    expect((await sb.call<string[]>('/msp/getavailablepodregions', {}, sb.token)).Result).toContain('Europe');
    expect((await sb.call<{ StatusCode: string }>('/msp/getaliasavailability', { alias: 'customer.example' }, sb.token)).Result.StatusCode).toBe('AliasAvailable');
    const c = await sb.call<{ TenantId: string; AdminUser: string }>('/msp/createnewsmb', { company: 'JohnTest', customerName: 'x@y.example', podRegion: 'Asia-Pacific', adminUser: 'mspadmin', initialAlias: 'customer.example', customerData: { Country: 'US' } }, sb.token);
    expect(c.Result.TenantId).toMatch(/^AAX\d{4}$/);
    expect((await sb.call<{ StatusCode: string; Tenant: string }>('/msp/getaliasavailability', { alias: 'CUSTOMER.example' }, sb.token)).Result).toEqual({ StatusCode: 'AliasInUse', Tenant: c.Result.TenantId });
    expect((await sb.call('/core/StoreAlias', { alias: 'loginsuffix.example', domain: 'mapped', cdsAlias: 'true', oldName: '' }, sb.token)).success).toBe(true);
    expect((await sb.call<string>('/msp/getmanagementlink', { tenantId: c.Result.TenantId }, sb.token)).Result).toMatch(/\/manage\?OneTimePass=/);
    const list = await sb.call<Table>('/RedRock/query', { Script: 'Select * from Tenant ORDER BY ID COLLATE NOCASE', Args: { PageNumber: 1, PageSize: 100, Limit: 100000, SortBy: '', direction: 'False', Caching: -1 } }, sb.token);
    expect(rows(list.Result)[0]).toMatchObject({ CompanyName: 'JohnTest', Status: true, ID: c.Result.TenantId });
    expect((await sb.call('//msp/SetTenantState', { tenantId: c.Result.TenantId, state: 'Disabled' }, sb.token)).Result).toBe(true);
    const after = await sb.call<Table>('/RedRock/query', { Script: 'Select * from Tenant ORDER BY ID COLLATE NOCASE' }, sb.token);
    expect(rows(after.Result)[0]!['Status']).toBe(false);
  });
});
