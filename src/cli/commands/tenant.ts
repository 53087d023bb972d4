import { isSamlfedError } from '../../errors.js';
import type { TenantClient } from '../../tenant/client-types.js';
import { TenantError } from '../../tenant/errors.js';
import { CONNECTION_HELP, CONNECTION_OPTIONS, openTenantClient } from '../connection.js';
import { writeOutputFile } from '../output.js';
import { EXIT, UsageError, write, type CliIo } from '../io.js';
import { parseCommandArgs } from '../options.js';

const WHATS = ['federations', 'global-mappings', 'groups', 'roles', 'policy', 'settings', 'whoami'] as const;
type What = (typeof WHATS)[number];

const HELP = `Usage: samlfed tenant WHAT [options]

Read the tenant's state and print it (nothing is changed). WHAT is one of:
  federations       partner federations (GetFederations)
  global-mappings   global group mappings (GetGlobalGroupAssertionMappings)
  groups            federated (FDS) group names (GetGroups)
  roles             roles (the documented RedRock query), with --members their members
  policy            policy links in evaluation order, with FederatedLoginAllowsMfa of each policy
  settings          the SP settings partners need (GetGlobalFederationSettings)
  whoami            who the credentials log in as (Security/whoami)

Options:
  -f, --format text|json  default text
  -o, --output FILE       write the output to FILE instead of stdout
  --members               roles: also list each role's members
  -h, --help              this help
${CONNECTION_HELP}
Exit codes: 0 done, 1 the tenant refused or failed (ERR_TENANT_*), 2 usage, connection settings or
login problems.
`;

/** Errors that mean "fix your settings or credentials" (exit 2), not "the tenant failed" (exit 1). */
const SETUP_CODES = new Set(['ERR_TENANT_CONFIG', 'ERR_TENANT_AUTH_FAILED', 'ERR_TENANT_MFA_UNSUPPORTED', 'ERR_TENANT_HTML']);

