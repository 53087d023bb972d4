export type { TrustedKey, VerifyEnvelopedOptions, Verified, VerifiedSignature } from './types.js';
export { verifyEnvelopedSignature } from './verify.js';
export { findSignatureChild } from './structure.js';
export { SignatureError, type SignatureErrorCode } from './errors.js';
export {
  ALGORITHMS,
  SIGNATURE_ALGORITHMS,
  DIGEST_ALGORITHMS,
  C14N,
  TRANSFORM,
  isHmac,
  type HashName,
  type SignatureAlgorithmInfo,
  type DigestAlgorithmInfo,
} from './algorithms.js';
