import { createHash } from 'node:crypto';
import type { GroupMapping } from '../federation/manifest/types.js';

/**
 * What the planner needs to know about the tenant: read by `readSnapshot` (I/O, the tenant client),
 * consumed by `planChanges` (pure). Names, not ids, are what the plan compares; ids are kept for apply.
 */
export interface TenantSnapshot {
  /** Tenant base URL the snapshot was read from (shown in the plan; not part of the fingerprint). */
  readonly tenantUrl?: string;
  readonly federations: readonly SnapshotFederation[];
  readonly globalMappings: readonly GroupMapping[];
  /** Federated (FDS) group names (`Federation/GetGroups`). */
  readonly fdsGroups: readonly string[];
  /** Every role, with its Group-type members. */
  readonly roles: readonly SnapshotRole[];
  /** The login policy MFA is managed on, when the desired state manages MFA. */
  readonly policy?: SnapshotPolicy;
  /** Customer tenants of this (MSP) tenant, when the desired state has a customer tenant section. */
  readonly customerTenants?: readonly { readonly id: string; readonly company: string; readonly podFqdn?: string }[];
  /**
   * The customer tenant's own state, read through a management-link session, when the
   * `customerTenant` section manages anything inside it and the tenant exists.
   */
  readonly customer?: CustomerSnapshot;
}

/** The customer tenant as read inside it (docs/onboard.md "MSP"). */
export interface CustomerSnapshot extends TenantSnapshot {
  readonly tenantId: string;
  /** Each wanted login suffix (and the alias) with the tenant that holds it (`msp/getaliasavailability`), or null. */
  readonly loginSuffixes: readonly { readonly suffix: string; readonly owner: string | null }[];
}

export interface SnapshotFederation {
  readonly uuid: string;
  readonly name: string;
  readonly domains: readonly string[];
  readonly mappings: readonly GroupMapping[];
  /** SHA-1 thumbprints of `IDPSigningCertificateCollection` (or the flat thumbprint), upper case. */
  readonly signingThumbprints: readonly string[];
}

export interface SnapshotRole {
  readonly id: string;
  readonly name: string;
  /** Group members: names (as `GetRoleMembers` gives them) and ids. */
  readonly groups: readonly { readonly id: string; readonly name: string }[];
}

export interface SnapshotPolicy {
  readonly path: string;
  readonly federatedLoginAllowsMfa: boolean;
  readonly revStamp: string;
}

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const mapKey = (m: GroupMapping): string => `${m.AttributeValue}\u0000${m.GroupName}`;

/**
 * SHA-256 of the snapshot in a canonical form (order-independent: lists sorted, the tenant URL left
 * out). A saved plan records it; `apply plan.json` re-reads the tenant and refuses when it differs.
 */
export function snapshotFingerprint(s: TenantSnapshot): string {
  const canonical = {
    federations: s.federations
      .map((f) => ({ uuid: f.uuid, name: f.name, domains: f.domains.map((d) => d.toLowerCase()).sort(byString), mappings: f.mappings.map(mapKey).sort(byString), certs: [...f.signingThumbprints].sort(byString) }))
      .sort((a, b) => byString(a.uuid, b.uuid)),
    globalMappings: s.globalMappings.map(mapKey).sort(byString),
    fdsGroups: [...s.fdsGroups].sort(byString),
    roles: s.roles.map((r) => ({ id: r.id, name: r.name, groups: r.groups.map((g) => g.id).sort(byString) })).sort((a, b) => byString(a.id, b.id)),
    policy: s.policy ? { path: s.policy.path, mfa: s.policy.federatedLoginAllowsMfa, revStamp: s.policy.revStamp } : null,
    customerTenants: s.customerTenants ? s.customerTenants.map((t) => `${t.id}\u0000${t.company}`).sort(byString) : null,
    // The customer tenant's state counts too: a saved plan is stale when it changed.
    customer: s.customer ? { id: s.customer.tenantId, state: snapshotFingerprint(s.customer), suffixes: s.customer.loginSuffixes.map((l) => `${l.suffix}\u0000${l.owner ?? ''}`).sort(byString) } : null,
  };
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}
