import { SamlfedError, type ErrorContext } from '../errors.js';
import type { Finding } from '../metadata/lint/types.js';

/** Codes for partner manifests (`loadManifest`, `parseManifest`). Documented in docs/errors/federation.md. */
export type ManifestErrorCode =
  | 'ERR_MANIFEST_FILE'
  | 'ERR_MANIFEST_TOO_LARGE'
  | 'ERR_MANIFEST_SYNTAX'
  | 'ERR_MANIFEST_DUPLICATE_KEY'
  | 'ERR_MANIFEST_UNKNOWN_KEY'
  | 'ERR_MANIFEST_INVALID';

/** Codes for CreateFederation payloads and the tenant's federation JSON bodies. */
export type PayloadErrorCode =
  | 'ERR_PAYLOAD_LINT_FAILED'
  | 'ERR_PAYLOAD_THUMBPRINT_MISMATCH'
  | 'ERR_PAYLOAD_NO_SIGNING_CERT'
  | 'ERR_PAYLOAD_NO_IDP'
  | 'ERR_PAYLOAD_AMBIGUOUS_IDP'
  | 'ERR_PAYLOAD_CERT_INVALID'
  | 'ERR_PAYLOAD_CERT_EXPIRED'
  | 'ERR_PAYLOAD_SETTINGS_INVALID'
  | 'ERR_PAYLOAD_MAPPINGS_INVALID'
  | 'ERR_PAYLOAD_TENANT_ERROR'
  | 'ERR_PAYLOAD_TOO_LARGE'
  | 'ERR_PAYLOAD_BOUNDARY';

export interface ManifestErrorContext extends ErrorContext {
  /** Manifest file the problem is in, when known. */
  readonly file?: string;
  /** Field path inside the manifest, e.g. `domains[1]`, `mappings["Sales Managers"]`. */
  readonly path?: string;
}

/**
 * A partner manifest is unacceptable. The message starts with `file:line:column: path:` when
 * those are known, so an operator can jump straight to the offending entry.
 */
export class ManifestError extends SamlfedError<ManifestErrorCode> {
  readonly file?: string;
  readonly path?: string;

  constructor(code: ManifestErrorCode, message: string, context: ManifestErrorContext = {}) {
    super(code, formatLocated(message, context), context);
    if (context.file !== undefined) this.file = context.file;
    if (context.path !== undefined) this.path = context.path;
  }
}

export interface PayloadErrorContext extends ErrorContext {
  /** Lint findings that stopped the build (`ERR_PAYLOAD_LINT_FAILED`). */
  readonly findings?: readonly Finding[];
}

/** The payload cannot be built safely, or a tenant JSON body has the wrong shape. */
export class PayloadError extends SamlfedError<PayloadErrorCode> {
  readonly findings?: readonly Finding[];

  constructor(code: PayloadErrorCode, message: string, context: PayloadErrorContext = {}) {
    super(code, message, context);
    if (context.findings !== undefined) this.findings = context.findings;
  }
}

function formatLocated(message: string, c: ManifestErrorContext): string {
  let where = c.file ?? '';
  if (c.line !== undefined) where += `${where ? ':' : 'line '}${c.line}${c.column !== undefined ? `:${c.column}` : ''}`;
  const prefix = [where, c.path].filter((s) => s !== undefined && s !== '').join(': ');
  return prefix ? `${prefix}: ${message}` : message;
}
