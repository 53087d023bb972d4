import { SamlfedError, type ErrorContext } from '../errors.js';

/**
 * Codes of the partner IdP simulator (`samlfed/idp`, `samlfed idp`). Documented in
 * docs/errors/idp.md. Request codes come back to the browser as an HTTP 400 page.
 */
export type IdpErrorCode =
  | 'ERR_IDP_REQUEST_MISSING'
  | 'ERR_IDP_REQUEST_TOO_LARGE'
  | 'ERR_IDP_REQUEST_ENCODING'
  | 'ERR_IDP_REQUEST_INVALID'
  | 'ERR_IDP_ACS_MISSING'
  | 'ERR_IDP_ACS_INVALID'
  | 'ERR_IDP_LOGIN_INVALID'
  | 'ERR_IDP_LOGIN_UNKNOWN_REQUEST'
  | 'ERR_IDP_BODY_TOO_LARGE'
  | 'ERR_IDP_USERS_FILE'
  | 'ERR_IDP_USERS_INVALID'
  | 'ERR_IDP_KEY_INVALID'
  | 'ERR_IDP_ENCRYPT_CERT_INVALID'
  | 'ERR_IDP_INTERNAL'
  | 'ERR_IDP_SIGN_IN_FAILED';

/** The simulator refused an input: an AuthnRequest, a login form, a users file, a key. */
export class IdpError extends SamlfedError<IdpErrorCode> {
  constructor(code: IdpErrorCode, message: string, context: ErrorContext = {}) {
    super(code, message, context);
  }
}
