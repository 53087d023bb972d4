/**
 * Result types of the tenant client, with the tenant's own field names (tenant-api.md; the vendor
 * page business-partner-federation.txt). Readers in `src/tenant/read/` validate every field they
 * return; fields the client does not need are kept in `other` as received (after the JSON limits).
 */
import type { GroupMapping } from '../federation/manifest/types.js';

export type { GroupMapping };

/** One row of a "Redrock" table (tenant-api.md §1.4): the `Row` object, validated as a plain object. */
export type TableRow = Readonly<Record<string, unknown>>;

/** A table Result (§1.4): rows plus counts. */
export interface TenantTable<R = TableRow> {
  readonly Count: number;
  readonly FullCount: number;
  readonly rows: readonly R[];
}

/** `IDPSigningCertificateCollection` entry (§3.4). */
export interface IdpSigningCertificate {
  readonly IDPSigningCertificateThumbprint?: string;
  readonly IDPSigningCertificateSubject?: string;
  readonly IDPSigningCertificateExpires?: string;
}

/** A federation's `Config` (§3.4). Every field optional: the tenant omits what does not apply. */
export interface FederationConfig {
  readonly IDPMetadataUrl?: string;
  readonly IDPSignInUrl?: string;
  readonly IDPLogoutUrl?: string;
  readonly IDPSigningCertificateThumbprint?: string;
  readonly IDPSigningCertificateSubject?: string;
  readonly IDPSigningCertificateExpires?: string;
  readonly IDPSigningCertificateCollection?: readonly IdpSigningCertificate[];
  readonly SPSigningCertificateThumbprint?: string;
  readonly SPSigningCertificateSubject?: string;
  readonly SPSigningCertificateExpires?: string;
  /** Other Config fields, as received. */
  readonly other: Readonly<Record<string, unknown>>;
}

/** A federation as `CreateFederation` and `GetFederations` return it (§3.4, §3.5). */
export interface Federation {
  readonly FederationUuid: string;
  readonly FederationName: string;
  readonly FederationType: string;
  readonly NormalizedFederationName?: string;
  readonly Domains: readonly string[];
  readonly Mappings: readonly GroupMapping[];
  readonly Active?: boolean;
  readonly DirectLoginSupported?: boolean;
  readonly PartnerManageable?: boolean;
  readonly Config: FederationConfig;
  /** Other fields, as received. */
  readonly other: Readonly<Record<string, unknown>>;
}

/** `core/GetDirectoryServices` row (§4.1). */
export interface DirectoryService {
  /** `CDS`, `FDS`, `AdProxy`, `GDS`, `LdapProxy`, ... */
  readonly Service: string;
  readonly Name: string;
  readonly DisplayName?: string;
  readonly Status?: string;
  /** The row's `directoryServiceUuid` (lower-camel in the tenant's JSON). */
  readonly directoryServiceUuid: string;
}

/** A federated (FDS) group from `UserMgmt/DirectoryServiceQuery` (§4.2). */
export interface FederatedGroup {
  /** The group's name. */
  readonly SystemName: string;
  /** The group id to use in role membership. */
  readonly InternalName: string;
  readonly DisplayName?: string;
  readonly DirectoryServiceUuid?: string;
  readonly ServiceType?: string;
}

/** A role row from the documented `RedRock/query` (§4.3). */
export interface RoleRow {
  readonly ID: string;
  readonly Name: string;
  readonly RoleType?: string;
  readonly ReadOnly?: boolean;
  readonly Description?: string | null;
  readonly DirectoryServiceUuid?: string | null;
}

/** `SaasManage/GetRole` Result (§5). */
export interface RoleDetail {
  readonly Name: string;
  readonly Uuid?: string;
  readonly _RowKey?: string;
  readonly RoleType?: string;
  readonly ReadOnly?: boolean;
  readonly Description?: string | null;
  readonly DirectoryServiceUuid?: string | null;
  /** `u=<id>`, `g=<id>`, `r=<id>` entries when not suppressed. */
  readonly Principals?: readonly string[];
}

/** `SaasManage/GetRoleMembers` row (§5). */
export interface RoleMember {
  readonly Guid: string;
  readonly Name?: string;
  /** `User`, `Group` or `Role`. */
  readonly Type: string;
}

/** Members to add and remove in one `Roles/UpdateRole` call (ids; for FDS groups the InternalName). */
export interface RoleMemberChanges {
  readonly users?: { readonly add?: readonly string[]; readonly remove?: readonly string[] };
  readonly groups?: { readonly add?: readonly string[]; readonly remove?: readonly string[] };
  readonly roles?: { readonly add?: readonly string[]; readonly remove?: readonly string[] };
}

