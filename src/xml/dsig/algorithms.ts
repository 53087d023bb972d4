/**
 * Algorithm identifiers accepted by the enveloped-signature verifier.
 *
 * URIs: xmldsig-core 1.1 §6.1 (sha1, rsa-sha1, enveloped-signature),
 * RFC 6931 §2.1.2/§2.1.3/§2.2.1/§2.3.6 (xmldsig-more: sha384, rsa-sha256/384/512, ecdsa-*),
 * xmlenc-core §5.7.2 (sha256, sha512), xml-exc-c14n §5 (exclusive canonicalization).
 */

/** Node `crypto` hash name for each supported digest. */
export type HashName = 'sha1' | 'sha256' | 'sha384' | 'sha512';

export interface SignatureAlgorithmInfo {
  readonly uri: string;
  /** Key family the algorithm needs: an RSA key is never tried for ECDSA and vice versa. */
  readonly keyType: 'rsa' | 'ec';
  readonly hash: HashName;
  /** Short name used in messages and in scripts/fixtures/sign.ts. */
  readonly name: string;
}

export interface DigestAlgorithmInfo {
  readonly uri: string;
  readonly hash: HashName;
  readonly name: HashName;
}

const MORE = 'http://www.w3.org/2001/04/xmldsig-more#';
const DSIG = 'http://www.w3.org/2000/09/xmldsig#';
const XMLENC = 'http://www.w3.org/2001/04/xmlenc#';

const sig = (name: string, uri: string, keyType: 'rsa' | 'ec', hash: HashName): SignatureAlgorithmInfo => Object.freeze({ uri, keyType, hash, name });
const dig = (name: HashName, uri: string): DigestAlgorithmInfo => Object.freeze({ uri, hash: name, name });

/** Signature methods (SignedInfo/SignatureMethod/@Algorithm) the verifier knows, keyed by URI. */
export const SIGNATURE_ALGORITHMS: ReadonlyMap<string, SignatureAlgorithmInfo> = new Map(
  [
    sig('rsa-sha1', `${DSIG}rsa-sha1`, 'rsa', 'sha1'),
    sig('rsa-sha256', `${MORE}rsa-sha256`, 'rsa', 'sha256'),
    sig('rsa-sha384', `${MORE}rsa-sha384`, 'rsa', 'sha384'),
    sig('rsa-sha512', `${MORE}rsa-sha512`, 'rsa', 'sha512'),
    sig('ecdsa-sha1', `${MORE}ecdsa-sha1`, 'ec', 'sha1'),
    sig('ecdsa-sha256', `${MORE}ecdsa-sha256`, 'ec', 'sha256'),
    sig('ecdsa-sha384', `${MORE}ecdsa-sha384`, 'ec', 'sha384'),
    sig('ecdsa-sha512', `${MORE}ecdsa-sha512`, 'ec', 'sha512'),
  ].map((a) => [a.uri, a] as const),
);

/** Digest methods (Reference/DigestMethod/@Algorithm) the verifier knows, keyed by URI. */
export const DIGEST_ALGORITHMS: ReadonlyMap<string, DigestAlgorithmInfo> = new Map(
  [dig('sha1', `${DSIG}sha1`), dig('sha256', `${XMLENC}sha256`), dig('sha384', `${MORE}sha384`), dig('sha512', `${XMLENC}sha512`)].map((a) => [a.uri, a] as const),
);

/** Canonicalization and transform URIs. */
export const C14N = Object.freeze({
  EXC: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  EXC_WITH_COMMENTS: 'http://www.w3.org/2001/10/xml-exc-c14n#WithComments',
  /** Canonical XML 1.0 (inclusive): only accepted for SignedInfo with `allowInclusiveSignedInfoC14n`. */
  INCLUSIVE: 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315',
  INCLUSIVE_WITH_COMMENTS: 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments',
});
export const TRANSFORM = Object.freeze({
  ENVELOPED: `${DSIG}enveloped-signature`,
  EXC_C14N: C14N.EXC,
  EXC_C14N_WITH_COMMENTS: C14N.EXC_WITH_COMMENTS,
});

/** Everything in one place for callers (lint rules, reports). */
export const ALGORITHMS = Object.freeze({
  signature: SIGNATURE_ALGORITHMS,
  digest: DIGEST_ALGORITHMS,
  c14n: C14N,
  transform: TRANSFORM,
  /** Look up a signature URI by short name (`rsa-sha256`). */
  signatureUri(name: string): string | undefined {
    for (const a of SIGNATURE_ALGORITHMS.values()) if (a.name === name) return a.uri;
    return undefined;
  },
  /** Look up a digest URI by short name (`sha256`). */
  digestUri(name: string): string | undefined {
    for (const a of DIGEST_ALGORITHMS.values()) if (a.name === name) return a.uri;
    return undefined;
  },
});

/** True for HMAC signature methods (any hash): shared-secret MACs are never acceptable (key confusion). */
export function isHmac(uri: string): boolean {
  return /#hmac-/i.test(uri);
}
