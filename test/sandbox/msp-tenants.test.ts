/**
 * Customer tenants are tenants (docs/sandbox.md "Customer tenants"): msp/createnewsmb gives each its
 * own state; msp/getmanagementlink + GET /manage?OneTimePass= opens a session that acts on that
 * tenant only. Over real HTTP on 127.0.0.1.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { federationForm, NATIVE, startTestSandbox, type Envelope, type TestSandbox } from '../helpers/sandbox.js';

let clock = new Date('2026-12-01T12:00:00Z');
let sb: TestSandbox;
let msp: string;
const dir = mkdtempSync(join(tmpdir(), 'samlfed-msp-'));
const logs: string[] = [];

beforeAll(async () => {
  sb = await startTestSandbox({ now: () => clock, log: (l) => logs.push(l), stateFile: join(dir, 'state.json') });
  msp = await sb.login();
});
afterAll(async () => {
  await sb.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function createCustomer(company: string, alias: string): Promise<string> {
  const r = await sb.call<{ TenantId: string; AdminPass: string }>('/msp/createnewsmb', { company, podRegion: 'Europe', adminUser: 'admin', initialAlias: alias, customerName: `it@${alias}` }, msp);
  expect(r.success).toBe(true);
  return r.Result.TenantId;
}

async function link(tenantId: string, token = msp): Promise<Envelope<string>> {
  return sb.call<string>('/msp/getmanagementlink', { tenantId }, token);
}

/** GET the link with &msp=true; the status and the .ASPXAUTH cookie value. */
async function manage(url: string): Promise<{ status: number; token: string | undefined; body: string }> {
  const u = new URL(url);
  const r = await sb.fetch(`${u.pathname}${u.search}&msp=true`);
  const cookie = r.headers.getSetCookie().find((c) => c.startsWith('.ASPXAUTH='));
  return { status: r.status, token: cookie ? cookie.slice('.ASPXAUTH='.length).split(';')[0] : undefined, body: await r.text() };
}

async function customerSession(tenantId: string): Promise<string> {
  const l = await link(tenantId);
  expect(l.success).toBe(true);
  const m = await manage(l.Result);
  expect(m.status).toBe(200);
  return m.token!;
}

