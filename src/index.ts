/**
 * samlfed: SAML 2.0 business partner federation toolkit.
 * Subpath exports (`samlfed/certs`, `samlfed/metadata`, `samlfed/assertion`, `samlfed/federation`,
 * `samlfed/tenant`, `samlfed/onboard`)
 * are re-exported here for convenience.
 */
export { SamlfedError, isSamlfedError, type ErrorContext } from './errors.js';
export { XmlError, type XmlErrorCode, parseXml, type XmlLimits } from './xml/index.js';
export { SignatureError, type SignatureErrorCode, type TrustedKey, type Verified } from './xml/dsig/index.js';
export * from './certs/index.js';
export * from './metadata/index.js';
export * from './assertion/index.js';
export * from './federation/index.js';
export * from './tenant/index.js';
export * from './onboard/index.js';
