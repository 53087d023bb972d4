import { terminalSafe } from '../../metadata/lint/format/text.js';
import type { CertInfo } from '../desired/types.js';
import type { Change, Plan, Unmanaged } from '../plan/types.js';
import { summarise } from './document.js';

const q = (s: string) => JSON.stringify(terminalSafe(s));
const cert = (c: CertInfo) => `SHA-1 ${c.sha1}  ${terminalSafe(c.subject)}, valid until ${c.notAfter.slice(0, 10)}`;
const pair = (m: { value: string; group: string }) => `${q(m.value)} -> ${q(m.group)}`;

/** The lines of one change, Terraform style: `+` create/add, `~` update, `-` remove, details indented. */
export function changeLines(c: Change): string[] {
  switch (c.kind) {
    case 'customer-tenant.create':
      return [`+ create customer tenant ${q(c.tenant.company)}`, `    region ${q(c.tenant.region)}, alias ${c.tenant.alias}, admin ${q(c.tenant.adminUser)}`, ...(c.tenant.loginSuffixes.length ? [`    login suffixes: ${c.tenant.loginSuffixes.join(', ')}`] : [])];
    case 'login-suffix.add':
      return [`+ add login suffix ${c.suffix}`];
    case 'federation.create':
      return [
        `+ create federation ${q(c.name)} (${c.flavour}, ${terminalSafe(c.file)})`,
        `    domains:  ${c.domains.join(', ')}`,
        ...(c.mappings.length ? c.mappings.map((m, i) => `    ${i === 0 ? 'mappings: ' : '          '}${pair(m)}`) : ['    mappings: (none)']),
        ...c.trust.map((t, i) => `    ${i === 0 ? 'trusts:   ' : '          '}${cert(t)}`),
        ...c.signingCertificates.filter((s) => !c.trust.some((t) => t.sha1 === s.sha1)).map((s) => `    also listed (not trusted): ${cert(s)}`),
      ];
    case 'federation.update': {
      const lines = [`~ update federation ${q(c.name)} (uuid ${terminalSafe(c.uuid)}, ${terminalSafe(c.file)})`];
      if (c.certificates) {
        lines.push(`    signing certificate: ${c.certificates.from.join(', ')} -> ${c.certificates.to.join(', ')}`);
        for (const t of c.certificates.trust) lines.push(`      trusts ${cert(t)}`);
      }
      for (const d of c.domains?.add ?? []) lines.push(`    + domain ${d}`);
      for (const d of c.domains?.remove ?? []) lines.push(`    - domain ${d}`);
      for (const m of c.mappings?.add ?? []) lines.push(`    + mapping ${pair(m)}`);
      for (const m of c.mappings?.remove ?? []) lines.push(`    - mapping ${pair(m)}`);
      return lines;
    }
    case 'federation.delete':
      return [`- delete federation ${q(c.name)} (uuid ${terminalSafe(c.uuid)})`];
    case 'global-mapping.add':
      return [`+ global mapping ${pair(c)}`];
    case 'global-mapping.update':
      return [`~ global mapping ${q(c.value)}: ${q(c.from)} -> ${q(c.group)}`];
    case 'global-mapping.remove':
      return [`- global mapping ${pair(c)}`];
    case 'role.create':
      return [`+ create role ${q(c.role)}`];
    case 'role-member.add':
      return [`+ add group ${q(c.group)} to role ${q(c.role)}`];
    case 'role-member.remove':
      return [`- remove group ${q(c.group)} from role ${q(c.role)}`];
    case 'policy.mfa':
      return [`~ ${c.to ? 'enable' : 'disable'} MFA for federated logins: policy ${q(c.policy)} FederatedLoginAllowsMfa ${c.from} -> ${c.to}${c.requiredBy.length ? ` (requireMfa: ${c.requiredBy.join(', ')})` : ''}`];
  }
}

function unmanagedLine(u: Unmanaged): string {
  if (u.scope === 'customer') return `  (customer tenant)${unmanagedLine({ ...u, scope: undefined } as Unmanaged).slice(1)}`;
  if (u.kind === 'federation') return `  federation ${q(u.name)} (uuid ${terminalSafe(u.uuid)})`;
  if (u.kind === 'global-mapping') return `  global mapping ${pair(u)}`;
  return `  group ${q(u.group)} in role ${q(u.role)}`;
}

/** A plan as text for people (stdout of `samlfed onboard plan`). */
export function formatPlanText(plan: Plan, meta: { tenant?: string; fingerprint?: string } = {}): string {
  const out: string[] = [];
  if (meta.tenant) out.push(`Tenant ${terminalSafe(meta.tenant)}${meta.fingerprint ? ` (state ${meta.fingerprint.slice(0, 12)})` : ''}`, '');
  for (const b of plan.blocked) {
    out.push(`! BLOCKED partner ${q(b.name)}${b.scope === 'customer' ? ' in the customer tenant' : ''} (${terminalSafe(b.file)}): ${terminalSafe(b.reason)}`);
    for (const f of b.findings) out.push(`    ${f.ruleId}${f.line !== undefined ? ` (line ${f.line})` : ''}: ${terminalSafe(f.message.replace(/\n/g, ' '))}`);
  }
  for (const p of plan.problems) out.push(`! ${p.code}: ${terminalSafe(p.message)}`);
  if (plan.blocked.length || plan.problems.length) out.push('');
  for (const w of plan.warnings) out.push(`warning: ${terminalSafe(w)}`);
  if (plan.warnings.length) out.push('');
  if (plan.changes.length === 0) out.push('No changes. The tenant matches the files.');
  else {
    out.push('samlfed onboard will make these changes, in this order:', '');
    // Changes inside the customer tenant are grouped under a heading and indented (JSON: `scope`).
    let scope: Change['scope'];
    for (const c of plan.changes) {
      if (c.scope !== scope) {
        scope = c.scope;
        out.push(scope === 'customer' ? 'In the customer tenant (through its management link):' : 'In this tenant:');
      }
      out.push(...changeLines(c).map((l) => (scope === 'customer' ? `  ${l}` : l)));
    }
  }
  if (plan.notManaged.length) {
    out.push('', 'Not managed (in the tenant, not in the files; --prune removes them):');
    for (const u of plan.notManaged) out.push(unmanagedLine(u));
  }
  const s = summarise(plan);
  if (plan.changes.length) out.push('', `Plan: ${s.create} to add, ${s.update} to change, ${s.remove} to remove.`);
  if (s.blocked || s.problems) out.push(`Cannot apply: ${s.blocked} blocked partner(s), ${s.problems} problem(s).`);
  return `${out.join('\n')}\n`;
}
