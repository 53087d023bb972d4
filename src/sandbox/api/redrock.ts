import { strArg, type Ctx } from '../http/context.js';
import { fail, ok, type Reply } from '../http/reply.js';
import { table } from '../http/table.js';
import { MSG } from '../messages.js';
import type { TenantState } from '../state/model.js';

/** SQL LIKE with `%` and `_`, case-insensitive, as a RegExp. */
function likeRegExp(pattern: string): RegExp {
  const body = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*').replace(/_/g, '.');
  return new RegExp(`^${body}$`, 'is');
}

function roleRow(state: TenantState, r: TenantState['roles'][number]): Record<string, unknown> {
  return { Name: r.name, ID: r.id, Description: r.description, RoleType: r.roleType, ReadOnly: r.readOnly, DirectoryServiceUuid: state.directoryServices.find((d) => d.service === 'CDS')!.uuid };
}

/** An allow-listed statement: a pattern over the normalised script and its answer. */
type Query = [RegExp, (ctx: Ctx, m: RegExpExecArray, script: string) => Reply];

/**
 * The statements the sandbox understands (tenant-api.md §4.3: no SQL engine; an allow-list by
 * normalised text). The script is lower-cased for matching only; quoted values keep their case.
 */
const QUERIES: Query[] = [
  [/^select id, coalesce\(name, id\) as name, roletype, readonly, description, directoryserviceuuid from role order by name collate nocase$/, (ctx) => {
    const rows = [...ctx.state.roles].sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' })).map((r) => roleRow(ctx.state, r));
    return ok(table('Role', rows, ctx.body, (r) => String(r['ID']), ['ID', 'Name', 'RoleType', 'ReadOnly', 'Description', 'DirectoryServiceUuid']));
  }],
  [/^select \* from role where name\s*=\s*'((?:[^']|'')*)'$/, (ctx, m, script) => {
    const name = original(script, m[1]!).replace(/''/g, "'");
    const rows = ctx.state.roles.filter((r) => r.name.toLowerCase() === name.toLowerCase()).map((r) => roleRow(ctx.state, r));
    return ok(table('Role', rows, ctx.body, (r) => String(r['ID']), ['ID', 'Name', 'RoleType', 'ReadOnly', 'Description', 'DirectoryServiceUuid']));
  }],
  [/^select internalname as id from (dsgroups|dsusers) where systemname like '((?:[^']|'')*)'$/, (ctx, m, script) => {
    const re = likeRegExp(original(script, m[2]!).replace(/''/g, "'"));
    const s = ctx.state;
    const rows = m[1] === 'dsgroups' ? s.fdsGroups.filter((g) => re.test(g.systemName)).map((g) => ({ ID: g.internalName })) : s.users.filter((u) => re.test(u.name)).map((u) => ({ ID: u.uuid }));
    return ok(table(m[1] === 'dsgroups' ? 'DsGroups' : 'DsUsers', rows, ctx.body, (r) => String(r['ID']), ['ID']));
  }],
  [/^select \* from tenant order by id collate nocase$/, (ctx) => {
    const base = ctx.rt.url.replace(/^https?:\/\//, '');
    const rows = [...ctx.state.customers].sort((a, b) => a.id.localeCompare(b.id, 'en', { sensitivity: 'base' })).map((t) => ({ CompanyName: t.companyName, Status: t.enabled, ID: t.id, PodFqdn: `${t.id.toLowerCase()}.${base}`, _MatchFilter: null }));
    return ok(table('Tenant', rows, ctx.body, (r) => String(r['ID']), ['CompanyName', 'Status', 'ID', 'PodFqdn']));
  }],
];

/** The quoted value as written (the match ran on the lower-cased script: recover the original case by position). */
function original(script: string, lowered: string): string {
  const i = script.toLowerCase().indexOf(`'${lowered}'`);
  return i < 0 ? lowered : script.slice(i + 1, i + 1 + lowered.length);
}

/** POST /RedRock/query `{Script, Args}` (tenant-api.md §4.3, msp-create-customer.txt tenant list). */
export function redrockQuery(ctx: Ctx): Reply {
  const script = strArg(ctx, 'Script');
  if (!script) return fail(MSG.parameterRequired('Script'));
  const normalised = script.replace(/\s+/g, ' ').replace(/\s*;\s*$/, '').trim();
  const lowered = normalised.toLowerCase();
  for (const [re, answer] of QUERIES) {
    const m = re.exec(lowered);
    if (m) return answer(ctx, m, normalised);
  }
  return fail(MSG.queryUnsupported(script.length > 300 ? `${script.slice(0, 300)}…` : script));
}
