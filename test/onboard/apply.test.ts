import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyPlan, checkSavedPlan, makePlan, onboard, OnboardError } from '../../src/onboard/index.js';
import { copyExamples, duplicates, EXAMPLES, FIXTURES, managedView, NOW, startEnv, type Env } from './sandbox-env.js';

let env: Env | undefined;
afterEach(async () => {
  await env?.stop();
  env = undefined;
});

const SIGNING = '2F4EF7D8BFC934A977578DEBCC3862C13691A1F1';

describe('onboard against the sandbox (real HTTP)', () => {
  it('apply examples/, then plan shows no changes, and a second apply is a no-op', async () => {
    env = await startEnv();
    const first = await onboard(env.client, [EXAMPLES], { now: NOW });
    expect(first.result.failed).toBeUndefined();
    expect(first.plan.changes.filter((c) => c.kind === 'federation.create').map((c) => c.kind === 'federation.create' && c.name)).toEqual(['acmeco', 'globex']);
    const view = managedView(env.sb.state());
    expect(view.federations.map((f) => [f.name, f.domains])).toEqual([['acmeco', ['acme-corp.example', 'acme.example']], ['globex', ['globex.example']]]);
    expect(view.globalMappings).toEqual(['Auditors -> External-Auditors', 'Contractors -> External-Contractors', 'Globex Support Engineers -> Partner-Support']);
    expect(view.roles.find((r) => r.name === 'Sales Portal Users')?.groups).toEqual(['Mgrs-Sales', 'Partner-Sales']);
    expect(view.mfa).toContain('/Policy/Default Policy: true');

    const again = await makePlan(env.client, [EXAMPLES], { now: NOW });
    expect(again.plan.changes).toEqual([]);
    const before = JSON.stringify(env.sb.state().federations);
    const second = await onboard(env.client, [EXAMPLES], { now: NOW });
    expect(second.plan.changes).toEqual([]);
    expect(second.result.done).toEqual([]);
    expect(JSON.stringify(env.sb.state().federations)).toBe(before);
    expect(duplicates(env.sb.state())).toEqual([]);
  });

  it('a changed manifest (new domain, rolled-over certificate, a mapping removed) gives exactly that update', async () => {
    env = await startEnv();
    const dir = copyExamples();
    await onboard(env.client, [dir], { now: NOW });
    const manifest = join(dir, 'adfs-partner', 'partner.yaml');
    writeFileSync(manifest, readFileSync(manifest, 'utf8')
      .replace('domains: [acme.example, acme-corp.example]', 'domains: [acme.example, acme-corp.example, acme-eu.example]')
      .replace('metadata: ./federationmetadata.xml', `metadata: ${join(FIXTURES, 'adfs.rollover-next.xml')}`)
      .replace(/^ {2}SalesTeamManagers: Mgrs-Sales\n/m, ''));
    const made = await makePlan(env.client, [dir], { now: NOW });
    expect(made.plan.changes).toHaveLength(1);
    const c = made.plan.changes[0]!;
    expect(c.kind).toBe('federation.update');
    if (c.kind !== 'federation.update') return;
    expect(c.domains).toEqual({ add: ['acme-eu.example'], remove: [] });
    expect(c.mappings).toEqual({ add: [], remove: [{ value: 'SalesTeamManagers', group: 'Mgrs-Sales' }] });
    expect(c.certificates?.from).toEqual([SIGNING]);
    expect(c.certificates?.to).toHaveLength(2);
    const r = await applyPlan(env.client, made.desired, made.plan, { now: NOW });
    expect(r.failed).toBeUndefined();
    expect((await makePlan(env.client, [dir], { now: NOW })).plan.changes).toEqual([]);
    expect(managedView(env.sb.state()).federations.find((f) => f.name === 'acmeco')?.certs).toHaveLength(2);
  });

  it('--prune removes only what the files no longer name; without it nothing is removed', async () => {
    env = await startEnv();
    await onboard(env.client, [EXAMPLES], { now: NOW });
    await env.client.addGlobalGroupMapping({ AttributeValue: 'Old Value', GroupName: 'Old-Group' });
    const kept = await onboard(env.client, [EXAMPLES], { now: NOW });
    expect(kept.plan.notManaged).toEqual([{ kind: 'global-mapping', value: 'Old Value', group: 'Old-Group' }]);
    expect(managedView(env.sb.state()).globalMappings).toContain('Old Value -> Old-Group');
    const before = managedView(env.sb.state());
    const pruned = await onboard(env.client, [EXAMPLES], { now: NOW, prune: true });
    expect(pruned.plan.changes).toEqual([{ kind: 'global-mapping.remove', value: 'Old Value', group: 'Old-Group' }]);
    const after = managedView(env.sb.state());
    expect(after.globalMappings).toEqual(before.globalMappings.filter((m) => m !== 'Old Value -> Old-Group'));
    expect(after.federations).toEqual(before.federations);
    expect(after.roles).toEqual(before.roles);
  });

  it('--prune deletes a federation the files no longer name (and its role members), nothing else', async () => {
    env = await startEnv();
    const dir = copyExamples();
    await onboard(env.client, [dir], { now: NOW });
    const before = managedView(env.sb.state());
    const fewer = copyExamples();
    const { rmSync } = await import('node:fs');
    rmSync(join(fewer, 'tenant-partner'), { recursive: true });
    const kept = await makePlan(env.client, [fewer], { now: NOW });
    expect(kept.plan.changes).toEqual([]);
    expect(kept.plan.notManaged).toContainEqual({ kind: 'federation', name: 'globex', uuid: expect.any(String) });
    expect(kept.plan.notManaged).toContainEqual({ kind: 'role-member', role: 'Sales Portal Users', group: 'Partner-Sales' });
    const pruned = await onboard(env.client, [fewer], { now: NOW, prune: true });
    expect(pruned.result.failed).toBeUndefined();
    expect(pruned.plan.changes.map((c) => c.kind).sort()).toEqual(['federation.delete', 'role-member.remove']);
    const after = managedView(env.sb.state());
    expect(after.federations.map((f) => f.name)).toEqual(['acmeco']);
    expect(after.globalMappings).toEqual(before.globalMappings);
    expect(after.roles.find((r) => r.name === 'Sales Portal Users')?.groups).toEqual(['Mgrs-Sales']);
    // Roles the files no longer name keep their members: never touched.
    expect(after.roles.find((r) => r.name === 'Support Portal Users')?.groups).toEqual(['Partner-Support']);
  });

  it('a global mapping moved to another group is deleted then added (one pair per value, none lost)', async () => {
    env = await startEnv();
    const dir = copyExamples();
    await onboard(env.client, [dir], { now: NOW });
    const file = join(dir, 'samlfed.onboard.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('Auditors: External-Auditors', 'Auditors: Partner-Auditors').replace('External-Auditors: [Audit Readers]', 'Partner-Auditors: [Audit Readers]'));
    const r = await onboard(env.client, [dir], { now: NOW });
    expect(r.result.failed).toBeUndefined();
    expect(r.plan.changes).toEqual([
      { kind: 'global-mapping.update', value: 'Auditors', from: 'External-Auditors', group: 'Partner-Auditors' },
      { kind: 'role-member.add', role: 'Audit Readers', group: 'Partner-Auditors' },
    ]);
    expect(r.plan.notManaged).toEqual([{ kind: 'role-member', role: 'Audit Readers', group: 'External-Auditors' }]);
    expect(managedView(env.sb.state()).globalMappings.filter((m) => m.startsWith('Auditors'))).toEqual(['Auditors -> Partner-Auditors']);
  });

  it('a stale saved plan is refused, a fresh one is applied', async () => {
    env = await startEnv();
    const made = await makePlan(env.client, [EXAMPLES], { now: NOW });
    await env.client.addGlobalGroupMapping({ AttributeValue: 'Someone Else', GroupName: 'Their-Group' });
    let err: unknown;
    try {
      await checkSavedPlan(env.client, JSON.parse(JSON.stringify(made.document)), { now: NOW });
    } catch (e) {
      err = e;
    }
    expect((err as OnboardError).code).toBe('ERR_ONBOARD_PLAN_STALE');
    expect(managedView(env.sb.state()).federations).toEqual([]);
    const fresh = await makePlan(env.client, [EXAMPLES], { now: NOW });
    const checked = await checkSavedPlan(env.client, JSON.parse(JSON.stringify(fresh.document)), { now: NOW });
    expect((await applyPlan(env.client, checked.desired, checked.plan, { now: NOW })).failed).toBeUndefined();
  });

  it('the MSP section creates the customer tenant once, even when re-run after a partial commit', async () => {
    env = await startEnv();
    const dir = copyExamples();
    writeFileSync(join(dir, 'samlfed.onboard.yaml'), `${readFileSync(join(dir, 'samlfed.onboard.yaml'), 'utf8')}\ncustomerTenant:\n  company: Acme Customer\n  region: Europe\n  alias: acme-customer.example\n`);
    await env.sb.adminApi('faults', { body: [{ kind: 'partial-commit', path: '/msp/createnewsmb', times: 1 }] });
    const first = await onboard(env.client, [dir], { now: NOW });
    expect(first.plan.changes[0]?.kind).toBe('customer-tenant.create');
    // The partial commit created the tenant and lost the answer: the step re-read and found it.
    expect(first.result.failed).toBeUndefined();
    const second = await onboard(env.client, [dir], { now: NOW });
    expect(second.plan.changes).toEqual([]);
    expect(managedView(env.sb.state()).customers).toEqual(['Acme Customer']);
  });
});
