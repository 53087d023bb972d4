/**
 * Every tenant-style failure message the sandbox writes where the tenant's own text is not
 * documented ([I], tenant-api.md §9.3, §10 item 2). One table, so docs/sandbox.md can list them.
 */
export const MSG = {
  federationType: (t: string) => `Federation type '${t}' is not supported.`,
  parameterRequired: (p: string) => `Parameter "${p}" must be specified.`,
  federationNameInUse: (n: string) => `A federation named '${n}' already exists.`,
  domainsRequired: () => 'At least one federation domain must be specified.',
  domainInvalid: (d: string) => `Domain '${d}' is not a valid domain name.`,
  domainInUse: (d: string) => `Domain '${d}' is already in use.`,
  mappingsJson: () => 'Mappings is not valid JSON.',
  mappingInvalid: (n: number) => `Mapping ${n}: AttributeValue and GroupName are required.`,
  metadataInvalid: (reason: string) => `The identity provider metadata is not valid: ${reason}`,
  manualInvalid: (reason: string) => `The identity provider configuration is not valid: ${reason}`,
  thumbprint: () => 'Signing certificate thumbprint does not match.',
  federationMissing: (u: string) => `Federation '${u}' does not exist.`,
  formField: (reason: string) => `The federation form is not valid: ${reason}`,
  globalMappingExists: (v: string) => `Global mapping for attribute value '${v}' already exists.`,
  globalMappingMissing: (v: string, g: string) => `Global mapping '${v}' -> '${g}' does not exist.`,
  roleExists: (n: string) => `Role with name ${n} already exists.`,
  roleMissing: (id: string) => `The role "${id}" does not exist.`,
  roleMembersMissing: () => 'Role does not exist',
  groupMissing: (id: string) => `Group '${id}' does not exist.`,
  userMissing: (id: string) => `User '${id}' does not exist.`,
  queryUnsupported: (s: string) => `Query not supported by the sandbox: ${s}`,
  policyMissing: (p: string) => `Policy '${p}' does not exist.`,
  revStamp: () => 'The policy was modified by someone else; reload and retry.',
  mfaExclusive: () => 'FederatedLoginAllowsMfa and FederatedLoginSatisfiesAllMechs cannot both be enabled.',
  federationTypeSettings: (t: string) => `Federation type '${t}' is not supported.`,
  tenantMissing: (id: string) => `Tenant '${id}' does not exist.`,
  aliasInUse: (a: string) => `Alias '${a}' is already in use.`,
  notMsp: () => 'Only an MSP tenant can create customer tenants.',
  tooManyCustomers: (n: number) => `The sandbox holds at most ${n} customer tenants.`,
  manageRefused: () => 'The management link is not valid, was already used, or has expired.',
  regionUnknown: (r: string) => `Pod region '${r}' is not available.`,
} as const;

/** MessageIDs of our own for the [I] failures (the tenant's are `_I18N_...`). */
export const MESSAGE_ID = {
  revStamp: '_Sandbox_PolicyRevStampStale',
} as const;
