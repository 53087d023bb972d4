/**
 * The MSP section (docs/onboard.md "MSP") against the sandbox over real HTTP: from one set of files,
 * apply creates the customer tenant, stores its login suffixes inside it and federates it with this
 * (MSP) tenant, tenant to tenant, with roles and MFA inside it. Fixtures: test/fixtures/onboard/msp
 * (scripts/fixtures/onboard.ts).
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyPlan, checkSavedPlan, formatPlanText, makePlan, onboard, recordingClient, type DryRequest } from '../../src/onboard/index.js';
import type { SandboxState } from '../../src/sandbox/index.js';
import { duplicates, EVERY_FAULT, FIXTURES, managedView, NOW, startEnv, type Env } from './sandbox-env.js';

const MSP = join(FIXTURES, 'msp');
let envs: Env[] = [];
afterEach(async () => {
  await Promise.all(envs.map((e) => e.stop()));
  envs = [];
});

async function env(opts: Parameters<typeof startEnv>[0] = {}, clientOpts: Parameters<typeof startEnv>[1] = {}): Promise<Env> {
  const e = await startEnv(opts, clientOpts);
  envs.push(e);
  return e;
}

/** The customer tenant's state inside the sandbox state (its own tenant state). */
function customerState(state: SandboxState): SandboxState {
  expect(state.customers).toHaveLength(1);
  return state.customers[0]!.state as SandboxState;
}

function copyMsp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'samlfed-onboard-msp-'));
  cpSync(MSP, dir, { recursive: true });
  return dir;
}

