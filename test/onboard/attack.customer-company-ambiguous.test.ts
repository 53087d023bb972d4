/**
 * Red-team: the `customerTenant` section names its tenant by company name (case-insensitive). When
 * two customer tenants answer to it ("Acme Co" and "ACME CO", or a second one created between plan
 * and apply), onboard picked the first in the tenant list (ordered by id) and planned or applied the
 * customer-scoped changes (federation, roles, MFA, suffixes) inside whichever that was. Now an
 * ambiguous name is ERR_ONBOARD_TENANT_CONFLICT: a plan problem (apply refuses it, no management
 * link is used), and a failed step at apply time when the second tenant appeared after the plan.
 * Against the sandbox over real HTTP.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyPlan, makePlan } from '../../src/onboard/index.js';
import type { TenantClient } from '../../src/tenant/index.js';
import { FIXTURES, NOW, startEnv, type Env } from './sandbox-env.js';

const MSP = join(FIXTURES, 'msp');
let envs: Env[] = [];
afterEach(async () => {
  await Promise.all(envs.map((e) => e.stop()));
  envs = [];
});

async function customer(client: TenantClient, company: string, alias: string): Promise<string> {
  return (await client.createNewSmb({ company, customerName: `it@${alias}`, podRegion: 'Europe', adminUser: 'admin', initialAlias: alias })).TenantId;
}

/** Federations inside each customer tenant, by id. */
function federationsInside(e: Env): Record<string, string[]> {
  return Object.fromEntries(e.sb.state().customers.map((c) => [c.id, (c.state?.federations ?? []).map((f) => f.name)]));
}

describe('a company name that two customer tenants answer to', () => {
  it('is a plan problem: nothing is planned inside either tenant, apply refuses the plan', async () => {
    const e = await startEnv();
    envs.push(e);
    const a = await customer(e.client, 'Acme Co', 'acme-co.example');
    const b = await customer(e.client, 'ACME CO', 'acme-two.example');
    const made = await makePlan(e.client, [MSP], { now: NOW });
    expect(made.plan.problems).toEqual([expect.objectContaining({ code: 'ERR_ONBOARD_TENANT_CONFLICT', message: expect.stringContaining([a, b].sort().join(', ')) })]);
    expect(made.plan.changes.filter((c) => c.scope === 'customer')).toEqual([]);
    expect(made.snapshot.customer).toBeUndefined();
    await expect(applyPlan(e.client, made.desired, made.plan, { now: NOW })).rejects.toMatchObject({ code: 'ERR_ONBOARD_BLOCKED' });
    expect(federationsInside(e)).toEqual({ [a]: [], [b]: [] });
  });

  it('appearing between plan and apply stops apply before anything is written inside a tenant', async () => {
    const e = await startEnv();
    envs.push(e);
    const a = await customer(e.client, 'Acme Co', 'acme-co.example');
    const made = await makePlan(e.client, [MSP], { now: NOW });
    expect(made.plan.problems).toEqual([]);
    expect(made.snapshot.customer?.tenantId).toBe(a);
    const b = await customer(e.client, 'acme co', 'acme-two.example');
    const result = await applyPlan(e.client, made.desired, made.plan, { now: NOW });
    expect(result.failed?.error).toMatchObject({ code: 'ERR_ONBOARD_TENANT_CONFLICT' });
    expect(result.done).toEqual([]);
    expect(federationsInside(e)).toEqual({ [a]: [], [b]: [] });
  });
});
