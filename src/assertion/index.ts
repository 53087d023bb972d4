/**
 * `samlfed/assertion`: verify a SAML 2.0 Response at the SP's Assertion Consumer Service.
 */
export { verifyResponse, DEFAULT_CLOCK_SKEW_SECONDS, type LoginFor } from './verify.js';
export { AssertionError, type AssertionErrorCode } from './errors.js';
export { decryptAssertion, type DecryptAssertionOptions } from './decrypt/index.js';
export { InMemoryReplayCache, DEFAULT_REPLAY_CACHE_ENTRIES, type InMemoryReplayCacheOptions } from './replay.js';
export { groupAttributesFor, ADFS_GROUP_CLAIM, ADFS_ROLE_CLAIM } from './profile.js';
export { DEFAULT_MAX_RESPONSE_BYTES } from './input.js';
export { parseDateTime } from './time.js';
export type {
  AttributeDetail,
  IdpTrustInput,
  NameId,
  PartnerProfile,
  ReplayCache,
  SpSettings,
  VerifiedLogin,
  VerifiedLoginNameIdOptional,
  VerifyOptions,
} from './types.js';
