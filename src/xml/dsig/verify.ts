/**
 * Strict verifier for one enveloped XML signature (xmldsig-core 1.1 §3.2 core validation),
 * restricted to the profile SAML deployments use: one Reference to the signed element itself,
 * enveloped-signature + one canonicalization transform (exclusive c14n, or Canonical XML 1.0/1.1),
 * RSA or ECDSA with SHA-2, and keys supplied by the caller (metadata), never taken from the message.
 */
import { createHash, KeyObject, timingSafeEqual, verify as cryptoVerify, constants } from 'node:crypto';
import type { Element } from '../tree.js';
import { canonicalize } from '../c14n.js';
import { attr, childrenNamed, textOf } from '../dom.js';
import { NS } from '../namespaces.js';
import { DIGEST_ALGORITHMS, SIGNATURE_ALGORITHMS, isHmac, type SignatureAlgorithmInfo } from './algorithms.js';
import { referenceC14n, signedInfoC14n } from './c14n-method.js';
import { base64Of, fail, findSignatureChild, readSignature, type ParsedSignature } from './structure.js';
import type { TrustedKey, VerifyEnvelopedOptions, Verified, VerifiedSignature } from './types.js';

/** Attributes that name an element for a same-document `#id` reference (see src/xml/ids.ts). */
const ID_NAMES = ['ID', 'Id', 'AssertionID'] as const;

/**
 * Verify the enveloped ds:Signature that is a direct child of `element`, and return `element`
 * branded as `Verified`. Read values only downward from the returned element.
 *
 * Rejects unless: exactly one ds:Signature child; SignedInfo/SignatureValue/KeyInfo? and no
 * ds:Object; CanonicalizationMethod exc-c14n or Canonical XML 1.0/1.1 (each with or without
 * comments); RSA or ECDSA with SHA-256/384/512 (SHA-1 only with `allowSha1`); exactly one
 * Reference whose URI is `#` + `element`'s own ID; transforms enveloped-signature then one of
 * those canonicalizations; matching digest; SignatureValue valid under one of `opts.keys`.
 *
 * @throws {SignatureError} with an `ERR_SIGNATURE_*` code (docs/errors/signature.md).
 * @throws {TypeError} when `opts.keys` is empty or holds something other than KeyObjects.
 */
export function verifyEnvelopedSignature<T extends Element>(element: T, opts: VerifyEnvelopedOptions): VerifiedSignature<T> {
  return verifyEnveloped(element, opts, undefined);
}

/** What a streamed digest was computed over (see `verifyEnvelopedSignatureStreamed`). */
export interface StreamedDigestRequest {
  /** Node hash name: sha1, sha256, sha384, sha512. */
  readonly hash: string;
  /** Canonicalization of the Reference (the stream computes `exclusive` only). */
  readonly mode: string;
  /** exc-c14n InclusiveNamespaces PrefixList of the Reference's c14n transform. */
  readonly inclusivePrefixes: readonly string[] | undefined;
  /** URI="" accepted: document-level PIs are part of the digest input (C14N 1.0 §2.3). */
  readonly wholeDocument: boolean;
}

/**
 * The same checks as `verifyEnvelopedSignature`, for a document read as a stream
 * (src/metadata/stream): `element` is a skeleton holding the root's attributes and its ds:Signature
 * child, and the Reference digest is the one `digestOf` computed while the document was read
 * (exclusive c14n of the whole root minus the Signature, streamed into the hash). `digestOf`
 * must return an empty buffer when the request does not match what it hashed: the digest then
 * mismatches and the signature is refused. Internal: not exported from src/xml/dsig/index.ts.
 */
export function verifyEnvelopedSignatureStreamed<T extends Element>(element: T, opts: VerifyEnvelopedOptions, digestOf: (req: StreamedDigestRequest) => Buffer): VerifiedSignature<T> {
  return verifyEnveloped(element, opts, digestOf);
}

