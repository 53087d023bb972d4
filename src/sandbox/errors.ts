import { SamlfedError, type ErrorContext } from '../errors.js';

/**
 * Codes of the local tenant emulator (`samlfed sandbox`, `startSandbox`). Documented in
 * docs/errors/sandbox.md. The `ERR_SANDBOX_BODY_*`, `_JSON_*` and `_MULTIPART_*` codes are also
 * sent to HTTP clients in the envelope's `ErrorCode` when a request body is refused.
 */
export type SandboxErrorCode =
  | 'ERR_SANDBOX_STATE_CORRUPT'
  | 'ERR_SANDBOX_STATE_VERSION'
  | 'ERR_SANDBOX_STATE_INVALID'
  | 'ERR_SANDBOX_STATE_IO'
  | 'ERR_SANDBOX_FAULTS_INVALID'
  | 'ERR_SANDBOX_BODY_TOO_LARGE'
  | 'ERR_SANDBOX_JSON_INVALID'
  | 'ERR_SANDBOX_JSON_TOO_DEEP'
  | 'ERR_SANDBOX_MULTIPART_INVALID'
  | 'ERR_SANDBOX_LISTEN'
  | 'ERR_SANDBOX_HRD_NO_FEDERATION'
  | 'ERR_SANDBOX_ACS_INVALID'
  | 'ERR_SANDBOX_ACS_UNKNOWN_IDP'
  | 'ERR_SANDBOX_ACS_REQUEST_USED'
  | 'ERR_SANDBOX_MFA_FAILED'
  | 'ERR_SANDBOX_ORIGIN_REFUSED'
  | 'ERR_SANDBOX_MANAGE_REFUSED';

/** The sandbox refused a state file, a fault spec, a request body, or could not listen. */
export class SandboxError extends SamlfedError<SandboxErrorCode> {
  constructor(code: SandboxErrorCode, message: string, context: ErrorContext = {}) {
    super(code, message, context);
  }
}
