/**
 * Algorithm identifiers accepted by the enveloped-signature verifier.
 *
 * URIs: xmldsig-core 1.1 §6.1 (sha1, rsa-sha1, enveloped-signature),
 * RFC 6931 §2.1.2/§2.1.3/§2.2.1/§2.3.6 (xmldsig-more: sha384, rsa-sha256/384/512, ecdsa-*),
 * xmlenc-core §5.7.2 (sha256, sha512), xml-exc-c14n §5 (exclusive canonicalization),
 * xmldsig-core 1.1 §6.5 (Canonical XML 1.0 and 1.1, with and without comments).
 */
import type { C14nMode } from '../c14n.js';

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
  /** Canonical XML 1.0 (inclusive; REQUIRED for verifiers by xmldsig-core 1.1 §6.5). */
  INCLUSIVE: 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315',
  INCLUSIVE_WITH_COMMENTS: 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments',
  /** Canonical XML 1.1 (inclusive; xmldsig-core 1.1 §6.5.2). */
  INCLUSIVE_11: 'http://www.w3.org/2006/12/xml-c14n11',
  INCLUSIVE_11_WITH_COMMENTS: 'http://www.w3.org/2006/12/xml-c14n11#WithComments',
});
export const TRANSFORM = Object.freeze({
  ENVELOPED: `${DSIG}enveloped-signature`,
  EXC_C14N: C14N.EXC,
  EXC_C14N_WITH_COMMENTS: C14N.EXC_WITH_COMMENTS,
  C14N: C14N.INCLUSIVE,
  C14N_WITH_COMMENTS: C14N.INCLUSIVE_WITH_COMMENTS,
  C14N11: C14N.INCLUSIVE_11,
  C14N11_WITH_COMMENTS: C14N.INCLUSIVE_11_WITH_COMMENTS,
});

export interface C14nMethodInfo {
  readonly uri: string;
  readonly mode: C14nMode;
  readonly withComments: boolean;
  /** Short name for messages. */
  readonly name: string;
}

const c14n = (name: string, uri: string, mode: C14nMode, withComments: boolean): C14nMethodInfo => Object.freeze({ uri, mode, withComments, name });

/**
 * The canonicalization algorithms the verifier accepts, as SignedInfo's CanonicalizationMethod
 * and as the one c14n transform after enveloped-signature, keyed by URI. Anything else is refused.
 */
export const C14N_METHODS: ReadonlyMap<string, C14nMethodInfo> = new Map(
  [
    c14n('exc-c14n', C14N.EXC, 'exclusive', false),
    c14n('exc-c14n#WithComments', C14N.EXC_WITH_COMMENTS, 'exclusive', true),
    c14n('c14n-1.0', C14N.INCLUSIVE, 'inclusive', false),
    c14n('c14n-1.0#WithComments', C14N.INCLUSIVE_WITH_COMMENTS, 'inclusive', true),
    c14n('c14n-1.1', C14N.INCLUSIVE_11, 'inclusive-1.1', false),
    c14n('c14n-1.1#WithComments', C14N.INCLUSIVE_11_WITH_COMMENTS, 'inclusive-1.1', true),
  ].map((a) => [a.uri, a] as const),
);

/** Everything in one place for callers (lint rules, reports). */
export const ALGORITHMS = Object.freeze({
  signature: SIGNATURE_ALGORITHMS,
  digest: DIGEST_ALGORITHMS,
  c14n: C14N,
  c14nMethods: C14N_METHODS,
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
