/**
 * The metadata document's own signature, checked the way metadata aggregators (Shibboleth's
 * SignatureValidationFilter, pyFF) do: one enveloped ds:Signature on the ROOT element,
 * exactly one Reference, to the root (saml-metadata-2.0-os §3.1 "Use of XML Signature"),
 * no ds:Object, verified with the project's strict verifier (exc-c14n, RSA/ECDSA SHA-256+;
 * SHA-1 accepted but reported as the `metadata-signature-weak-alg` warning).
 */
import type { Element } from '../xml/tree.js';
import { certificateFromBase64 } from '../certs/index.js';
import type { Certificate } from '../certs/types.js';
import { isSamlfedError } from '../errors.js';
import { childElements, childNamed, childrenNamed, textOf } from '../xml/dom.js';
import { NS } from '../xml/namespaces.js';
import type { TrustedKey } from '../xml/dsig/types.js';
import { verifyEnvelopedSignature, verifyEnvelopedSignatureStreamed, type StreamedDigestRequest } from '../xml/dsig/verify.js';
import type { MetadataSignatureCode } from './errors.js';
import type { MetadataSignatureStatus } from './model.js';
import { hasTrustAnchors, pinnedThumbprints, type TrustAnchors } from './trust.js';

/** Warning id put in `warnings` when the signature or digest uses SHA-1. */
export const WEAK_ALGORITHM_WARNING = 'metadata-signature-weak-alg';

/** What `embedded-certificate` trust means, for reports. */
export const EMBEDDED_TRUST_NOTE = 'integrity only, authenticity not established: verified with the certificate the document carries itself, not with a trust anchor';

function invalid(code: MetadataSignatureCode, message: string): MetadataSignatureStatus {
  return { status: 'invalid', code, message };
}

/** Certificates in the Signature's own ds:KeyInfo/ds:X509Data (those that parse). */
function embeddedCertificates(signature: Element): { certs: Certificate[]; firstError?: { code: string; message: string } } {
  const certs: Certificate[] = [];
  let firstError: { code: string; message: string } | undefined;
  const keyInfo = childNamed(signature, NS.DS, 'KeyInfo');
  if (!keyInfo) return { certs };
  for (const data of childrenNamed(keyInfo, NS.DS, 'X509Data')) {
    for (const x of childrenNamed(data, NS.DS, 'X509Certificate')) {
      try {
        certs.push(certificateFromBase64(textOf(x)));
      } catch (e) {
        if (!isSamlfedError(e)) throw e;
        firstError ??= { code: e.code, message: e.message };
      }
    }
  }
  return { certs, firstError };
}

function keysFor(signature: Element, trust: TrustAnchors | undefined): { keys: TrustedKey[]; trust: 'trust-anchor' | 'embedded-certificate' } | MetadataSignatureStatus {
  const anchored = hasTrustAnchors(trust);
  const embedded = embeddedCertificates(signature);
  if (anchored) {
    const keys: TrustedKey[] = (trust.certificates ?? []).map((c, i) => ({ publicKey: c.publicKey, thumbprint: c.sha1Thumbprint, label: `trust anchor ${i + 1} (${c.subject})` }));
    const pinned = new Set(pinnedThumbprints(trust));
    for (const c of embedded.certs) {
      if (pinned.has(c.sha1Thumbprint) || pinned.has(c.sha256Thumbprint)) keys.push({ publicKey: c.publicKey, thumbprint: c.sha1Thumbprint, label: `pinned embedded certificate (${c.subject})` });
    }
    if (keys.length === 0) {
      const found = embedded.certs.map((c) => c.sha1Thumbprint).join(', ') || 'no certificate';
      return invalid('ERR_METADATA_SIGNATURE_UNTRUSTED', `Expected the metadata to be signed with a certificate whose thumbprint is pinned (${[...pinned].join(', ')}), found ${found} in the Signature's KeyInfo`);
    }
    return { keys, trust: 'trust-anchor' };
  }
  if (embedded.certs.length === 0) {
    const why = embedded.firstError ? `its certificate does not parse (${embedded.firstError.code}: ${embedded.firstError.message})` : 'it carries no X509Certificate';
    return invalid('ERR_METADATA_SIGNATURE_NO_KEY', `Expected trust anchors or a certificate in the Signature's KeyInfo to check the metadata signature, found no trust anchors and ${why}`);
  }
  const keys = embedded.certs.map((c, i) => ({ publicKey: c.publicKey, thumbprint: c.sha1Thumbprint, label: `embedded certificate ${i + 1} (${c.subject})` }));
  return { keys, trust: 'embedded-certificate' };
}

