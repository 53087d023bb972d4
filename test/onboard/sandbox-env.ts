/**
 * Onboard tests over real HTTP: a sandbox (test/helpers/sandbox.ts), the real tenant client, and a
 * normalised view of the sandbox state to compare final states.
 */
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestSandbox, TEST_ADMIN_PASSWORD, TEST_ADMIN_USER, type TestSandbox } from '../helpers/sandbox.js';
import { createTenantClient, type TenantClient } from '../../src/tenant/index.js';
import type { SandboxState } from '../../src/sandbox/index.js';
import type { SandboxOptions } from '../../src/sandbox/index.js';

export const ROOT = join(import.meta.dirname, '..', '..');
export const EXAMPLES = join(ROOT, 'examples');
export const FIXTURES = join(ROOT, 'test', 'fixtures', 'onboard');
/** Every fault kind of the sandbox, on every path (the MSP's /manage login and msp calls included), each with a small chance (first rule that fires wins). */
export const EVERY_FAULT = [
  { kind: 'partial-commit', method: 'POST', probability: 0.08 },
  { kind: 'drop', probability: 0.03 },
  { kind: 'http', status: 500, probability: 0.03 },
  { kind: 'http', status: 503, retryAfter: 1, probability: 0.02 },
  { kind: 'throttle', retryAfter: 1, probability: 0.03 },
  { kind: 'envelope', probability: 0.03 },
  { kind: 'stall', probability: 0.01 },
  { kind: 'latency', latencyMs: 5, probability: 0.05 },
];

/** Inside the validity of every example certificate. */
export const NOW = new Date('2026-06-15T00:00:00Z');

export interface Env {
  readonly sb: TestSandbox;
  readonly client: TenantClient;
  stop(): Promise<void>;
}

/** A sandbox and a client with short timeouts and no real waiting between retries. */
export async function startEnv(opts: SandboxOptions = {}, clientOpts: { timeoutMs?: number } = {}): Promise<Env> {
  const sb = await startTestSandbox(opts);
  const client = createTenantClient({
    url: sb.url,
    auth: { kind: 'password', user: TEST_ADMIN_USER, password: TEST_ADMIN_PASSWORD },
    timeoutMs: clientOpts.timeoutMs ?? 5_000,
    retry: { attempts: 4, baseDelayMs: 1, maxDelayMs: 5 },
    sleep: async () => {},
  });
  return { sb, client, stop: () => sb.stop() };
}

/** A copy of examples/ in a temp folder (tests edit the copy). */
export function copyExamples(): string {
  const dir = mkdtempSync(join(tmpdir(), 'samlfed-onboard-examples-'));
  cpSync(EXAMPLES, dir, { recursive: true });
  return dir;
}

/** What onboarding owns in the sandbox state, in a canonical order, ids replaced by names. */
export function managedView(state: SandboxState) {
  const groupName = new Map(state.fdsGroups.map((g) => [g.internalName, g.systemName]));
  const sortStr = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return {
    federations: state.federations
      .map((f) => ({ name: f.name, domains: [...f.domains].sort(sortStr), mappings: f.mappings.map((m) => `${m.AttributeValue} -> ${m.GroupName}`).sort(sortStr), certs: f.idpSigningSummaries.map((c) => c.thumbprint).sort(sortStr) }))
      .sort((a, b) => sortStr(a.name, b.name)),
    globalMappings: state.globalMappings.map((m) => `${m.AttributeValue} -> ${m.GroupName}`).sort(sortStr),
    roles: state.roles
      .map((r) => ({ name: r.name, groups: r.members.filter((m) => m.type === 'Group').map((m) => groupName.get(m.id) ?? m.id).sort(sortStr) }))
      .sort((a, b) => sortStr(a.name, b.name)),
    customers: state.customers.map((c) => c.companyName).sort(sortStr),
    mfa: state.policies.map((p) => `${p.path}: ${String(p.settings['/Core/Authentication/FederatedLoginAllowsMfa'] ?? false)}`).sort(sortStr),
  };
}

/** Duplicates the tenant must never hold: federation names or domains, global mapping pairs, role members. */
export function duplicates(state: SandboxState): string[] {
  const out: string[] = [];
  const dup = (label: string, list: string[]) => {
    const seen = new Set<string>();
    for (const x of list) {
      if (seen.has(x)) out.push(`${label}: ${x}`);
      seen.add(x);
    }
  };
  dup('federation name', state.federations.map((f) => f.name.toLowerCase()));
  dup('federation domain', state.federations.flatMap((f) => f.domains.map((d) => d.toLowerCase())));
  dup('global mapping', state.globalMappings.map((m) => `${m.AttributeValue}\u0000${m.GroupName}`));
  for (const r of state.roles) dup(`member of ${r.name}`, r.members.map((m) => `${m.type}:${m.id}`));
  dup('role name', state.roles.map((r) => r.name.toLowerCase()));
  dup('customer tenant', state.customers.map((c) => c.companyName.toLowerCase()));
  return out;
}
