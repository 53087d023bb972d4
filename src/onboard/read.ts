import type { TenantClient } from '../tenant/client-types.js';
import type { Federation, PolicyLinks } from '../tenant/types.js';
import type { DesiredState } from './desired/types.js';
import { customerTenantsNamed } from './plan/company.js';
import { nameKey } from './plan/match.js';
import type { CustomerSnapshot, SnapshotFederation, SnapshotPolicy, SnapshotRole, TenantSnapshot } from './snapshot.js';

/** The policy setting partner MFA is (tenant-api.md §6.1). */
export const MFA_SETTING = '/Core/Authentication/FederatedLoginAllowsMfa';
/** The policy used when the onboard file names none and no link is `Global` [I] (docs/onboard.md "MFA"). */
export const DEFAULT_POLICY = '/Policy/Default Policy';

/** The tenant's view of one federation as the planner compares it. */
export function toSnapshotFederation(f: Federation): SnapshotFederation {
  const collection = (f.Config.IDPSigningCertificateCollection ?? []).map((c) => c.IDPSigningCertificateThumbprint).filter((t): t is string => typeof t === 'string' && t !== '');
  const flat = f.Config.IDPSigningCertificateThumbprint;
  const thumbprints = collection.length > 0 ? collection : flat ? [flat] : [];
  return { uuid: f.FederationUuid, name: f.FederationName, domains: [...f.Domains], mappings: f.Mappings.map((m) => ({ AttributeValue: m.AttributeValue, GroupName: m.GroupName })), signingThumbprints: [...new Set(thumbprints.map((t) => t.replace(/[:\s]/g, '').toUpperCase()))] };
}

/** A policy setting as a boolean: the tenant returns booleans, some clients store "true"/"false" (§6.1). */
export function settingOn(v: unknown): boolean {
  return v === true || (typeof v === 'string' && v.toLowerCase() === 'true');
}

/**
 * Which login policy MFA is managed on: the onboard file's `mfa.policy`, else the first link with
 * `LinkType: "Global"` (evaluation order), else `/Policy/Default Policy` when it is linked at all.
 */
export function choosePolicy(links: PolicyLinks, wanted: string | undefined): string | undefined {
  if (wanted !== undefined) return links.links.some((l) => l.PolicySet === wanted) ? wanted : undefined;
  return links.links.find((l) => l.LinkType === 'Global')?.PolicySet ?? links.links.find((l) => l.PolicySet === DEFAULT_POLICY)?.PolicySet;
}

/**
 * Read what the planner needs from the tenant (reads only; the client retries them): federations,
 * global mappings, federated groups, roles (members only of the roles the files name), and, when
 * the desired state asks for them, the login policy and the customer tenants; when the
 * `customerTenant` section manages anything inside an existing customer tenant, that tenant's
 * state through a management-link session (`readCustomerSnapshot`).
 */
export async function readSnapshot(client: TenantClient, desired: Pick<DesiredState, 'roles' | 'mfa' | 'customerTenant' | 'customer'>): Promise<TenantSnapshot> {
  const federations = (await client.getFederations()).map(toSnapshotFederation);
  const globalMappings = [...(await client.getGlobalGroupMappings())];
  const fdsGroups = [...(await client.getGroups())];
  const wanted = new Set(desired.roles.map((r) => nameKey(r.role)));
  const roles: SnapshotRole[] = [];
  for (const r of await client.listRoles()) {
    const groups = wanted.has(nameKey(r.Name)) ? (await client.getRoleMembers(r.ID)).filter((m) => m.Type.toLowerCase() === 'group').map((m) => ({ id: m.Guid, name: m.Name ?? m.Guid })) : [];
    roles.push({ id: r.ID, name: r.Name, groups });
  }
  let policy: SnapshotPolicy | undefined;
  if (desired.mfa !== undefined) {
    const path = choosePolicy(await client.getPolicyLinks(), desired.mfa.policy);
    if (path !== undefined) {
      const block = await client.getPolicyBlock(path);
      policy = { path, federatedLoginAllowsMfa: settingOn(block.Settings[MFA_SETTING]), revStamp: block.RevStamp };
    }
  }
  const customerTenants = desired.customerTenant === undefined ? undefined : (await client.listTenants()).map((t) => ({ id: t.ID, company: t.CompanyName ?? '', ...(t.PodFqdn ? { podFqdn: t.PodFqdn } : {}) }));
  const ct = desired.customerTenant;
  // Several tenants with the company name: none is read (the planner reports the conflict).
  const named = ct && customerTenants ? customerTenantsNamed(customerTenants, ct.company) : [];
  const existing = named.length === 1 ? named[0] : undefined;
  const customer = ct && existing && (desired.customer !== undefined || ct.loginSuffixes.length > 0) ? await readCustomerSnapshot(client, existing.id, ct.alias, ct.loginSuffixes, desired.customer) : undefined;
  return { tenantUrl: client.baseUrl, federations, globalMappings, fdsGroups, roles, ...(policy ? { policy } : {}), ...(customerTenants ? { customerTenants } : {}), ...(customer ? { customer } : {}) };
}

/**
 * The customer tenant's state, read inside it: a management-link session (`openCustomerSession`),
 * the same reads as for this tenant, and who holds each login suffix (`msp/getaliasavailability`).
 */
export async function readCustomerSnapshot(client: TenantClient, tenantId: string, alias: string, suffixes: readonly string[], desired: Pick<DesiredState, 'roles' | 'mfa'> | undefined): Promise<CustomerSnapshot> {
  const inside = await client.openCustomerSession(tenantId);
  const { tenantUrl: _url, ...state } = await readSnapshot(inside, { roles: desired?.roles ?? [], ...(desired?.mfa ? { mfa: desired.mfa } : {}) });
  const loginSuffixes: { suffix: string; owner: string | null }[] = [];
  for (const suffix of [...new Set([alias, ...suffixes].map((x) => x.toLowerCase()))]) {
    const a = await inside.getAliasAvailability(suffix);
    loginSuffixes.push({ suffix, owner: a.StatusCode === 'AliasInUse' ? (a.Tenant ?? '?') : null });
  }
  return { ...state, tenantId, loginSuffixes };
}
