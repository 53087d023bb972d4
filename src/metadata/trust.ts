import type { Certificate } from '../certs/types.js';

/**
 * Trust anchors for a metadata signature (`--trust cert.pem`, `--trust-thumbprint HEX`).
 * A signature is authentic only if it verifies with an anchor's key, or with an embedded
 * certificate whose SHA-1 or SHA-256 thumbprint is pinned here.
 */
export interface TrustAnchors {
  readonly certificates?: readonly Certificate[];
  /** SHA-1 (40 hex) or SHA-256 (64 hex) thumbprints; case and `:` separators ignored. */
  readonly thumbprints?: readonly string[];
}
