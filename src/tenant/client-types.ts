import type { CreateFederationPayload } from '../federation/payload/build.js';
import type { GlobalFederationSettings } from './read/settings.js';
import type {
  AliasAvailability, CreateNewSmbInput, DirectoryService, FederatedGroup, Federation, GroupMapping, NewSmb, PageArgs,
  PolicyBlock, PolicyLinks, RoleDetail, RoleMember, RoleMemberChanges, RoleRow, SavePolicyBlockInput, SavePolicyResult,
  StoreAliasInput, StoreRoleInput, TableRow, TenantRow, TenantTable, WhoAmI,
} from './types.js';

/** The multipart body of CreateFederation as `buildCreateFederationPayload` returns it; sent as is. */
export type FederationForm = Pick<CreateFederationPayload, 'body' | 'contentType'> & Partial<Pick<CreateFederationPayload, 'fields'>>;

/**
 * The tenant API client: one method per tenant operation, I/O only (planning is `samlfed/onboard`'s).
 * Reads are retried; writes (`create*`, `add*`, `delete*`, `update*`, `store*`, `save*`, `set*`) are
 * sent once and a failure in transit is `ERR_TENANT_OUTCOME_UNKNOWN`.
 */
export interface TenantClient {
  /** Current base URL (changes after a `PodFqdn` redirect). */
  readonly baseUrl: string;
  /** Log in now (otherwise the first call does). */
  login(): Promise<void>;
  /** `Security/whoami`. */
  whoami(): Promise<WhoAmI>;
  /** `Security/Logout`; the token is unusable afterwards. */
  logout(): Promise<void>;

  // Federations (tenant-api.md §3)
  /** `Federation/GetFederations`. */
  getFederations(): Promise<readonly Federation[]>;
  /** `Federation/GetGroups`: the federated (FDS) group names. */
  getGroups(): Promise<readonly string[]>;
  /** `Federation/GetGlobalFederationSettings?FederationType=SAML%202.0`. */
  getGlobalFederationSettings(): Promise<GlobalFederationSettings>;
  /** `Federation/CreateFederation` with the payload's multipart body (its `FederationUuid` must be empty). Write. */
  createFederation(form: FederationForm): Promise<Federation>;
  /** `Federation/CreateFederation` with a non-empty `FederationUuid` part: update (§3.6 choice). Write. */
  updateFederation(form: FederationForm): Promise<Federation>;
  /** UNVERIFIED path (§3.6 [I]): `Federation/GetFederation {FederationUuid}`. */
  getFederationUnverified(federationUuid: string): Promise<Federation>;
  /** UNVERIFIED path (§3.6 [I]): `Federation/DeleteFederation {FederationUuid}`. Write. */
  deleteFederationUnverified(federationUuid: string): Promise<void>;

  // Global mappings (§3.7)
  /** `Federation/GetGlobalGroupAssertionMappings`. */
  getGlobalGroupMappings(): Promise<readonly GroupMapping[]>;
  /** `Federation/AddGlobalGroupAssertionMapping` with one `{"<value>":"<group>"}` body. Write. */
  addGlobalGroupMapping(mapping: GroupMapping): Promise<void>;
  /** `Federation/DeleteGlobalGroupAssertionMapping`. Write. */
  deleteGlobalGroupMapping(mapping: GroupMapping): Promise<void>;
  /** `Federation/UpdateGlobalGroupAssertionMappings`: replaces the whole list. Write. */
  updateGlobalGroupMappings(mappings: readonly GroupMapping[]): Promise<void>;

  // Directory (§4)
  /** `core/GetDirectoryServices`. */
  getDirectoryServices(): Promise<readonly DirectoryService[]>;
  /** `UserMgmt/DirectoryServiceQuery` for FDS groups whose name contains `name`; pass `exact` to keep only the exact match. */
  findFederatedGroups(name: string, opts?: { exact?: boolean; directoryServiceUuids?: readonly string[] }): Promise<readonly FederatedGroup[]>;

  // Roles (§4.3, §5)
  /** `RedRock/query` with the documented role script, paged. */
  listRoles(args?: PageArgs): Promise<readonly RoleRow[]>;
  /** `RedRock/query` with any script, paged (loops while Count == PageSize and < FullCount). */
  query(script: string, args?: PageArgs): Promise<TenantTable>;
  /** `SaasManage/StoreRole` → the new role's id (`_RowKey`). Write. */
  storeRole(input: StoreRoleInput): Promise<string>;
  /** `SaasManage/GetRole`. */
  getRole(roleId: string): Promise<RoleDetail>;
  /** `SaasManage/GetRoleMembers`. */
  getRoleMembers(roleId: string): Promise<readonly RoleMember[]>;
  /** `Roles/UpdateRole` adding and removing members. Write. */
  updateRoleMembers(roleId: string, changes: RoleMemberChanges): Promise<void>;

  // Policies (§6)
  /** `Policy/GetNicePlinks`. */
  getPolicyLinks(): Promise<PolicyLinks>;
  /** `Policy/GetPolicyBlock`. */
  getPolicyBlock(path: string): Promise<PolicyBlock>;
  /** `Policy/SavePolicyBlock3`. A `_I18N_AdminLockout*` soft error comes back as `warning` (the policy re-read). Write. */
  savePolicyBlock(input: SavePolicyBlockInput): Promise<SavePolicyResult>;
  /** Read the policy and its links, set `/Core/Authentication/FederatedLoginAllowsMfa`, save with the RevStamp read. Write. */
  setFederatedLoginAllowsMfa(policyPath: string, enabled: boolean): Promise<SavePolicyResult>;

  // MSP (msp-create-customer.txt)
  getAvailablePodRegions(): Promise<readonly string[]>;
  getAliasAvailability(alias: string): Promise<AliasAvailability>;
  /** `msp/createnewsmb`. Write. The result's secrets are non-enumerable. */
  createNewSmb(input: CreateNewSmbInput): Promise<NewSmb>;
  /** `core/StoreAlias` (add or rename a login suffix). Write. */
  storeAlias(input: StoreAliasInput): Promise<void>;
  /** `msp/getmanagementlink` → the link (it holds a one-time password: treat as a secret). */
  getManagementLink(tenantId: string): Promise<string>;
  /**
   * A client bound to a customer tenant: `msp/getmanagementlink`, then `GET /manage?OneTimePass=..&msp=true`
   * (its `.ASPXAUTH` cookie is the new client's bearer token; it cannot re-authenticate: open another).
   * The one-time pass is never repeated, logged or put in an error.
   */
  openCustomerSession(tenantId: string): Promise<TenantClient>;
  /** The documented `Select * from Tenant ORDER BY ID COLLATE NOCASE` query. */
  listTenants(args?: PageArgs): Promise<readonly TenantRow[]>;
  /** `msp/SetTenantState`. Write. */
  setTenantState(tenantId: string, state: 'Enabled' | 'Disabled'): Promise<void>;
}

export type { TableRow };
