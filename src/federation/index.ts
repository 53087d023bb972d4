/**
 * `samlfed/federation`: partner manifests, the tenant's CreateFederation multipart payload and
 * group mapping (docs/federation.md). The readers of the tenant's JSON (settings, global mappings)
 * live in `samlfed/tenant`; federation stays pure and offline.
 */
export { ManifestError, PayloadError, type ManifestErrorCode, type PayloadErrorCode, type ManifestErrorContext, type PayloadErrorContext } from './errors.js';
export type { PartnerManifest, IdpSource, GroupMapping } from './manifest/types.js';
export { parseManifest, type ParseManifestOptions } from './manifest/parse.js';
export { loadManifest, type LoadManifestOptions } from './manifest/load.js';
export { MANIFEST_KEYS, MANUAL_KEYS } from './manifest/validate.js';
export { MANIFEST_LIMITS } from './manifest/yaml.js';
export { isDomainName } from './manifest/checks.js';
export { effectiveGroupAttribute, DEFAULT_GROUP_ATTRIBUTE } from './manifest/group-attribute.js';
export { resolveHostGroups, type HostGroupResolution, type MappingMatch, type MappingConflict, type ResolveOptions, type MappingTable } from './mapping/resolve.js';
export { rolesForHostGroups, type RoleAssignment } from './mapping/roles.js';
export { buildCreateFederationPayload, type BuildPayloadOptions, type FederationSpSettings, type CreateFederationPayload, type SigningCertificateSummary } from './payload/build.js';
export type { PartView } from './payload/multipart.js';
export { countingSigningCertificate, type CountingCertificate } from './payload/counting-cert.js';
export type { MetadataFetcher } from './payload/sources.js';
export { encodeDomains, encodeName, encodeMappings, encodeIsMetaData, encodeFederationUuid, unusedFilePart, FEDERATION_TYPE } from './payload/fields.js';