function verifyEnveloped<T extends Element>(element: T, opts: VerifyEnvelopedOptions, digestOf: ((req: StreamedDigestRequest) => Buffer) | undefined): VerifiedSignature<T> {
  if (!element || element.nodeType !== 1) throw new TypeError('verifyEnvelopedSignature: element must be an Element');
  if (!opts || !Array.isArray(opts.keys) || opts.keys.length === 0) {
    throw new TypeError('verifyEnvelopedSignature: opts.keys must be a non-empty array of trusted keys (from metadata)');
  }
  for (const k of opts.keys) {
    if (!k || !(k.publicKey instanceof KeyObject) || k.publicKey.type === 'secret') {
      throw new TypeError('verifyEnvelopedSignature: every opts.keys[i].publicKey must be an asymmetric KeyObject (parse keys before calling)');
    }
  }
  const allowSha1 = opts.allowSha1 === true;
  const warnings: string[] = [];

  const signature = findSignatureChild(element);
  const sig = readSignature(signature);

  // SignedInfo/CanonicalizationMethod (xmldsig-core 1.1 §4.4.1, §6.5): an explicit allow-list.
  const signedInfoMethod = signedInfoC14n(sig);

  // SignatureMethod (xmldsig-core §6.4; RFC 6931).
  const sigAlg = signatureAlgorithmOf(sig, allowSha1, warnings);

  // Reference URI: '#' + the element's own ID (xmldsig-core §4.4.3.3 same-document reference).
  const wholeDocument = checkReferenceUri(element, sig, opts.allowEmptyUriForDocumentElement === true);
  if (wholeDocument) warnings.push('Reference URI="" (the whole document) accepted because allowEmptyUriForDocumentElement is set');

  // Transforms (xmldsig-core §6.6.4 enveloped-signature, then one canonicalization).
  const { method: referenceMethod, inclusivePrefixes } = referenceC14n(sig, element);

  // DigestMethod.
  const digestUri = sig.digestAlgorithm;
  const digest = digestUri === undefined ? undefined : DIGEST_ALGORITHMS.get(digestUri);
  if (!digest) {
    fail('ERR_SIGNATURE_ALGORITHM_FORBIDDEN', `Expected DigestMethod sha256, sha384 or sha512, found ${show(digestUri)}`, [...DIGEST_ALGORITHMS.keys()].filter((u) => !u.endsWith('sha1')), digestUri, sig.digestMethod);
  }
  const digestParam = firstChildElement(sig.digestMethod);
  if (digestParam) {
    fail('ERR_SIGNATURE_STRUCTURE', `Expected no parameters in DigestMethod ${digest.name}, found <${digestParam.tagName}>`, 'no child elements', digestParam.tagName, digestParam);
  }
  if (digest.hash === 'sha1') {
    if (!allowSha1) {
      fail('ERR_SIGNATURE_SHA1', `Expected a SHA-2 DigestMethod, found SHA-1 (${digest.uri}); SHA-1 is accepted only with allowSha1`, 'sha256, sha384 or sha512', digest.uri, sig.digestMethod);
    }
    warnings.push(`SHA-1 digest (${digest.uri}) accepted because allowSha1 is set; SHA-1 is deprecated (RFC 6931 §2.1.1)`);
  }

  // Reference validation (xmldsig-core §3.2.1). A #id reference drops comments before the
  // transforms run (xmldsig-core §4.4.3.3), so the digest never covers comments, whatever the
  // c14n transform says.
  const expectedDigest = base64Of(sig.digestValue, 'ds:DigestValue');
  let computed: Buffer;
  if (digestOf !== undefined) {
    computed = digestOf({ hash: digest.hash, mode: referenceMethod.mode, inclusivePrefixes, wholeDocument });
  } else {
    let canonical = canonicalize(element, { exclude: signature, mode: referenceMethod.mode, ...(inclusivePrefixes ? { inclusivePrefixes } : {}) });
    if (wholeDocument) canonical = documentLevelPIs(element, canonical);
    computed = createHash(digest.hash).update(canonical, 'utf8').digest();
  }
  if (computed.length !== expectedDigest.length || !timingSafeEqual(computed, expectedDigest)) {
    const exp = expectedDigest.toString('base64');
    const got = computed.toString('base64');
    fail(
      'ERR_SIGNATURE_DIGEST_MISMATCH',
      `Expected the ${digest.name} digest of <${element.tagName}> to be ${exp} (ds:DigestValue), computed ${got}: the signed content was changed after signing`,
      exp,
      got,
      sig.digestValue,
    );
  }

  // Signature validation (xmldsig-core §3.2.2): canonical SignedInfo, apex = SignedInfo.
  const signedInfoCanon = canonicalize(sig.signedInfo, signedInfoMethod.options);
  const value = base64Of(sig.signatureValue, 'ds:SignatureValue');
  const key = findVerifyingKey(opts.keys, sigAlg, Buffer.from(signedInfoCanon, 'utf8'), value);
  if (!key) failInvalid(opts.keys, sigAlg, sig);

  return {
    element: element as Verified<T>,
    signatureElement: signature,
    signatureAlgorithm: sigAlg.uri,
    digestAlgorithm: digest.uri,
    canonicalizationAlgorithm: signedInfoMethod.method.uri,
    key,
    warnings,
  };
}

