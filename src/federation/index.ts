/**
 * `samlfed/federation`: partner manifests, the tenant's CreateFederation multipart payload,
 * global federation settings and group mappings (docs/federation.md).
 */
export { ManifestError, PayloadError, type ManifestErrorCode, type PayloadErrorCode, type ManifestErrorContext, type PayloadErrorContext } from './errors.js';
export type { PartnerManifest, IdpSource, GroupMapping } from './manifest/types.js';
export { parseManifest, type ParseManifestOptions } from './manifest/parse.js';
export { loadManifest, type LoadManifestOptions } from './manifest/load.js';
export { MANIFEST_KEYS, MANUAL_KEYS } from './manifest/validate.js';
export { MANIFEST_LIMITS } from './manifest/yaml.js';
export { isDomainName } from './manifest/checks.js';
export { effectiveGroupAttribute, DEFAULT_GROUP_ATTRIBUTE } from './manifest/group-attribute.js';
export { parseGlobalFederationSettings, type GlobalFederationSettings } from './tenant/settings.js';
export { parseGlobalGroupMappings, buildGlobalMappingCallBodies, buildUpdateGlobalMappingsBody } from './tenant/mappings.js';
export { readGlobalMappings } from './tenant/global-mappings.js';
export { TENANT_JSON_LIMITS } from './tenant/envelope.js';
export { readTenantJsonFile } from './tenant/file.js';
export { resolveHostGroups, type HostGroupResolution, type MappingMatch, type MappingConflict, type ResolveOptions, type MappingTable } from './mapping/resolve.js';
export { rolesForHostGroups, type RoleAssignment } from './mapping/roles.js';
export { buildCreateFederationPayload, type BuildPayloadOptions, type CreateFederationPayload, type SigningCertificateSummary } from './payload/build.js';
export type { PartView } from './payload/multipart.js';
export { countingSigningCertificate, type CountingCertificate } from './payload/counting-cert.js';
export type { MetadataFetcher } from './payload/sources.js';
export { encodeDomains, encodeName, encodeMappings, encodeIsMetaData, encodeFederationUuid, unusedFilePart, FEDERATION_TYPE } from './payload/fields.js';
