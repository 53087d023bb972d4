/**
 * Red-team: apply found the customer tenant again by its company name only. A plan made inside
 * tenant A ("Acme Co") and applied after the names moved (A renamed, B renamed to "Acme Co") sent
 * the customer-scoped changes (the tenant-to-tenant federation, roles, MFA) into B, a tenant that
 * was never read or planned. The plan now records the tenant it read (`customerTenantId`); apply
 * refuses another one with ERR_ONBOARD_TENANT_CONFLICT before anything is written inside it.
 * Against the sandbox over real HTTP (the rename through a state import: the sandbox has no rename call).
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyPlan, makePlan } from '../../src/onboard/index.js';
import { FIXTURES, NOW, startEnv, type Env } from './sandbox-env.js';

const MSP = join(FIXTURES, 'msp');
let envs: Env[] = [];
afterEach(async () => {
  await Promise.all(envs.map((e) => e.stop()));
  envs = [];
});

describe('a plan made inside one customer tenant', () => {
  it('is not applied inside another tenant that took the company name since', async () => {
    const e = await startEnv();
    envs.push(e);
    const a = (await e.client.createNewSmb({ company: 'Acme Co', customerName: 'it@acme-co.example', podRegion: 'Europe', adminUser: 'admin', initialAlias: 'acme-co.example' })).TenantId;
    const b = (await e.client.createNewSmb({ company: 'Beta Co', customerName: 'it@beta.example', podRegion: 'Europe', adminUser: 'admin', initialAlias: 'beta.example' })).TenantId;
    const made = await makePlan(e.client, [MSP], { now: NOW });
    expect(made.plan.problems).toEqual([]);
    expect(made.plan.customerTenantId).toBe(a);
    expect(made.plan.changes.some((c) => c.scope === 'customer' && c.kind === 'federation.create')).toBe(true);

    const state = e.sb.state();
    for (const c of state.customers) c.companyName = c.id === a ? 'Acme Co (old)' : 'Acme Co';
    expect((await e.sb.fetch('/_sandbox/state', { method: 'PUT', body: JSON.stringify(state) })).status).toBe(200);

    const result = await applyPlan(e.client, made.desired, made.plan, { now: NOW });
    expect(result.failed?.error).toMatchObject({ code: 'ERR_ONBOARD_TENANT_CONFLICT', message: expect.stringContaining(`is now ${b}; the plan was made inside ${a}`) });
    expect(result.done).toEqual([]);
    const inside = Object.fromEntries(e.sb.state().customers.map((c) => [c.id, c.state!.federations.length]));
    expect(inside).toEqual({ [a]: 0, [b]: 0 });
  });
});
