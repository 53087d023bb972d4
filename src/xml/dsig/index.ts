export type { TrustedKey, VerifyEnvelopedOptions, Verified, VerifiedSignature } from './types.js';
export { verifyEnvelopedSignature } from './verify.js';
export { findSignatureChild } from './structure.js';
export { SignatureError, type SignatureErrorCode } from './errors.js';
export {
  ALGORITHMS,
  SIGNATURE_ALGORITHMS,
  DIGEST_ALGORITHMS,
  C14N,
  C14N_METHODS,
  TRANSFORM,
  isHmac,
  type HashName,
  type SignatureAlgorithmInfo,
  type DigestAlgorithmInfo,
  type C14nMethodInfo,
} from './algorithms.js';