describe('customer tenants (msp-create-customer.txt)', () => {
  it('a management-link session acts on the customer tenant, by bearer and by cookie', async () => {
    const id = await createCustomer('Acme Co', 'acme-co.example');
    const l = await link(id);
    expect(l.Result).toMatch(new RegExp(`^${sb.url}/manage\\?OneTimePass=[A-Za-z0-9_-]{43}$`));
    const m = await manage(l.Result);
    expect(m.status).toBe(200);
    expect(m.body).toContain('<title>Admin Portal</title>');
    const who = await sb.call<{ TenantId: string; User: string }>('/Security/whoami', {}, m.token);
    expect(who.Result).toMatchObject({ TenantId: id, User: 'admin@acme-co.example' });
    const byCookie = await sb.fetch('/Security/whoami', { method: 'POST', headers: { ...NATIVE, Cookie: `.ASPXAUTH=${m.token}` }, body: '{}' });
    expect(((await byCookie.json()) as Envelope<{ TenantId: string }>).Result.TenantId).toBe(id);
    // Its own SP keys: another signing certificate than the MSP tenant's.
    const mine = await sb.call<{ SPSigningCertificateThumbprint: string }>('/Federation/GetGlobalFederationSettings', {}, msp);
    const theirs = await sb.call<{ SPSigningCertificateThumbprint: string }>('/Federation/GetGlobalFederationSettings', {}, m.token);
    expect(theirs.Result.SPSigningCertificateThumbprint).not.toBe(mine.Result.SPSigningCertificateThumbprint);
    // Seeded like a tenant: the built-in roles, its admin in System Administrator.
    const members = await sb.call<{ Results: { Row: { Name: string; Type: string } }[] }>('/SaasManage/GetRoleMembers', { name: 'sysadmin' }, m.token);
    expect(members.Result.Results.map((r) => r.Row)).toEqual([expect.objectContaining({ Name: 'admin@acme-co.example', Type: 'User' })]);
  });

  it('isolates tenants: federations, suffixes, mappings and the tenant list never cross', async () => {
    const id = await createCustomer('Isolated Ltd', 'isolated.example');
    const cust = await customerSession(id);
    const created = await sb.fetch('/Federation/CreateFederation', { method: 'POST', headers: { ...NATIVE, Authorization: `Bearer ${cust}` }, body: federationForm({ FederationName: 'MSP staff', Domains: 'aaa1234.samlfed.test' }) });
    expect(((await created.json()) as Envelope).success).toBe(true);
    expect((await sb.call<{ FederationName: string }[]>('/Federation/GetFederations', {}, cust)).Result.map((f) => f.FederationName)).toEqual(['MSP staff']);
    expect((await sb.call<unknown[]>('/Federation/GetFederations', {}, msp)).Result.map((f) => (f as { FederationName: string }).FederationName)).not.toContain('MSP staff');
    // A login suffix stored through the customer session belongs to the customer tenant.
    expect((await sb.call('/core/StoreAlias', { alias: 'isolated2.example', domain: 'isolated2.example', cdsAlias: 'true', oldName: '' }, cust)).success).toBe(true);
    expect((await sb.call<{ StatusCode: string; Tenant: string }>('/msp/getaliasavailability', { alias: 'isolated2.example' }, msp)).Result).toEqual({ StatusCode: 'AliasInUse', Tenant: id });
    const exported = await sb.adminApi<{ tenant: { loginSuffixes: string[] }; customers: { id: string; state: { tenant: { loginSuffixes: string[] } } }[] }>('state');
    expect(exported.tenant.loginSuffixes).not.toContain('isolated2.example');
    expect(exported.customers.find((c) => c.id === id)!.state.tenant.loginSuffixes).toEqual(['isolated.example', 'isolated2.example']);
    // An alias another tenant holds is refused, in either direction.
    expect((await sb.call('/core/StoreAlias', { alias: 'aaa1234.samlfed.test', domain: 'x' }, cust)).Message).toBe("Alias 'aaa1234.samlfed.test' is already in use.");
    expect((await sb.call('/core/StoreAlias', { alias: 'isolated2.example', domain: 'x' }, msp)).Message).toBe("Alias 'isolated2.example' is already in use.");
    // Global mappings of one tenant are not the other's.
    expect((await sb.call('/Federation/AddGlobalGroupAssertionMapping', { CustOnly: 'CustGroup' }, cust)).success).toBe(true);
    expect((await sb.call<{ Mappings: unknown[] }>('/Federation/GetGlobalGroupAssertionMappings', {}, msp)).Result.Mappings).toEqual([]);
    // Roles and directory queries of one tenant are not the other's.
    expect((await sb.call('/SaasManage/StoreRole', { Name: 'Customer Only Role' }, cust)).success).toBe(true);
    const mspRoles = await sb.call<{ Results: unknown[] }>('/RedRock/query', { Script: "SELECT * FROM Role WHERE Name='Customer Only Role'" }, msp);
    expect(mspRoles.Result.Results).toEqual([]);
    const custRoles = await sb.call<{ Results: unknown[] }>('/RedRock/query', { Script: "SELECT * FROM Role WHERE Name='Customer Only Role'" }, cust);
    expect(custRoles.Result.Results).toHaveLength(1);
    const custGroups = await sb.call<{ Group: { Results: unknown[] } }>('/UserMgmt/DirectoryServiceQuery', { group: '{"SystemName":{"_like":"CustGroup"}}' }, cust);
    const mspGroups = await sb.call<{ Group: { Results: unknown[] } }>('/UserMgmt/DirectoryServiceQuery', { group: '{"SystemName":{"_like":"CustGroup"}}' }, msp);
    expect(JSON.stringify(custGroups.Result)).toContain('CustGroup');
    expect(JSON.stringify(mspGroups.Result)).not.toContain('CustGroup');
    // The customer session sees no tenant list, cannot reach the MSP tenant or itself by link, cannot create tenants or change states.
    const list = await sb.call<{ Results: unknown[] }>('/RedRock/query', { Script: 'Select * from Tenant ORDER BY ID COLLATE NOCASE' }, cust);
    expect(list.Result.Results).toEqual([]);
    expect((await link('AAA1234', cust)).Message).toBe("Tenant 'AAA1234' does not exist.");
    expect((await link(id, cust)).success).toBe(false);
    expect((await sb.call('/msp/createnewsmb', { company: 'Nested', podRegion: 'Europe', initialAlias: 'nested.example' }, cust)).Message).toBe('Only an MSP tenant can create customer tenants.');
    expect((await sb.call('/msp/SetTenantState', { tenantId: id, state: 'Disabled' }, cust)).success).toBe(false);
    // The MSP session cannot read the customer's federation by its uuid either.
    const uuid = (await sb.call<{ FederationUuid: string }[]>('/Federation/GetFederations', {}, cust)).Result[0]!.FederationUuid;
    expect((await sb.call('/Federation/GetFederation', { FederationUuid: uuid }, msp)).success).toBe(false);
    expect((await sb.call('/Federation/GetFederation', { FederationUuid: uuid }, cust)).success).toBe(true);
  });

  it('a one-time pass works once, expires after 5 minutes, and is never logged', async () => {
    const id = await createCustomer('Once Inc', 'once.example');
    const l = (await link(id)).Result;
    expect((await manage(l)).status).toBe(200);
    const again = await manage(l);
    expect(again.status).toBe(403);
    expect(again.token).toBeUndefined();
    expect(again.body).toContain('ERR_SANDBOX_MANAGE_REFUSED');
    const guessed = await manage(`${sb.url}/manage?OneTimePass=${'A'.repeat(43)}`);
    expect(guessed.status).toBe(403);
    const late = (await link(id)).Result;
    clock = new Date(clock.getTime() + 5 * 60 * 1000 + 1);
    expect((await manage(late)).status).toBe(403);
    const pass = new URL(l).searchParams.get('OneTimePass')!;
    const requests = JSON.stringify(await sb.adminApi('requests'));
    expect(requests).toContain('/manage');
    expect(requests).not.toContain(pass);
    expect(logs.join('\n')).not.toContain(pass);
  });

  it('at most 1000 one-time passes are outstanding: the oldest is dropped', async () => {
    const id = await createCustomer('Capped GmbH', 'capped.example');
    const first = (await link(id)).Result;
    const rest: string[] = [];
    for (let i = 0; i < 1000; i++) rest.push((await link(id)).Result);
    expect((await manage(first)).status).toBe(403);
    expect((await manage(rest[0]!)).status).toBe(200);
  });

  it('a disabled customer tenant refuses logins and its sessions; enabled again, it accepts them', async () => {
    const id = await createCustomer('Paused BV', 'paused.example');
    const cust = await customerSession(id);
    const l = (await link(id)).Result;
    expect((await sb.call('/msp/SetTenantState', { tenantId: id, state: 'Disabled' }, msp)).Result).toBe(true);
    expect((await manage(l)).status).toBe(403);
    const r = await sb.fetch('/Security/whoami', { method: 'POST', headers: { ...NATIVE, Authorization: `Bearer ${cust}` }, body: '{}' });
    expect(r.status).toBe(401);
    await sb.call('/msp/SetTenantState', { tenantId: id, state: 'Enabled' }, msp);
    expect((await sb.call<{ TenantId: string }>('/Security/whoami', {}, cust)).Result.TenantId).toBe(id);
  });
});

