import type { Certificate } from '../../certs/types.js';

/** Which IdP signing certificate counts, and why (see `countingSigningCertificate`). */
export type CountingCertificate =
  /** The certificate whose SHA-1 equals the manifest's `expectedThumbprint`. */
  | { readonly kind: 'pinned'; readonly certificate: Certificate }
  /** No pin: the first certificate, in document order, valid at `now` (notBefore <= now <= notAfter). */
  | { readonly kind: 'valid'; readonly certificate: Certificate }
  /** No pin and none valid at `now`: the first one (lint reports it expired or not yet valid). */
  | { readonly kind: 'none-valid'; readonly certificate: Certificate }
  /** A pin that matches none of the certificates: nothing counts. */
  | { readonly kind: 'pin-not-found'; readonly expectedThumbprint: string; readonly found: readonly string[] }
  /** No signing certificate at all. */
  | { readonly kind: 'none' };

/** True when `now` lies within the certificate's validity period (RFC 5280 §4.1.2.5). */
export function validAt(c: Certificate, now: Date): boolean {
  return c.notBefore.getTime() <= now.getTime() && now.getTime() <= c.notAfter.getTime();
}

/**
 * The one rule for key rollover: which of an IdP's signing certificates (KeyDescriptor
 * use="signing" or without use, in document order) the tenant is told to trust.
 *
 * 1. With a pinned `expectedThumbprint` (SHA-1, 40 upper-case hex digits as `parseManifest`
 *    normalises it), the certificate with that SHA-1 counts, whatever its dates (lint judges them);
 *    no match is `pin-not-found`.
 * 2. Otherwise the first certificate valid at `now` counts. During a rollover (metadata listing
 *    the old, expired certificate and the new one), that is the new one.
 * 3. Otherwise (none valid) the first one, reported as `none-valid`.
 *
 * Certificates that do not count (an expired one on its way out, encryption keys) do not block
 * a payload: `buildCreateFederationPayload` reports their lint findings as warnings. Used by
 * `samlfed payload`, and meant for every caller that has to name one signing certificate.
 */
export function countingSigningCertificate(certs: readonly Certificate[], opts: { readonly expectedThumbprint?: string | undefined; readonly now: Date }): CountingCertificate {
  if (certs.length === 0) return { kind: 'none' };
  const pin = opts.expectedThumbprint;
  if (pin !== undefined) {
    const match = certs.find((c) => c.sha1Thumbprint === pin);
    return match ? { kind: 'pinned', certificate: match } : { kind: 'pin-not-found', expectedThumbprint: pin, found: [...new Set(certs.map((c) => c.sha1Thumbprint))] };
  }
  const valid = certs.find((c) => validAt(c, opts.now));
  return valid ? { kind: 'valid', certificate: valid } : { kind: 'none-valid', certificate: certs[0]! };
}