function firstChildElement(el: Element): Element | undefined {
  for (let n = el.firstChild; n !== null; n = n.nextSibling) if (n.nodeType === 1) return n as Element;
  return undefined;
}

function show(v: string | undefined): string {
  return v === undefined ? '(no Algorithm attribute)' : JSON.stringify(v);
}

function signatureAlgorithmOf(sig: ParsedSignature, allowSha1: boolean, warnings: string[]): SignatureAlgorithmInfo {
  const uri = sig.signatureAlgorithm;
  const allowed = [...SIGNATURE_ALGORITHMS.values()].filter((a) => a.hash !== 'sha1').map((a) => a.uri);
  if (uri !== undefined && isHmac(uri)) {
    fail('ERR_SIGNATURE_ALGORITHM_FORBIDDEN', `Expected an RSA or ECDSA SignatureMethod, found HMAC ${show(uri)}: a shared-secret MAC proves nothing about the IdP`, allowed, uri, sig.signatureMethod);
  }
  const info = uri === undefined ? undefined : SIGNATURE_ALGORITHMS.get(uri);
  if (!info) {
    fail('ERR_SIGNATURE_ALGORITHM_FORBIDDEN', `Expected SignatureMethod RSA or ECDSA with SHA-256/384/512, found ${show(uri)}`, allowed, uri, sig.signatureMethod);
  }
  // RSA and ECDSA SignatureMethods take no parameters (xmldsig-core §6.4); HMACOutputLength is the HMAC truncation attack.
  const param = firstChildElement(sig.signatureMethod);
  if (param) {
    const hmac = param.namespaceURI === NS.DS && param.localName === 'HMACOutputLength';
    fail(hmac ? 'ERR_SIGNATURE_ALGORITHM_FORBIDDEN' : 'ERR_SIGNATURE_STRUCTURE', `Expected no parameters in the ${info.name} SignatureMethod, found <${param.tagName}>`, 'no child elements', param.tagName, param);
  }
  if (info.hash === 'sha1') {
    if (!allowSha1) {
      fail('ERR_SIGNATURE_SHA1', `Expected a SHA-2 SignatureMethod, found ${info.name} (${info.uri}); SHA-1 is accepted only with allowSha1`, allowed, info.uri, sig.signatureMethod);
    }
    warnings.push(`SHA-1 signature method ${info.name} (${info.uri}) accepted because allowSha1 is set; SHA-1 is deprecated (RFC 6931 §2.3.2)`);
  }
  return info;
}

/** Returns true when URI="" was accepted for the document element (whole-document reference). */
function checkReferenceUri(element: Element, sig: ParsedSignature, allowEmpty: boolean): boolean {
  const uri0 = attr(sig.reference, 'URI');
  if (uri0 === '' && allowEmpty && element.ownerDocument?.documentElement === element) return true;
  const ids: string[] = [];
  for (const n of ID_NAMES) {
    const v = attr(element, n);
    if (v !== undefined) ids.push(v);
  }
  const uri = uri0;
  if (ids.length === 0) {
    fail('ERR_SIGNATURE_REFERENCE_URI', `Expected <${element.tagName}> to carry an ID attribute for its signature to reference, found none (Reference URI=${show(uri)})`, 'an ID/Id/AssertionID attribute', '(absent)', element);
  }
  const expected = ids.map((v) => `#${v}`);
  if (uri === undefined || !expected.includes(uri)) {
    const why = uri === undefined ? 'no URI attribute' : uri === '' ? 'URI="" (the whole document)' : `URI=${JSON.stringify(uri)}, which points elsewhere`;
    fail('ERR_SIGNATURE_REFERENCE_URI', `Expected the ds:Reference to point at the signed element itself (URI="${expected[0]}"), found ${why}`, expected[0], uri ?? '(absent)', sig.reference);
  }
  return false;
}

/**
 * C14N 1.0 §2.3 for a whole-document node-set (URI=""): processing instructions outside the
 * document element are output too, with a line feed between them and the element. Comments are
 * not (a same-document URI drops them, xmldsig-core §4.4.3.3); the XML declaration is no PI.
 */
