import type { Flavour } from '../../metadata/model.js';
import type { Finding } from '../../metadata/lint/types.js';
import type { GroupMapping, PartnerManifest } from '../../federation/manifest/types.js';

/** A certificate as the plan shows it. */
export interface CertInfo {
  /** SHA-1, 40 upper-case hex digits (the tenant's thumbprint form). */
  readonly sha1: string;
  readonly subject: string;
  /** ISO-8601. */
  readonly notBefore: string;
  /** ISO-8601. */
  readonly notAfter: string;
}

/** What the lint gate decided for one partner (docs/onboard.md "Lint gate"). */
export interface GateResult {
  /** Error findings that block the partner. */
  readonly blocking: readonly Finding[];
  /** Error findings let through by the manifest's `allowLintErrors`. */
  readonly allowed: readonly Finding[];
  /** Findings ignored because they concern a certificate that will not be trusted (an expired old key, an encryption key). */
  readonly ignored: readonly Finding[];
  readonly errorCount: number;
  readonly warningCount: number;
}

/** One partner, read and checked: everything the planner needs, no I/O left. */
export interface DesiredPartner {
  readonly manifest: PartnerManifest;
  /** The manifest file as found (relative to the current directory when it was given so). */
  readonly file: string;
  readonly name: string;
  readonly domains: readonly string[];
  readonly mappings: readonly GroupMapping[];
  readonly requireMfa: boolean;
  readonly flavour: Flavour;
  /** Every signing certificate of the IdP: what the tenant records (`IDPSigningCertificateCollection`). */
  readonly signingCertificates: readonly CertInfo[];
  /** The certificate(s) the gate chose to trust: the pinned one, else those valid now. */
  readonly trust: readonly CertInfo[];
  readonly pinned: boolean;
  /** Metadata lint and the gate's decision; absent for a manual partner. */
  readonly gate?: GateResult;
  /** Why the partner cannot be federated now (lint errors, no valid certificate, thumbprint mismatch). */
  readonly blocked?: { readonly reason: string; readonly findings: readonly Finding[] };
  /** SHA-256 of the metadata (or certificate) bytes: a change of file makes a saved plan stale. */
  readonly sourceSha256: string;
}

/** `customerTenant` in the onboard file (msp-create-customer.txt). */
export interface CustomerTenantSpec {
  readonly company: string;
  /** A pod region from `msp/getavailablepodregions`. */
  readonly region: string;
  /** Initial alias (domain) of the new tenant. */
  readonly alias: string;
  readonly loginSuffixes: readonly string[];
  readonly adminUser: string;
  /** `customerName` of `msp/createnewsmb` (a contact e-mail). Default: `adminUser@alias`. */
  readonly contact: string;
  /**
   * The tenant-to-tenant federation inside the customer tenant: a partner manifest (as written in
   * the onboard file, relative to it) whose IdP is this MSP tenant (its metadata or metadataUrl).
   */
  readonly federation?: string;
  /** Host group -> roles inside the customer tenant. */
  readonly roles?: readonly RoleMembership[];
  /** MFA for federated logins inside the customer tenant (as the onboard file's `mfa`). */
  readonly mfa?: { readonly federatedLogins?: boolean; readonly policy?: string };
}

/** One "host group G belongs to role R" from a manifest's or the onboard file's `roles`. */
export interface RoleMembership {
  readonly group: string;
  readonly role: string;
}

/** The whole desired state of the tenant, from every PATH. */
export interface DesiredState {
  /** Every file read, absolute, sorted. */
  readonly files: readonly string[];
  /** The onboard file, when there is one. */
  readonly onboardFile?: string;
  readonly partners: readonly DesiredPartner[];
  /** Global mappings the files manage; `undefined` when no file has a `globalMappings` section (then none is managed). */
  readonly globalMappings?: readonly GroupMapping[];
  /** Host group -> role memberships, deduplicated, in file order. */
  readonly roles: readonly RoleMembership[];
  /** Desired `FederatedLoginAllowsMfa`; absent when the files do not manage it. */
  readonly mfa?: { readonly enabled: boolean; readonly policy?: string; readonly requiredBy: readonly string[] };
  readonly customerTenant?: CustomerTenantSpec;
  /**
   * What the customer tenant must hold (its federation with this tenant, roles, MFA), planned and
   * applied through a management-link session; set when `customerTenant` has any of federation, roles, mfa.
   */
  readonly customer?: DesiredState;
  /** SHA-256 over the whole desired state (files' content included): a saved plan records it. */
  readonly digest: string;
}