/**
 * Check the enveloped signature on the metadata root element.
 *
 * - No ds:Signature child → `{ status: 'unsigned' }`.
 * - With `trust` (certificates and/or pinned SHA-1/SHA-256 thumbprints): verified with the anchor
 *   certificates' keys and with embedded certificates whose thumbprint is pinned → `trust: 'trust-anchor'`.
 * - Without `trust`: verified with the certificate in the Signature's own KeyInfo →
 *   `trust: 'embedded-certificate'`: integrity only, authenticity NOT established.
 * - Any failure → `{ status: 'invalid', code, message }` (verifier `ERR_SIGNATURE_*` codes or the
 *   `ERR_METADATA_SIGNATURE_*` profile codes). Never throws for bad input.
 * @throws {TypeError} a pinned thumbprint in `trust` that is not 40 or 64 hex digits (caller mistake).
 */
export function checkMetadataSignature(root: Element, trust?: TrustAnchors): MetadataSignatureStatus {
  return checkRootSignature(root, trust, undefined);
}

/**
 * `checkMetadataSignature` with the Reference digest computed by the caller while it streamed the
 * document (src/metadata/stream): `root` is then a skeleton holding the root's attributes and its
 * ds:Signature child. Every other check is the same. Internal (not exported from the package).
 */
export function checkRootSignature(root: Element, trust: TrustAnchors | undefined, digestOf: ((req: StreamedDigestRequest) => Buffer) | undefined): MetadataSignatureStatus {
  const signatures = childElements(root).filter((c) => c.namespaceURI === NS.DS && c.localName === 'Signature');
  if (signatures.length === 0) return { status: 'unsigned' };
  // The verifier enforces the profile: one Signature, no ds:Object, exactly one Reference whose
  // URI is "#" + the root's ID, enveloped-signature + exc-c14n transforms only, no HMAC.
  const signature = signatures[0]!;
  const k = keysFor(signature, trust);
  if ('status' in k) return k;
  try {
    // Shibboleth/OpenSAML metadata profile: `URI=""` is accepted on the document root only, and
    // SignedInfo may use Canonical XML 1.0 (federation aggregates such as SWAMID do); the Reference
    // transforms stay enveloped + exclusive c14n. SAML Responses get neither allowance.
    const opts = { keys: k.keys, allowSha1: true, allowEmptyUriForDocumentElement: true, allowInclusiveSignedInfoC14n: true };
    const v = digestOf === undefined ? verifyEnvelopedSignature(root, opts) : verifyEnvelopedSignatureStreamed(root, opts, digestOf);
    const weak = /sha1$/i.test(v.signatureAlgorithm) || /sha1$/i.test(v.digestAlgorithm);
    return {
      status: 'valid',
      trust: k.trust,
      signatureAlgorithm: v.signatureAlgorithm,
      digestAlgorithm: v.digestAlgorithm,
      ...(v.key.thumbprint === undefined ? {} : { signerThumbprint: v.key.thumbprint }),
      warnings: weak ? [WEAK_ALGORITHM_WARNING] : [],
    };
  } catch (e) {
    if (!isSamlfedError(e)) throw e;
    return { status: 'invalid', code: e.code, message: e.message };
  }
}