/** `samlfed tenant`. */
export async function run(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('tenant', argv, {
    ...CONNECTION_OPTIONS,
    format: { type: 'string', short: 'f', default: 'text' },
    output: { type: 'string', short: 'o' },
    members: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    await write(io.stdout, HELP);
    return EXIT.OK;
  }
  const [what, ...extra] = positionals;
  if (what === undefined) throw new UsageError(`expected WHAT: ${WHATS.join(', ')}\n\n${HELP}`);
  if (!(WHATS as readonly string[]).includes(what)) throw new UsageError(`unknown WHAT ${JSON.stringify(what)}; expected one of ${WHATS.join(', ')}`);
  if (extra.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(extra[0])}`);
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`--format must be text or json, got ${JSON.stringify(values.format)}`);
  const json = values.format === 'json';
  try {
    const client = await openTenantClient(values, io);
    const data = await fetchWhat(client, what as What, values.members === true);
    const text = json ? `${JSON.stringify(data, null, 2)}\n` : render(what as What, data);
    if (values.output !== undefined) await writeOutputFile(io, values.output, text);
    else await write(io.stdout, text);
    return EXIT.OK;
  } catch (e) {
    if (!(e instanceof TenantError) && !(isSamlfedError(e) && !(e instanceof UsageError))) throw e;
    const err = e as TenantError;
    await write(io.stderr, `samlfed tenant: ${err.code}: ${err.message}\n`);
    if (json) await write(io.stdout, `${JSON.stringify({ error: err.toJSON() }, null, 2)}\n`);
    return SETUP_CODES.has(err.code) ? EXIT.USAGE : EXIT.REJECTED;
  }
}

type Data = Record<string, unknown>;

async function fetchWhat(c: TenantClient, what: What, members: boolean): Promise<Data> {
  switch (what) {
    case 'federations':
      return { federations: await c.getFederations() };
    case 'global-mappings':
      return { mappings: await c.getGlobalGroupMappings() };
    case 'groups':
      return { groups: await c.getGroups() };
    case 'roles': {
      const roles = await c.listRoles();
      if (!members) return { roles };
      const out = [];
      for (const r of roles) out.push({ ...r, members: await c.getRoleMembers(r.ID) });
      return { roles: out };
    }
    case 'policy': {
      const links = await c.getPolicyLinks();
      const policies = [];
      for (const l of links.links) {
        const block = await c.getPolicyBlock(l.PolicySet);
        policies.push({ PolicySet: l.PolicySet, LinkType: l.LinkType, RevStamp: block.RevStamp, FederatedLoginAllowsMfa: block.Settings['/Core/Authentication/FederatedLoginAllowsMfa'] ?? null, FederatedLoginSatisfiesAllMechs: block.Settings['/Core/Authentication/FederatedLoginSatisfiesAllMechs'] ?? null });
      }
      return { RevStamp: links.RevStamp, policies };
    }
    case 'settings':
      return { settings: await c.getGlobalFederationSettings() };
    case 'whoami':
      return { whoami: await c.whoami() };
  }
}

const q = (s: unknown): string => (typeof s === 'string' ? s : JSON.stringify(s));
/** Attribute values quoted: they may carry spaces (`"Sales Managers"`). */
const qv = (s: string): string => JSON.stringify(s);

/** Text form: one item per line, fields as `name=value`, no secrets (the client returns none). */
function render(what: What, d: Data): string {
  const lines: string[] = [];
  switch (what) {
    case 'federations': {
      const list = d.federations as { FederationName: string; FederationUuid: string; Domains: string[]; Active?: boolean; Mappings: { AttributeValue: string; GroupName: string }[]; Config: { IDPSigningCertificateThumbprint?: string; IDPSignInUrl?: string } }[];
      if (list.length === 0) lines.push('no federations');
      for (const f of list) {
        lines.push(`${f.FederationName}  uuid=${f.FederationUuid}${f.Active === false ? '  (inactive)' : ''}`);
        lines.push(`  domains: ${f.Domains.join(', ') || '(none)'}`);
        if (f.Config.IDPSignInUrl) lines.push(`  idp sign-in: ${f.Config.IDPSignInUrl}`);
        if (f.Config.IDPSigningCertificateThumbprint) lines.push(`  idp signing certificate: ${f.Config.IDPSigningCertificateThumbprint}`);
        for (const m of f.Mappings) lines.push(`  ${qv(m.AttributeValue)} -> ${m.GroupName}`);
      }
      break;
    }
    case 'global-mappings': {
      const list = d.mappings as { AttributeValue: string; GroupName: string }[];
      if (list.length === 0) lines.push('no global mappings');
      for (const m of list) lines.push(`${qv(m.AttributeValue)} -> ${m.GroupName}`);
      break;
    }
    case 'groups': {
      const list = d.groups as string[];
      if (list.length === 0) lines.push('no federated groups');
      lines.push(...list);
      break;
    }
    case 'roles': {
      const list = d.roles as { ID: string; Name: string; RoleType?: string; members?: { Type: string; Name?: string; Guid: string }[] }[];
      for (const r of list) {
        lines.push(`${r.Name}  id=${r.ID}${r.RoleType ? `  type=${r.RoleType}` : ''}`);
        for (const m of r.members ?? []) lines.push(`  ${m.Type.toLowerCase()} ${m.Name ?? m.Guid}`);
      }
      break;
    }
    case 'policy': {
      const list = d.policies as { PolicySet: string; LinkType: string; FederatedLoginAllowsMfa: unknown }[];
      lines.push(`policy links (evaluation order), RevStamp ${q(d.RevStamp)}`);
      list.forEach((p, i) => lines.push(`  ${i + 1}. ${p.PolicySet}  link=${p.LinkType}  FederatedLoginAllowsMfa=${p.FederatedLoginAllowsMfa === null ? '(unset)' : q(p.FederatedLoginAllowsMfa)}`));
      break;
    }
    case 'settings': {
      const s = d.settings as Record<string, unknown> & { GlobalMappings: { AttributeValue: string; GroupName: string }[] };
      for (const [k, v] of Object.entries(s)) {
        if (k === 'GlobalMappings' || k === 'other' || k === 'RequestedAttributes') continue;
        lines.push(`${k}: ${q(v)}`);
      }
      if (Array.isArray(s.RequestedAttributes)) lines.push(`RequestedAttributes: ${(s.RequestedAttributes as string[]).join(', ')}`);
      lines.push(`GlobalMappings: ${s.GlobalMappings.length === 0 ? '(none)' : ''}`);
      for (const m of s.GlobalMappings) lines.push(`  ${qv(m.AttributeValue)} -> ${m.GroupName}`);
      break;
    }
    case 'whoami': {
      const w = d.whoami as { User: string; UserUuid?: string; TenantId?: string };
      lines.push(`user: ${w.User}`);
      if (w.UserUuid) lines.push(`uuid: ${w.UserUuid}`);
      if (w.TenantId) lines.push(`tenant: ${w.TenantId}`);
      break;
    }
  }
  return `${lines.join('\n')}\n`;
}
