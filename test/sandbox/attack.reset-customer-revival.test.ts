/**
 * Red-team: `POST /_sandbox/reset` drops the customer tenants, and the seeded RNG starts over, so
 * the next `msp/createnewsmb` gets the SAME tenant id as the first customer before the reset (a
 * new tenant: another company, another admin). Before the fix, the old tenant's live sessions and
 * outstanding one-time passes were kept (they only named the id), so they came back to life in the
 * new tenant: a session of a removed tenant acting on another tenant. Sessions and passes of a
 * tenant that a reset or an import removes now end with it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NATIVE, startTestSandbox, type Envelope, type TestSandbox } from '../helpers/sandbox.js';

let sb: TestSandbox;
beforeAll(async () => {
  sb = await startTestSandbox();
});
afterAll(() => sb.stop());

async function create(msp: string, company: string, alias: string): Promise<string> {
  const r = await sb.call<{ TenantId: string }>('/msp/createnewsmb', { company, podRegion: 'Europe', adminUser: 'admin', initialAlias: alias }, msp);
  expect(r.success).toBe(true);
  return r.Result.TenantId;
}

async function link(msp: string, id: string): Promise<string> {
  const u = new URL((await sb.call<string>('/msp/getmanagementlink', { tenantId: id }, msp)).Result);
  return `${u.pathname}${u.search}&msp=true`;
}

describe('a customer tenant removed by a reset takes its sessions and passes with it', () => {
  it('a new tenant with the same id is not reached by the old tenant session or pass', async () => {
    // From the seed position: a reset, then a login and a createnewsmb (the same draws twice).
    expect((await sb.fetch('/_sandbox/reset', { method: 'POST' })).status).toBe(200);
    const msp = await sb.login();
    const oldId = await create(msp, 'Old Customer', 'old-customer.example');
    const m = await sb.fetch(await link(msp, oldId));
    expect(m.status).toBe(200);
    const oldSession = m.headers.getSetCookie().find((c) => c.startsWith('.ASPXAUTH='))!.slice('.ASPXAUTH='.length).split(';')[0]!;
    const oldPass = await link(msp, oldId);

    expect((await sb.fetch('/_sandbox/reset', { method: 'POST' })).status).toBe(200);
    // The same seed gives the same next id (the MSP session survives a reset, as documented).
    const msp2 = await sb.login();
    const newId = await create(msp2, 'New Customer', 'new-customer.example');
    expect(newId).toBe(oldId);

    const who = await sb.fetch('/Security/whoami', { method: 'POST', headers: { ...NATIVE, Authorization: `Bearer ${oldSession}` }, body: '{}' });
    expect(who.status).toBe(401);
    const feds = await sb.fetch('/Federation/GetFederations', { method: 'POST', headers: { ...NATIVE, Authorization: `Bearer ${oldSession}` }, body: '{}' });
    expect(feds.status).toBe(401);
    const replay = await sb.fetch(oldPass);
    expect(replay.status).toBe(403);
    expect(await replay.text()).toContain('ERR_SANDBOX_MANAGE_REFUSED');
    // The new tenant is reached by its own link.
    const fresh = await sb.fetch(await link(msp, newId));
    expect(fresh.status).toBe(200);
    expect(((await sb.call('/Security/whoami', {}, msp)) as Envelope).success).toBe(true);
  });
});