describe('state version 2 (customer tenants inside)', () => {
  it('loads a version 1 state: its customers get their own state when first used', async () => {
    const v2 = await sb.adminApi<Record<string, unknown> & { customers: Record<string, unknown>[] }>('state');
    const v1 = { ...v2, version: 1, customers: v2.customers.map(({ state: _s, ...c }) => c) };
    const file = join(dir, 'v1.json');
    writeFileSync(file, JSON.stringify(v1));
    const old = await startTestSandbox({ stateFile: file });
    try {
      const token = await old.login();
      const id = (v1.customers[0] as { id: string }).id;
      const l = await old.call<string>('/msp/getmanagementlink', { tenantId: id }, token);
      const u = new URL(l.Result);
      const r = await old.fetch(`${u.pathname}${u.search}&msp=true`);
      expect(r.status).toBe(200);
      const saved = JSON.parse(readFileSync(file, 'utf8')) as { version: number; customers: { id: string; state?: { tenant: { id: string } } }[] };
      expect(saved.version).toBe(2);
      expect(saved.customers.find((c) => c.id === id)!.state!.tenant.id).toBe(id);
    } finally {
      await old.stop();
    }
  });

  it('refuses an import whose customer state is malformed', async () => {
    const v2 = await sb.adminApi<Record<string, unknown> & { customers: Record<string, unknown>[] }>('state');
    const bad = { ...v2, customers: [{ ...v2.customers[0]!, state: { ...(v2.customers[0]!['state'] as object), federations: 'x' } }] };
    const r = await sb.fetch('/_sandbox/state', { method: 'PUT', body: JSON.stringify(bad) });
    expect(r.status).toBe(400);
    expect(JSON.stringify(await r.json())).toContain('customers[0].state.federations');
  });
});
