import { createHash } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { loadManifest, type MetadataFetcher } from '../deps.js';
import { OnboardError } from '../errors.js';
import type { LoadedDesiredState } from './load.js';
import { readPartner, type LoadedPartner } from './partner.js';
import type { CustomerTenantSpec, DesiredState, RoleMembership } from './types.js';

/**
 * Roles and MFA of one tenant's desired state: the partners' `roles` and the file's `roles`
 * together (deduplicated, in file order); MFA wanted when a partner sets `requireMfa` or the file's
 * `mfa.federatedLogins` says so (`false` with a `requireMfa` partner is `ERR_ONBOARD_CONFLICT`).
 */
export function scopeRolesAndMfa(partners: readonly LoadedPartner[], fileRoles: readonly RoleMembership[], fileMfa: CustomerTenantSpec['mfa'], file: string): { roles: RoleMembership[]; mfa?: DesiredState['mfa'] } {
  const roles: RoleMembership[] = [];
  const addRole = (group: string, role: string): void => {
    if (!roles.some((r) => r.group === group && r.role === role)) roles.push({ group, role });
  };
  for (const p of partners) for (const [group, list] of Object.entries(p.manifest.roles)) for (const role of list) addRole(group, role);
  for (const r of fileRoles) addRole(r.group, r.role);
  const requiredBy = partners.filter((p) => p.requireMfa).map((p) => p.name);
  const configured = fileMfa?.federatedLogins;
  if (configured === false && requiredBy.length > 0) {
    throw new OnboardError('ERR_ONBOARD_CONFLICT', `${file} sets mfa.federatedLogins: false but partner(s) ${requiredBy.map((n) => JSON.stringify(n)).join(', ')} set requireMfa: true`, { files: [file, ...partners.filter((p) => p.requireMfa).map((p) => p.file)] });
  }
  if (configured === undefined && requiredBy.length === 0) return { roles };
  return { roles, mfa: { enabled: configured ?? true, ...(fileMfa?.policy !== undefined ? { policy: fileMfa.policy } : {}), requiredBy } };
}

/**
 * The customer tenant's own desired state (docs/onboard.md "MSP"): the `customerTenant.federation`
 * partner manifest (resolved against the onboard file's folder; read, linted and gated like any
 * partner: its IdP is this MSP tenant), `customerTenant.roles` and `customerTenant.mfa`. Undefined
 * when the section names none of them (then only the tenant and its login suffixes are managed).
 */
export async function loadCustomerScope(ct: CustomerTenantSpec, onboardFile: string, opts: { cwd: string; now: Date; fetch?: MetadataFetcher }): Promise<LoadedDesiredState | undefined> {
  if (ct.federation === undefined && (ct.roles ?? []).length === 0 && ct.mfa === undefined) return undefined;
  const partners: LoadedPartner[] = [];
  const files: string[] = [];
  if (ct.federation !== undefined) {
    const file = resolve(opts.cwd, dirname(onboardFile), ct.federation);
    const manifest = await loadManifest(file, { cwd: opts.cwd });
    partners.push(await readPartner(manifest, file, { now: opts.now, ...(opts.fetch ? { fetch: opts.fetch } : {}) }));
    files.push(file);
  }
  const { roles, mfa } = scopeRolesAndMfa(partners, ct.roles ?? [], ct.mfa, `${onboardFile} (customerTenant)`);
  const digest = createHash('sha256')
    .update(JSON.stringify({ partners: partners.map((p) => ({ name: p.name, domains: p.domains, mappings: p.mappings, roles: p.manifest.roles, mfa: p.requireMfa, source: p.sourceSha256, pin: p.manifest.expectedThumbprint ?? null, allow: p.manifest.allowLintErrors ?? null })), roles, mfa: mfa ?? null }))
    .digest('hex');
  return { files, partners, roles, ...(mfa ? { mfa } : {}), digest };
}
