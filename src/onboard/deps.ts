/**
 * The one place `onboard` imports other areas' operations (metadata, certs, federation <- onboard).
 * The tenant client is reached only through the `TenantClient` interface (src/tenant).
 */
export { lintMetadata, parseMetadata, signingCertificates } from '../metadata/index.js';
export { readCertificate } from '../certs/index.js';
export { loadManifest } from '../federation/manifest/load.js';
export { buildCreateFederationPayload } from '../federation/payload/build.js';
export { readSourceFile, defaultFetcher, type MetadataFetcher } from '../federation/payload/sources.js';
export { countingSigningCertificate } from '../federation/payload/counting-cert.js';
export { splitBlockingFindings } from '../federation/payload/blocking.js';
