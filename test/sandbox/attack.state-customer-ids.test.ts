/**
 * Red-team: a state (file or `PUT /_sandbox/state`) whose customer tenant ids are ambiguous must be
 * refused whole (400 ERR_SANDBOX_STATE_INVALID). Before the fix, a customer whose id was the MSP
 * tenant's id was accepted: its management link opened a session whose tenant id is the MSP's, so
 * `tenantOf` gave that session the MSP tenant's state (a customer admin acting on the MSP tenant).
 * Duplicate ids (any case) made `customer(id)` pick one of two tenants, and a customer without a
 * `state` could carry any id (markup, 10 000 characters) into certificates and pages. And a state
 * could hold thousands of customers (4005 in a 31 MB import blocked the server 4.2 s).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_CUSTOMERS } from '../../src/sandbox/state/model.js';
import { startTestSandbox, type Envelope, type TestSandbox } from '../helpers/sandbox.js';

let sb: TestSandbox;
let good: Record<string, unknown> & { tenant: { id: string } };
beforeAll(async () => {
  sb = await startTestSandbox();
  good = sb.state() as unknown as typeof good;
});
afterAll(() => sb.stop());

const customer = (id: string) => ({ id, companyName: `Co ${id.slice(0, 10)}`, podRegion: 'Europe', adminUser: 'admin', enabled: true, aliases: [`c${Math.random().toString(36).slice(2, 8)}.example`] });

describe('customer tenant ids in an imported state', () => {
  const cases: [string, () => unknown[]][] = [
    ["a customer with the MSP tenant's id", () => [customer(good.tenant.id)]],
    ["a customer with the MSP tenant's id in other case", () => [customer(good.tenant.id.toLowerCase())]],
    ['two customers with the same id (case-insensitive)', () => [customer('AAX0001'), customer('aax0001')]],
    ['a customer id that is markup', () => [customer('<b>x</b>')]],
    ['a customer id of 10 000 characters', () => [customer('A'.repeat(10_000))]],
  ];
  for (const [name, customers] of cases) {
    it(`refuses ${name}`, async () => {
      const r = await sb.fetch('/_sandbox/state', { method: 'PUT', body: JSON.stringify({ ...structuredClone(good), customers: customers() }) });
      const j = (await r.json()) as { error: string; message: string };
      expect(r.status).toBe(400);
      expect(j.error).toBe('ERR_SANDBOX_STATE_INVALID');
      expect(j.message).toMatch(/customers\[\d\]\.id/);
      // Nothing of it was kept: no management link reaches the MSP tenant's id.
      const token = await sb.login();
      const l = (await sb.call('/msp/getmanagementlink', { tenantId: good.tenant.id }, token)) as Envelope;
      expect(l.success).toBe(false);
    });
  }

  it('refuses more customers than msp/createnewsmb allows (each costs a key parse now, a key pair on first use)', async () => {
    const customers = Array.from({ length: MAX_CUSTOMERS + 1 }, (_, i) => customer(`AAX${String(i).padStart(4, '0')}`));
    const r = await sb.fetch('/_sandbox/state', { method: 'PUT', body: JSON.stringify({ ...structuredClone(good), customers }) });
    expect(r.status).toBe(400);
    expect((await r.json()) as object).toMatchObject({ error: 'ERR_SANDBOX_STATE_INVALID', message: expect.stringContaining(`customers must hold at most ${MAX_CUSTOMERS} tenants`) });
  });

  it('distinct well-formed ids still import', async () => {
    const r = await sb.fetch('/_sandbox/state', { method: 'PUT', body: JSON.stringify({ ...structuredClone(good), customers: [customer('AAX0001'), customer('AAX0002')] }) });
    expect(r.status).toBe(200);
  });
});