/** `SaasManage/StoreRole` input (§5). */
export interface StoreRoleInput {
  readonly Name: string;
  readonly Description?: string;
  readonly RoleType?: 'PrincipalList' | 'Script' | 'Everybody';
}

/** `Policy/GetNicePlinks` row (§6.2). Kept whole (`raw`) because SavePolicyBlock3 sends the list back unchanged. */
export interface PolicyLink {
  readonly ID?: string;
  readonly PolicySet: string;
  readonly LinkType: string;
  readonly Description?: string;
  readonly Params: readonly unknown[];
  /** The row exactly as received (validated as plain JSON data), for sending back. */
  readonly raw: Readonly<Record<string, unknown>>;
}

/** `Policy/GetNicePlinks` Result (§6.2): the ordered links and the list's RevStamp. */
export interface PolicyLinks {
  readonly RevStamp: string;
  readonly links: readonly PolicyLink[];
}

/** `Policy/GetPolicyBlock` Result (§6.3), the parts the client uses plus the rest in `other`. */
export interface PolicyBlock {
  readonly Path: string;
  readonly RevStamp: string;
  readonly Version?: number;
  readonly Description?: string;
  readonly Settings: Readonly<Record<string, unknown>>;
  readonly other: Readonly<Record<string, unknown>>;
}

/** A soft error of `SavePolicyBlock3` (`_I18N_AdminLockout*`, or `IsSoftError:true`): a warning, not a failure (§6.4). */
export interface TenantWarning {
  readonly messageId: string | null;
  readonly message: string | null;
  readonly endpoint: string;
}

/** Outcome of `savePolicyBlock` / `setFederatedLoginAllowsMfa`. */
export interface SavePolicyResult {
  /** The policy's RevStamp after the call (re-read after a soft warning). */
  readonly RevStamp: string;
  /** Present when the tenant answered with a soft warning instead of saving; the policy was re-read. */
  readonly warning?: TenantWarning;
}

/** `SavePolicyBlock3` body (§6.4). `plinks` is the whole ordered link list. */
export interface SavePolicyBlockInput {
  readonly plinks: readonly Readonly<Record<string, unknown>>[];
  readonly policy: {
    readonly Path: string;
    readonly Version?: number;
    readonly Description?: string;
    readonly Settings: Readonly<Record<string, unknown>>;
    readonly Newpolicy: boolean;
    /** Required when `Newpolicy` is false: the RevStamp from GetPolicyBlock. */
    readonly RevStamp?: string;
  };
}

/** `Security/whoami` Result (§2.4). */
export interface WhoAmI {
  readonly User: string;
  readonly UserUuid?: string;
  readonly TenantId?: string;
  readonly other: Readonly<Record<string, unknown>>;
}

/** `msp/getaliasavailability` Result. */
export interface AliasAvailability {
  /** e.g. `AliasInUse`; other values are the tenant's. */
  readonly StatusCode: string;
  readonly Tenant?: string | null;
}

/** `msp/createnewsmb` input. */
export interface CreateNewSmbInput {
  readonly company: string;
  readonly customerName: string;
  readonly podRegion: string;
  readonly adminUser: string;
  readonly initialAlias: string;
  readonly customerData?: Readonly<Record<string, string>>;
}

/**
 * `msp/createnewsmb` Result. `AdminPass` and `AuthCookie` are secrets: they are non-enumerable
 * on the returned object (never printed by `JSON.stringify` or `console.log`); read them explicitly.
 */
export interface NewSmb {
  readonly TenantId: string;
  readonly AdminUser?: string;
  readonly PodFqdn?: string;
  readonly PodName?: string;
  readonly ProxyCode?: string;
  readonly AdminUuid?: string;
  readonly AdminPass?: string;
  readonly AuthCookie?: string;
}

/** `core/StoreAlias` input (login suffix). */
export interface StoreAliasInput {
  readonly alias: string;
  readonly domain: string;
  readonly cdsAlias?: boolean;
  /** The previous suffix when renaming; empty when adding. */
  readonly oldName?: string;
}

/** A row of the documented tenant list query (`Select * from Tenant ...`). */
export interface TenantRow {
  readonly ID: string;
  readonly CompanyName?: string;
  readonly Status?: boolean;
  readonly PodFqdn?: string;
}

/** Paging arguments (`Args`, §1.4). */
export interface PageArgs {
  readonly PageSize?: number;
  readonly Limit?: number;
  readonly SortBy?: string;
}
