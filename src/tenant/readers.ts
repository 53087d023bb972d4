/**
 * The offline readers of the tenant's JSON (saved responses: settings, global mappings), split from
 * the client so that the CLI's offline commands (`payload --settings`, `map --global`) load no HTTP code.
 */
export { parseGlobalFederationSettings, type GlobalFederationSettings } from './read/settings.js';
export { parseGlobalGroupMappings, buildGlobalMappingCallBodies, buildUpdateGlobalMappingsBody } from './read/mappings.js';
export { readGlobalMappings } from './read/global-mappings.js';
export { TENANT_JSON_LIMITS } from './read/envelope.js';
export { readTenantJsonFile } from './read/file.js';
