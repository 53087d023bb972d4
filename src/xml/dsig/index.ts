export type { TrustedKey, VerifyEnvelopedOptions, Verified, VerifiedSignature } from './types.js';
