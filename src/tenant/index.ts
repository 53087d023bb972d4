/**
 * `samlfed/tenant`: the tenant API client (I/O only) and the readers of the tenant's JSON.
 * See docs/tenant.md. Planning (what to change) is `samlfed/onboard`'s; this module sends requests
 * and returns validated, typed results.
 */
export { TenantError, isTenantError, type TenantErrorCode, type TenantErrorKind, type TenantErrorContext } from './errors.js';
export type {
  TenantClientOptions, TenantAuth, ClientCredentialsAuth, PasswordAuth, TokenAuth, MfaChallenge, MfaAnswer, RetryOptions,
} from './options.js';
export type { TenantClient, FederationForm } from './client-types.js';
export type {
  Federation, FederationConfig, IdpSigningCertificate, DirectoryService, FederatedGroup, RoleRow, RoleDetail, RoleMember,
  RoleMemberChanges, StoreRoleInput, PolicyLink, PolicyLinks, PolicyBlock, SavePolicyBlockInput, SavePolicyResult,
  TenantWarning, WhoAmI, AliasAvailability, CreateNewSmbInput, NewSmb, StoreAliasInput, TenantRow, PageArgs, TableRow,
  TenantTable, GroupMapping,
} from './types.js';
export { createTenantClient } from './client.js';
export * from './readers.js';
