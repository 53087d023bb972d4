import { normalizeThumbprint } from '../certs/thumbprint.js';
import type { Certificate } from '../certs/types.js';
import { isSamlfedError } from '../errors.js';

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

/** True when `trust` names at least one anchor: a certificate or a pinned thumbprint. */
export function hasTrustAnchors(trust: TrustAnchors | undefined): trust is TrustAnchors {
  return trust !== undefined && ((trust.certificates?.length ?? 0) > 0 || (trust.thumbprints?.length ?? 0) > 0);
}

/**
 * The pinned thumbprints of `trust`, normalised as `normalizeThumbprint` does (`:`, whitespace and
 * the invisible marks the Windows certificate dialog copies are dropped; upper-case).
 * @throws {TypeError} a caller mistake: a value that is not 40 or 64 hex digits.
 */
export function pinnedThumbprints(trust: TrustAnchors | undefined): string[] {
  return (trust?.thumbprints ?? []).map((t, i) => {
    try {
      return normalizeThumbprint(t);
    } catch (e) {
      if (isSamlfedError(e)) throw new TypeError(`trust.thumbprints[${i}]: ${e.message}`);
      throw e;
    }
  });
}