function documentLevelPIs(root: Element, canonical: string): string {
  let before = '';
  let after = '';
  let seenRoot = false;
  for (let n = root.ownerDocument?.firstChild ?? null; n !== null; n = n.nextSibling) {
    if (n === root) {
      seenRoot = true;
    } else if (n.nodeType === 7) {
      const pi = n as unknown as { target: string; data: string };
      if (pi.target.toLowerCase() === 'xml') continue;
      const text = '<?' + pi.target + (pi.data ? ' ' + pi.data : '') + '?>';
      if (seenRoot) after += '\n' + text;
      else before += text + '\n';
    }
  }
  return before + canonical + after;
}

function findVerifyingKey(keys: readonly TrustedKey[], alg: SignatureAlgorithmInfo, data: Buffer, value: Buffer): TrustedKey | undefined {
  for (const k of keys) {
    const type = k.publicKey.asymmetricKeyType;
    // An RSA key is never tried for ECDSA and vice versa (no key/algorithm confusion).
    if (alg.keyType === 'rsa' ? type !== 'rsa' : type !== 'ec') continue;
    try {
      const ok =
        alg.keyType === 'rsa'
          ? cryptoVerify(alg.hash, data, { key: k.publicKey, padding: constants.RSA_PKCS1_PADDING }, value)
          : // xmldsig-core 1.1 §6.4.3: ECDSA SignatureValue is r||s, not DER.
            cryptoVerify(alg.hash, data, { key: k.publicKey, dsaEncoding: 'ieee-p1363' }, value);
      if (ok) return k;
    } catch {
      // Malformed value for this key (wrong length…): not verified by it.
    }
  }
  return undefined;
}

function describeKey(k: TrustedKey, i: number): string {
  const label = k.label ?? `key ${i + 1}`;
  const type = k.publicKey.asymmetricKeyType?.toUpperCase() ?? '?';
  return `${label} (${type}${k.thumbprint ? `, SHA-1 ${k.thumbprint}` : ''})`;
}

/** SHA-1 thumbprints (uppercase hex) of the certificates in the message's own KeyInfo/X509Data. */
function keyInfoThumbprints(keyInfo: Element | undefined): string[] {
  if (!keyInfo) return [];
  const out: string[] = [];
  for (const data of childrenNamed(keyInfo, NS.DS, 'X509Data')) {
    for (const c of childrenNamed(data, NS.DS, 'X509Certificate')) {
      const b64 = textOf(c).replace(/[ \t\r\n]+/g, '');
      if (b64 === '') continue;
      // Hash of the decoded DER, like every thumbprint tool; the certificate is never parsed here.
      out.push(createHash('sha1').update(Buffer.from(b64, 'base64')).digest('hex').toUpperCase());
    }
  }
  return out;
}

function failInvalid(keys: readonly TrustedKey[], alg: SignatureAlgorithmInfo, sig: ParsedSignature): never {
  const fitting = keys.map((k, i) => ({ k, i })).filter(({ k }) => (alg.keyType === 'rsa' ? k.publicKey.asymmetricKeyType === 'rsa' : k.publicKey.asymmetricKeyType === 'ec'));
  const family = alg.keyType === 'rsa' ? 'RSA' : 'EC';
  let msg: string;
  if (fitting.length === 0) {
    msg = `Expected the ${alg.name} signature to verify with a trusted ${family} key, but none of the ${keys.length} trusted key(s) is ${family}: ${keys.map(describeKey).join('; ')}`;
  } else {
    msg = `Expected the ${alg.name} signature to verify with one of the trusted keys, but it verifies with none of the ${fitting.length} tried: ${fitting.map(({ k, i }) => describeKey(k, i)).join('; ')}`;
  }
  const prints = keyInfoThumbprints(sig.keyInfo);
  if (prints.length > 0) {
    const trusted = new Set(keys.map((k) => (k.thumbprint ?? '').replace(/[\s:]/g, '').toUpperCase()).filter((t) => t !== ''));
    const notes = prints.map((p) =>
      trusted.has(p)
        ? `the message's KeyInfo certificate (SHA-1 ${p}) matches a trusted key, so the signed content or SignedInfo was altered`
        : `the message's KeyInfo carries a certificate with SHA-1 thumbprint ${p}, which is NOT trusted: verification keys come from metadata only, never from the message`,
    );
    msg += `. ${notes.join('; ')}`;
  }
  fail('ERR_SIGNATURE_INVALID', msg, keys.map((k, i) => k.thumbprint ?? k.label ?? `key ${i + 1}`), prints.length > 0 ? { keyInfoThumbprints: prints } : 'no trusted key verifies', sig.signatureValue);
}