describe('MSP: customer tenant, its suffixes and the tenant-to-tenant federation from one set of files', () => {
  it('plans everything inside a customer tenant that does not exist yet, then applies it inside that tenant only', async () => {
    const e = await env();
    const made = await makePlan(e.client, [MSP], { now: NOW });
    expect(made.plan.problems).toEqual([]);
    expect(made.plan.blocked).toEqual([]);
    expect(made.plan.changes.map((c) => `${c.scope ?? 'msp'} ${c.kind}`)).toEqual([
      'msp customer-tenant.create',
      'customer login-suffix.add',
      'customer federation.create',
      'customer role.create',
      'customer role.create',
      'customer role-member.add',
      'customer role-member.add',
      'customer policy.mfa',
    ]);
    const text = formatPlanText(made.plan);
    expect(text).toContain('In the customer tenant (through its management link):\n  + add login suffix acme.example\n  + create federation "MSP AAA1234" (tenant');
    expect(made.document.changes[2]).toMatchObject({ kind: 'federation.create', scope: 'customer', name: 'MSP AAA1234', domains: ['aaa1234.samlfed.test'] });

    const result = await applyPlan(e.client, made.desired, made.plan, { now: NOW });
    expect(result.failed).toBeUndefined();
    expect(result.done).toHaveLength(8);
    const state = e.sb.state();
    // Nothing landed in the MSP tenant but the customer record.
    expect(state.federations).toEqual([]);
    expect(state.tenant.loginSuffixes).not.toContain('acme.example');
    const inside = customerState(state);
    expect(inside.tenant.loginSuffixes).toEqual(['acme-co.example', 'acme.example']);
    expect(managedView(inside)).toMatchObject({
      federations: [{ name: 'MSP AAA1234', domains: ['aaa1234.samlfed.test'], mappings: ['MSP Admins -> MSP-Admins', 'MSP Engineers -> MSP-Engineers'] }],
      mfa: ['/Policy/Default Policy: true'],
    });
    expect(managedView(inside).roles.filter((r) => r.groups.length)).toEqual([{ name: 'MSP Administrators', groups: ['MSP-Admins'] }, { name: 'MSP Support', groups: ['MSP-Engineers'] }]);

    // Read back through a customer session: what the tenant client sees inside the customer tenant.
    const cust = await e.client.openCustomerSession(state.customers[0]!.id);
    expect((await cust.getFederations()).map((f) => f.FederationName)).toEqual(['MSP AAA1234']);
    expect(await cust.getAliasAvailability('acme.example')).toMatchObject({ StatusCode: 'AliasInUse', Tenant: state.customers[0]!.id });
    expect(await e.client.getFederations()).toEqual([]);

    // Plan again: no changes; apply again: a no-op.
    const again = await makePlan(e.client, [MSP], { now: NOW });
    expect(again.plan.changes).toEqual([]);
    expect(again.plan.warnings).toEqual([]);
    const before = JSON.stringify(e.sb.state());
    const second = await onboard(e.client, [MSP], { now: NOW });
    expect(second.result.done).toEqual([]);
    expect(JSON.stringify(e.sb.state().customers.map((c) => c.state!.federations))).toBe(JSON.stringify(JSON.parse(before).customers.map((c: { state: { federations: unknown } }) => c.state.federations)));
    expect(duplicates(e.sb.state())).toEqual([]);
    expect(duplicates(customerState(e.sb.state()))).toEqual([]);
  });

  it('a saved plan is stale when the customer tenant changed since', async () => {
    const e = await env();
    await onboard(e.client, [MSP], { now: NOW });
    const saved = await makePlan(e.client, [MSP], { now: NOW });
    const cust = await e.client.openCustomerSession(e.sb.state().customers[0]!.id);
    await cust.addGlobalGroupMapping({ AttributeValue: 'Someone', GroupName: 'Elses' });
    await expect(checkSavedPlan(e.client, saved.document, { now: NOW })).rejects.toMatchObject({ code: 'ERR_ONBOARD_PLAN_STALE' });
  });

  it('--dry-run inside an existing customer tenant shows the requests (one-time pass redacted) and sends no write', async () => {
    const e = await env();
    await onboard(e.client, [MSP], { now: NOW });
    const dir = copyMsp();
    const file = join(dir, 'samlfed.onboard.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('[acme-co.example, acme.example]', '[acme-co.example, acme.example, new-acme.example]'));
    const made = await makePlan(e.client, [dir], { now: NOW });
    expect(made.plan.changes).toEqual([{ kind: 'login-suffix.add', suffix: 'new-acme.example', scope: 'customer' }]);
    const requests: DryRequest[] = [];
    const r = await applyPlan(recordingClient(e.client, (x) => requests.push(x)), made.desired, made.plan, { now: NOW, dryRun: true });
    expect(r.planned).toHaveLength(1);
    expect(requests.map((x) => `${x.method} ${x.path}`)).toEqual(['POST /msp/getmanagementlink', 'GET /manage?OneTimePass=[redacted]&msp=true', 'POST /core/StoreAlias']);
    expect(customerState(e.sb.state()).tenant.loginSuffixes).not.toContain('new-acme.example');
  });

  it('--dry-run before the customer tenant exists lists its inside steps as planned, sends nothing', async () => {
    const e = await env();
    const made = await makePlan(e.client, [MSP], { now: NOW });
    const requests: DryRequest[] = [];
    const events: string[] = [];
    const r = await applyPlan(recordingClient(e.client, (x) => requests.push(x)), made.desired, made.plan, { now: NOW, dryRun: true, onStep: (ev) => ev.status === 'planned' && events.push(`${ev.label}: ${ev.note ?? 'request'}`) });
    expect(r.planned).toHaveLength(8);
    expect(events[0]).toBe('create customer tenant "Acme Co": request');
    expect(events[2]).toBe('create federation "MSP AAA1234" in the customer tenant: no request shown: the customer tenant does not exist yet');
    expect(requests.map((x) => x.path)).toEqual(['/msp/createnewsmb']);
    expect(e.sb.state().customers).toEqual([]);
  });

  it('a login suffix held by another tenant is a problem in the plan', async () => {
    const e = await env();
    await onboard(e.client, [MSP], { now: NOW });
    const dir = copyMsp();
    const file = join(dir, 'samlfed.onboard.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('[acme-co.example, acme.example]', '[acme-co.example, aaa1234.samlfed.test]'));
    const made = await makePlan(e.client, [dir], { now: NOW });
    expect(made.plan.problems.map((p) => p.message)).toEqual(['customer tenant "Acme Co": login suffix aaa1234.samlfed.test is in use by tenant AAA1234']);
  });
});


describe('MSP apply under injected faults converges to the clean state', () => {
  it.each([1, 7, 42])('seed %i: repeated apply until success = one clean apply; one customer tenant, nothing twice', async (seed) => {
    const clean = await env({ seed });
    expect((await onboard(clean.client, [MSP], { now: NOW })).result.failed).toBeUndefined();
    const want = managedView(customerState(clean.sb.state()));
    const faulty = await env({ seed, faults: EVERY_FAULT }, { timeoutMs: 300 });
    let runs = 0;
    for (; runs < 40; runs++) {
      try {
        if (!(await onboard(faulty.client, [MSP], { now: NOW })).result.failed) break;
      } catch {
        // a read that failed after its retries: the next run starts over
      }
    }
    expect(runs).toBeLessThan(40);
    await faulty.sb.adminApi('faults', { method: 'DELETE' });
    const got = faulty.sb.state();
    expect(got.customers.map((c) => c.companyName)).toEqual(['Acme Co']);
    expect(duplicates(customerState(got))).toEqual([]);
    expect(managedView(customerState(got))).toEqual(want);
    expect(customerState(got).tenant.loginSuffixes).toEqual(['acme-co.example', 'acme.example']);
    expect(got.federations).toEqual([]);
    expect((await makePlan(faulty.client, [MSP], { now: NOW })).plan.changes).toEqual([]);
    const log = await faulty.sb.adminApi<{ requests: { path: string; fault?: string }[] }>('requests');
    const fired = log.requests.filter((r) => r.fault !== undefined);
    expect(fired.length).toBeGreaterThan(0);
    console.log(`MSP seed ${seed}: ${runs + 1} apply run(s); faults fired on: ${[...new Set(fired.map((r) => `${r.path} (${r.fault})`))].sort().join(', ')}`);
  }, 120_000);

  it('a partial commit on the first call of every MSP write, and a dropped /manage: one apply succeeds, nothing twice', async () => {
    const faults = ['/msp/createnewsmb', '/core/StoreAlias', '/Federation/CreateFederation', '/SaasManage/StoreRole', '/Roles/UpdateRole', '/Policy/SavePolicyBlock3'].map((path) => ({ kind: 'partial-commit', path, times: 1 }));
    const e = await env({ faults: [...faults, { kind: 'drop', path: '/manage', times: 1 }] });
    const r = await onboard(e.client, [MSP], { now: NOW });
    expect(r.result.failed).toBeUndefined();
    const state = e.sb.state();
    expect(state.customers).toHaveLength(1);
    expect(duplicates(customerState(state))).toEqual([]);
    expect(customerState(state).tenant.loginSuffixes).toEqual(['acme-co.example', 'acme.example']);
    const fired = (await e.sb.adminApi<{ faults: { seen: number; fired: number }[] }>('faults')).faults.map((f) => f.fired);
    expect(fired).toEqual([1, 1, 1, 1, 1, 1, 1]);
    expect((await makePlan(e.client, [MSP], { now: NOW })).plan.changes).toEqual([]);
  });
});
