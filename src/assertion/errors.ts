import { SamlfedError } from '../errors.js';

/**
 * Codes raised by `verifyResponse` and the encrypted-assertion decryption.
 * `ERR_RESPONSE_*`: the samlp:Response envelope; `ERR_ASSERTION_*`: the assertion.
 * Every code is documented in docs/errors/assertion.md. Codes never change meaning.
 */
export type AssertionErrorCode =
  // Response envelope (SAML core 2.0 §3.2.2, §3.4; profiles §4.1.4.2)
  | 'ERR_RESPONSE_ENCODING'
  | 'ERR_RESPONSE_TOO_LARGE'
  | 'ERR_RESPONSE_ROOT'
  | 'ERR_RESPONSE_VERSION'
  | 'ERR_RESPONSE_ID_MISSING'
  | 'ERR_RESPONSE_STATUS'
  | 'ERR_RESPONSE_DESTINATION_MISMATCH'
  | 'ERR_RESPONSE_ISSUER_MISMATCH'
  | 'ERR_RESPONSE_ISSUER_FORMAT'
  | 'ERR_RESPONSE_IN_RESPONSE_TO_MISMATCH'
  | 'ERR_RESPONSE_UNSOLICITED_IN_RESPONSE_TO'
  | 'ERR_RESPONSE_ASSERTION_COUNT'
  | 'ERR_RESPONSE_ASSERTION_PLACEMENT'
  // Encrypted assertion / identifiers (SAML core 2.0 §2.3.4, §6)
  | 'ERR_ASSERTION_ENCRYPTED_NO_KEYS'
  | 'ERR_ASSERTION_DECRYPT_FAILED'
  | 'ERR_ASSERTION_DECRYPT_NO_KEY'
  | 'ERR_ASSERTION_DECRYPT_ALGORITHM'
  | 'ERR_ASSERTION_DECRYPTED_ROOT'
  // Signature and issuer (profiles §4.1.4.2, core §2.3.3)
  | 'ERR_ASSERTION_UNSIGNED'
  | 'ERR_ASSERTION_VERSION'
  | 'ERR_ASSERTION_ID_MISSING'
  | 'ERR_ASSERTION_ISSUER_MISSING'
  | 'ERR_ASSERTION_ISSUER_MISMATCH'
  | 'ERR_ASSERTION_ISSUER_FORMAT'
  // Subject (core §2.4, profiles §4.1.4.2-3)
  | 'ERR_ASSERTION_NO_SUBJECT'
  | 'ERR_ASSERTION_SUBJECT_MULTIPLE'
  | 'ERR_ASSERTION_NO_NAMEID'
  | 'ERR_ASSERTION_ENCRYPTED_ID'
  | 'ERR_ASSERTION_NO_BEARER_CONFIRMATION'
  | 'ERR_ASSERTION_RECIPIENT_MISMATCH'
  | 'ERR_ASSERTION_SUBJECT_EXPIRED'
  | 'ERR_ASSERTION_SUBJECT_NOT_YET_VALID'
  | 'ERR_ASSERTION_IN_RESPONSE_TO_MISMATCH'
  // Conditions (core §2.5)
  | 'ERR_ASSERTION_NOT_YET_VALID'
  | 'ERR_ASSERTION_EXPIRED'
  | 'ERR_ASSERTION_AUDIENCE_MISSING'
  | 'ERR_ASSERTION_AUDIENCE_MISMATCH'
  | 'ERR_ASSERTION_CONDITION_UNSUPPORTED'
  | 'ERR_ASSERTION_CONDITIONS_MULTIPLE'
  // AuthnStatement (core §2.7.2, profiles §4.1.4.2)
  | 'ERR_ASSERTION_NO_AUTHN_STATEMENT'
  | 'ERR_ASSERTION_SESSION_EXPIRED'
  // Time values (xs:dateTime, core §1.3.3)
  | 'ERR_ASSERTION_TIME_INVALID'
  // Replay (profiles §4.1.4.5)
  | 'ERR_ASSERTION_REPLAYED'
  | 'ERR_ASSERTION_REPLAY_CACHE_FULL';

/** The SAML Response or its assertion was rejected. `code` says which check failed. */
export class AssertionError extends SamlfedError<AssertionErrorCode> {}
