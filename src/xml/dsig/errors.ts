import { SamlfedError } from '../../errors.js';

/**
 * Codes raised by the enveloped-signature verifier (`verifyEnvelopedSignature`).
 * Documented in docs/errors/signature.md; codes never change meaning once released.
 */
export type SignatureErrorCode =
  /** The element has no ds:Signature child. */
  | 'ERR_SIGNATURE_MISSING'
  /** The element has more than one ds:Signature child. */
  | 'ERR_SIGNATURE_MULTIPLE'
  /** The Signature carries ds:Object (content that could be referenced instead of the element). */
  | 'ERR_SIGNATURE_OBJECT'
  /** Any other structural problem: missing/duplicate/misordered SignedInfo, SignatureValue, KeyInfo, unexpected children, bad base64. */
  | 'ERR_SIGNATURE_STRUCTURE'
  /** CanonicalizationMethod is not exclusive c14n. */
  | 'ERR_SIGNATURE_C14N_UNSUPPORTED'
  /** SHA-1 signature or digest without `allowSha1`. */
  | 'ERR_SIGNATURE_SHA1'
  /** HMAC or an unknown signature/digest algorithm. */
  | 'ERR_SIGNATURE_ALGORITHM_FORBIDDEN'
  /** SignedInfo does not hold exactly one ds:Reference. */
  | 'ERR_SIGNATURE_REFERENCE_COUNT'
  /** The Reference URI is not `#` + the signed element's own ID. */
  | 'ERR_SIGNATURE_REFERENCE_URI'
  /** Transforms other than enveloped-signature + exc-c14n, or enveloped-signature missing. */
  | 'ERR_SIGNATURE_TRANSFORM'
  /** The signed element's digest does not match DigestValue (content altered after signing). */
  | 'ERR_SIGNATURE_DIGEST_MISMATCH'
  /** SignatureValue does not verify with any trusted key. */
  | 'ERR_SIGNATURE_INVALID';

/** An enveloped XML signature was rejected. `expected`/`actual` say what was wanted and found. */
export class SignatureError extends SamlfedError<SignatureErrorCode> {}
