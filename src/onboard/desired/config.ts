import type { GroupMapping } from '../../federation/manifest/types.js';
import { hasControlChars } from '../../federation/manifest/checks.js';
import { readPositionedYaml } from '../../federation/manifest/yaml.js';
import { Fields, type Obj } from './fields.js';
import type { CustomerTenantSpec, RoleMembership } from './types.js';

/** Top-level keys of `samlfed.onboard.yaml` (docs/onboard.md "The onboard file"). */
export const ONBOARD_KEYS = ['globalMappings', 'roles', 'mfa', 'customerTenant'] as const;
export const MFA_KEYS = ['federatedLogins', 'policy'] as const;
export const CUSTOMER_KEYS = ['company', 'region', 'alias', 'loginSuffixes', 'adminUser', 'contact', 'federation', 'roles', 'mfa'] as const;

/** The onboard file, validated. */
export interface OnboardConfig {
  readonly file?: string;
  readonly globalMappings?: readonly GroupMapping[];
  readonly roles: readonly RoleMembership[];
  readonly mfa?: { readonly federatedLogins?: boolean; readonly policy?: string };
  readonly customerTenant?: CustomerTenantSpec;
}

/** `roles`: host group -> [roles] (the onboard file's, or customerTenant's). */
function parseRoles(f: Fields, value: unknown, at: (string | number)[]): RoleMembership[] {
  const roles: RoleMembership[] = [];
  if (value === undefined || value === null) return roles;
  const m = f.obj(value, at, 'a mapping "host group: [roles]"');
  for (const [group, list] of Object.entries(m)) {
    if (group.trim() === '' || group.trim() !== group) f.fail([...at, group], `expected a host group name without surrounding spaces, found ${JSON.stringify(group)}`, { key: true });
    for (const role of f.strList(list, [...at, group], 'role name', { nonEmpty: true })) roles.push({ group, role });
  }
  return roles;
}

/** `mfa`: federatedLogins and/or policy. */
function parseMfa(f: Fields, value: unknown, at: string[]): OnboardConfig['mfa'] {
  if (value === undefined || value === null) return undefined;
  const m = f.obj(value, at, 'a mapping with federatedLogins and/or policy');
  f.unknownKeys(m, at, MFA_KEYS);
  const federatedLogins = m.federatedLogins === undefined ? undefined : f.bool(m.federatedLogins, [...at, 'federatedLogins']);
  const policy = m.policy === undefined ? undefined : f.str(m.policy, [...at, 'policy'], 'policy path (/Policy/<name>)');
  if (policy !== undefined && !policy.startsWith('/Policy/')) f.fail([...at, 'policy'], `expected a policy path such as "/Policy/Default Policy", found ${JSON.stringify(policy)}`, { expected: '/Policy/<name>', actual: policy });
  return { ...(federatedLogins !== undefined ? { federatedLogins } : {}), ...(policy !== undefined ? { policy } : {}) };
}

/**
 * Parse and validate the onboard file (YAML 1.2 or JSON, the manifest's hardened reader):
 * `globalMappings` (attribute value -> host group), `roles` (host group -> roles), `mfa`
 * (`federatedLogins`, `policy`) and `customerTenant` (MSP). Every error is a `ManifestError`
 * with file, line:column and field path.
 */
export function parseOnboardConfig(text: string, file?: string): OnboardConfig {
  if (typeof text !== 'string') throw new TypeError('parseOnboardConfig: text must be a string');
  const tree = readPositionedYaml(text.replace(/^\uFEFF/, ''), file);
  const f = new Fields(tree, file);
  const root = tree.value === null ? (Object.create(null) as Obj) : f.obj(tree.value, [], 'an onboard file: a mapping with globalMappings, roles, mfa, customerTenant');
  f.unknownKeys(root, [], ONBOARD_KEYS);

  let globalMappings: GroupMapping[] | undefined;
  if (root.globalMappings !== undefined) {
    globalMappings = [];
    if (root.globalMappings !== null) {
      const m = f.obj(root.globalMappings, ['globalMappings'], 'a mapping "partner group value: host group"');
      for (const [value, group] of Object.entries(m)) {
        if (value === '' || value.trim() !== value || hasControlChars(value)) f.fail(['globalMappings', value], `expected a non-empty attribute value without control characters or surrounding spaces, found ${JSON.stringify(value)}`, { key: true });
        globalMappings.push({ AttributeValue: value, GroupName: f.str(group, ['globalMappings', value], 'host group name') });
      }
    }
  }

  const roles = parseRoles(f, root.roles, ['roles']);
  const mfa = parseMfa(f, root.mfa, ['mfa']);

  let customerTenant: CustomerTenantSpec | undefined;
  if (root.customerTenant !== undefined && root.customerTenant !== null) {
    const c = f.obj(root.customerTenant, ['customerTenant'], 'a mapping with company, region, alias, loginSuffixes');
    f.unknownKeys(c, ['customerTenant'], CUSTOMER_KEYS);
    for (const k of ['company', 'region', 'alias'] as const) if (c[k] === undefined) f.fail(['customerTenant'], `expected customerTenant.${k}, found none`, { expected: k });
    const company = f.str(c.company, ['customerTenant', 'company'], 'company name');
    const region = f.str(c.region, ['customerTenant', 'region'], 'pod region');
    const alias = f.domain(c.alias, ['customerTenant', 'alias'], 'alias');
    const loginSuffixes = c.loginSuffixes === undefined ? [] : f.strList(c.loginSuffixes, ['customerTenant', 'loginSuffixes'], 'login suffix').map((s, i) => f.domain(s, ['customerTenant', 'loginSuffixes', i], 'login suffix'));
    const adminUser = c.adminUser === undefined ? 'admin' : f.str(c.adminUser, ['customerTenant', 'adminUser'], 'admin user name');
    const contact = c.contact === undefined ? `${adminUser}@${alias}` : f.str(c.contact, ['customerTenant', 'contact'], 'contact e-mail');
    const federation = c.federation === undefined ? undefined : f.str(c.federation, ['customerTenant', 'federation'], 'partner manifest file (the MSP tenant as IdP)');
    const roles = parseRoles(f, c.roles, ['customerTenant', 'roles']);
    const mfa = parseMfa(f, c.mfa, ['customerTenant', 'mfa']);
    customerTenant = Object.freeze({ company, region, alias, loginSuffixes: Object.freeze(loginSuffixes), adminUser, contact, ...(federation !== undefined ? { federation } : {}), roles: Object.freeze(roles), ...(mfa !== undefined ? { mfa } : {}) });
  }

  return Object.freeze({
    ...(file !== undefined ? { file } : {}),
    ...(globalMappings !== undefined ? { globalMappings: Object.freeze(globalMappings) } : {}),
    roles: Object.freeze(roles),
    ...(mfa !== undefined ? { mfa } : {}),
    ...(customerTenant !== undefined ? { customerTenant } : {}),
  });
}
