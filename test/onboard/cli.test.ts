import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { TEST_ADMIN_PASSWORD, TEST_ADMIN_USER } from '../helpers/sandbox.js';
import { EXAMPLES, FIXTURES, managedView, ROOT, startEnv, type Env } from './sandbox-env.js';

let env: Env | undefined;
afterEach(async () => {
  await env?.stop();
  env = undefined;
});

const NOW = ['--now', '2026-06-15'];
const conn = (e: Env) => ({ SAMLFED_TENANT_URL: e.sb.url, SAMLFED_USER: TEST_ADMIN_USER, SAMLFED_PASSWORD: TEST_ADMIN_PASSWORD });

describe('samlfed onboard (CLI, against the sandbox)', () => {
  it('plan --detailed-exitcode is 2 with changes; apply; plan again is 0 and says No changes', async () => {
    env = await startEnv();
    const opts = { env: conn(env), cwd: ROOT };
    const plan = await cli(['onboard', 'plan', 'examples', '--detailed-exitcode', ...NOW], opts);
    expect(plan.stderr).toBe('');
    expect(plan.code).toBe(2);
    expect(plan.stdout).toMatch(/^\+ create federation "acmeco" \(adfs, examples\/adfs-partner\/partner\.yaml\)$/m);
    expect(plan.stdout).toMatch(/trusts: +SHA-1 2F4EF7D8BFC934A977578DEBCC3862C13691A1F1 .*valid until 2045-01-01/);
    expect(plan.stdout).toMatch(/^Plan: 21 to add, 1 to change, 0 to remove\.$/m);
    const apply = await cli(['onboard', 'apply', 'examples', ...NOW], opts);
    expect(apply.code).toBe(0);
    expect(apply.stderr).toMatch(/^samlfed onboard apply: \[1\/22\] create federation "acmeco": done$/m);
    expect(apply.stderr.trim().split('\n')).toHaveLength(22);
    expect(apply.stdout).toMatch(/Apply complete: 22 changed, 0 already in place\./);
    const again = await cli(['onboard', 'plan', 'examples', '--detailed-exitcode', ...NOW], opts);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^No changes\. The tenant matches the files\.$/m);
  });

  it('MSP: plan shows the customer tenant\'s changes by scope (text and JSON); apply; plan again is 0', async () => {
    env = await startEnv();
    const opts = { env: conn(env), cwd: ROOT };
    const msp = 'test/fixtures/onboard/msp';
    const plan = await cli(['onboard', 'plan', msp, '--detailed-exitcode', ...NOW], opts);
    expect(plan.code).toBe(2);
    expect(plan.stdout).toMatch(/^\+ create customer tenant "Acme Co"\n(.*\n)*In the customer tenant \(through its management link\):\n  \+ add login suffix acme\.example\n  \+ create federation "MSP AAA1234"/m);
    const json = await cli(['onboard', 'plan', msp, '-f', 'json', ...NOW], opts);
    const doc = JSON.parse(json.stdout) as { changes: { kind: string; scope?: string }[] };
    expect(doc.changes.map((c) => c.scope ?? '-')).toEqual(['-', 'customer', 'customer', 'customer', 'customer', 'customer', 'customer', 'customer']);
    const apply = await cli(['onboard', 'apply', msp, ...NOW], opts);
    expect(apply.code).toBe(0);
    expect(apply.stderr).toMatch(/^samlfed onboard apply: \[2\/8\] add login suffix acme\.example in the customer tenant: done$/m);
    expect(apply.stderr).toMatch(/^samlfed onboard apply: \[3\/8\] create federation "MSP AAA1234" in the customer tenant: done$/m);
    expect(apply.stdout + apply.stderr).not.toMatch(/OneTimePass=(?!\[redacted\])/);
    const again = await cli(['onboard', 'plan', msp, '--detailed-exitcode', ...NOW], opts);
    expect(again.code).toBe(0);
  });

  it('apply --dry-run prints the requests (multipart summarised) and sends none', async () => {
    env = await startEnv();
    const r = await cli(['onboard', 'apply', 'examples', '--dry-run', ...NOW], { env: conn(env), cwd: ROOT });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('POST /Federation/CreateFederation');
    expect(r.stdout).toMatch(/IDPMetadataFileContents: file "federationmetadata\.xml", text\/xml, \d+ bytes, SHA-256 [0-9a-f]{64}/);
    expect(r.stdout).toContain('IDPSigningCertificateThumbprint: "2F4EF7D8BFC934A977578DEBCC3862C13691A1F1"');
    expect(r.stdout).toContain('POST /Federation/AddGlobalGroupAssertionMapping\n  {\n    "Contractors": "External-Contractors"\n  }');
    expect(r.stdout).toContain('"Name": "<id of role Sales Portal Users>"');
    expect(r.stdout).toContain('POST /Policy/SavePolicyBlock3');
    expect(r.stdout + r.stderr).not.toContain(TEST_ADMIN_PASSWORD);
    const state = env.sb.state();
    expect(state.federations).toEqual([]);
    expect(state.globalMappings).toEqual([]);
    // On a terminal the running step gets a spinner line, redrawn with \r; without one, plain lines only.
    expect(r.stderr).not.toContain('\r');
    const tty = await cli(['onboard', 'apply', 'examples', '--dry-run', ...NOW], { env: conn(env), cwd: ROOT, tty: true });
    expect(tty.stderr).toMatch(/\r[|/\\-] \[1\/22\] create federation "acmeco"/);
  });

  it('a saved plan is applied; a stale one is refused with ERR_ONBOARD_PLAN_STALE and exit 1', async () => {
    env = await startEnv();
    const dir = mkdtempSync(join(tmpdir(), 'samlfed-plan-'));
    const opts = { env: conn(env), cwd: ROOT };
    const saved = join(dir, 'plan.json');
    expect((await cli(['onboard', 'plan', 'examples', '-o', saved, ...NOW], opts)).code).toBe(0);
    const doc = JSON.parse(readFileSync(saved, 'utf8'));
    expect(doc.format).toBe('samlfed-onboard-plan');
    expect(doc.summary).toEqual({ create: 21, update: 1, remove: 0, notManaged: 0, blocked: 0, problems: 0 });
    await env.client.addGlobalGroupMapping({ AttributeValue: 'Drift', GroupName: 'Drift-Group' });
    const stale = await cli(['onboard', 'apply', saved, ...NOW], opts);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toMatch(/ERR_ONBOARD_PLAN_STALE: the tenant changed since the plan was made/);
    expect(env.sb.state().federations).toEqual([]);
    const both = await cli(['onboard', 'plan', 'examples', '-o', saved, '--out', saved, ...NOW], opts);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('give the plan file once: -o/--output or --out');
    rmSync(saved);
    expect((await cli(['onboard', 'plan', 'examples', '--out', saved, ...NOW], opts)).code).toBe(0); // Terraform's spelling
    expect(JSON.parse(readFileSync(saved, 'utf8')).format).toBe('samlfed-onboard-plan');
    const ok = await cli(['onboard', 'apply', saved, ...NOW], opts);
    expect(ok.stderr).not.toMatch(/ERR_/);
    expect(ok.code).toBe(0);
    expect(managedView(env.sb.state()).federations.map((f) => f.name)).toEqual(['acmeco', 'globex']);
  });

  it('a blocked partner: plan exits 1 with the findings, apply refuses with ERR_ONBOARD_BLOCKED and sends nothing', async () => {
    env = await startEnv();
    const dir = mkdtempSync(join(tmpdir(), 'samlfed-blocked-'));
    writeFileSync(join(dir, 'partner.yaml'), `name: nosso\ndomains: [nosso.example]\nmetadata: ${join(FIXTURES, 'tenant.no-sso.xml')}\n`);
    const plan = await cli(['onboard', 'plan', dir, '-f', 'json', ...NOW], { env: conn(env) });
    expect(plan.code).toBe(1);
    const doc = JSON.parse(plan.stdout);
    expect(doc.blocked.map((b: { name: string; findings: { ruleId: string }[] }) => [b.name, b.findings.map((f) => f.ruleId)])).toEqual([['nosso', ['no-sso-endpoint']]]);
    const apply = await cli(['onboard', 'apply', dir, ...NOW], { env: conn(env) });
    expect(apply.code).toBe(1);
    expect(apply.stdout).toMatch(/^! BLOCKED partner "nosso"/m);
    expect(apply.stderr).toMatch(/ERR_ONBOARD_BLOCKED/);
    expect(env.sb.state().federations).toEqual([]);
  });

  it('a step that keeps failing stops apply: exit 1, what was done and what was not; a re-run finishes', async () => {
    env = await startEnv();
    const opts = { env: conn(env), cwd: ROOT };
    await env.sb.adminApi('faults', { body: [{ kind: 'envelope', path: '/Federation/AddGlobalGroupAssertionMapping', message: 'Injected refusal.' }] });
    const r = await cli(['onboard', 'apply', 'examples', ...NOW], opts);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/stopped at step add global mapping "Contractors" -> "External-Contractors":\n {2}ERR_ONBOARD_NOT_CONVERGED: .*Injected refusal\./);
    expect(r.stderr).toMatch(/^Done \(2\):\n {2}\+ create federation "acmeco"/m);
    expect(r.stderr).toMatch(/^Not done \(20\):\n {2}\+ global mapping "Contractors"/m);
    await env.sb.adminApi('faults', { method: 'DELETE' });
    const again = await cli(['onboard', 'apply', 'examples', ...NOW], opts);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/Apply complete: 20 changed, 0 already in place\./);
  });

  it('usage: no PATH is exit 2; a typo in the onboard file is exit 1 with file:line:col', async () => {
    expect((await cli(['onboard', 'plan'], { env: {} })).code).toBe(2);
    const dir = mkdtempSync(join(tmpdir(), 'samlfed-typo-'));
    writeFileSync(join(dir, 'samlfed.onboard.yaml'), 'globalMapings:\n  a: b\n');
    env = await startEnv();
    const r = await cli(['onboard', 'plan', dir], { env: conn(env) });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/ERR_MANIFEST_UNKNOWN_KEY: .*samlfed\.onboard\.yaml:1:1: globalMapings: .*did you mean "globalMappings"/);
  });
});
void EXAMPLES;
