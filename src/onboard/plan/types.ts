import type { Finding } from '../../metadata/lint/types.js';
import type { CertInfo, CustomerTenantSpec } from '../desired/types.js';

/** A list change: what is added and what is removed. */
export interface ListChange<T> {
  readonly add: readonly T[];
  readonly remove: readonly T[];
}

export interface MappingPair {
  readonly value: string;
  readonly group: string;
}

/** Where a change is made: absent = the tenant the client is logged in to; `customer` = the MSP's customer tenant (`customerTenant`), through a management-link session. */
export interface Scoped {
  readonly scope?: 'customer';
}

/** One typed change, in apply order (docs/onboard.md "JSON plan"). */
export type Change = ChangeBody & Scoped;

/** The change without its scope. */
export type ChangeBody =
  | { readonly kind: 'customer-tenant.create'; readonly tenant: CustomerTenantSpec }
  | { readonly kind: 'login-suffix.add'; readonly suffix: string }
  | {
      readonly kind: 'federation.create';
      readonly name: string;
      readonly file: string;
      readonly domains: readonly string[];
      readonly mappings: readonly MappingPair[];
      /** The certificate(s) the federation will trust (the gate's choice). */
      readonly trust: readonly CertInfo[];
      /** Every IdP signing certificate the tenant will record. */
      readonly signingCertificates: readonly CertInfo[];
      readonly flavour: string;
    }
  | {
      readonly kind: 'federation.update';
      readonly name: string;
      readonly uuid: string;
      readonly file: string;
      readonly domains?: ListChange<string>;
      readonly mappings?: ListChange<MappingPair>;
      /** Signing certificate rollover: thumbprints the tenant has now, and those it will have. */
      readonly certificates?: { readonly from: readonly string[]; readonly to: readonly string[]; readonly trust: readonly CertInfo[] };
    }
  | { readonly kind: 'federation.delete'; readonly name: string; readonly uuid: string }
  | { readonly kind: 'global-mapping.add'; readonly value: string; readonly group: string }
  | { readonly kind: 'global-mapping.update'; readonly value: string; readonly from: string; readonly group: string }
  | { readonly kind: 'global-mapping.remove'; readonly value: string; readonly group: string }
  | { readonly kind: 'role.create'; readonly role: string }
  | { readonly kind: 'role-member.add'; readonly role: string; readonly group: string }
  | { readonly kind: 'role-member.remove'; readonly role: string; readonly group: string }
  | { readonly kind: 'policy.mfa'; readonly policy: string; readonly from: boolean; readonly to: boolean; readonly requiredBy: readonly string[] };

export type ChangeKind = Change['kind'];

/** Something in the tenant the files do not name (removed only with `--prune`). */
export type Unmanaged = (
  | { readonly kind: 'federation'; readonly name: string; readonly uuid: string }
  | { readonly kind: 'global-mapping'; readonly value: string; readonly group: string }
  | { readonly kind: 'role-member'; readonly role: string; readonly group: string }
) & Scoped;

/** A partner the plan cannot federate now. */
export interface BlockedPartner extends Scoped {
  readonly name: string;
  readonly file: string;
  readonly reason: string;
  readonly findings: readonly Finding[];
}

/** Why the plan cannot be applied as it stands (a conflict with the tenant's state). */
export interface PlanProblem {
  readonly code: 'ERR_ONBOARD_TENANT_CONFLICT';
  readonly message: string;
}

/** The result of `planChanges`. */
export interface Plan {
  readonly changes: readonly Change[];
  readonly notManaged: readonly Unmanaged[];
  readonly blocked: readonly BlockedPartner[];
  readonly problems: readonly PlanProblem[];
  readonly warnings: readonly string[];
  readonly prune: boolean;
  /**
   * The customer tenant the `customer`-scoped changes were planned against (read inside it), when
   * it existed: apply acts inside that tenant only (`ERR_ONBOARD_TENANT_CONFLICT` when the company
   * name now names another one).
   */
  readonly customerTenantId?: string;
}

/** `+` create/add, `~` update, `-` remove. */
export function changeAction(c: Change): 'create' | 'update' | 'remove' {
  switch (c.kind) {
    case 'federation.update':
    case 'global-mapping.update':
    case 'policy.mfa':
      return 'update';
    case 'federation.delete':
    case 'global-mapping.remove':
    case 'role-member.remove':
      return 'remove';
    default:
      return 'create';
  }
}
