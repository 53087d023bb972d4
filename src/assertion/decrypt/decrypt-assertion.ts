import { createPublicKey, randomBytes, KeyObject, X509Certificate } from 'node:crypto';
import type { Element } from '../../xml/tree.js';
import { NS } from '../../xml/namespaces.js';
import { isElement, positionOfNode } from '../../xml/dom.js';
import { parseXml, type ParsedXml } from '../../xml/parse.js';
import { AssertionError } from '../errors.js';
import { decryptBlock } from './cipher.js';
import { modulusBytes, unwrapKey } from './rsa.js';
import { readEncryptedAssertion, type EncryptedKeyPart } from './structure.js';

export interface DecryptAssertionOptions {
  /** Accept RSA PKCS#1 v1.5 key transport (xmlenc `rsa-1_5`). Default false. */
  readonly allowRsa15?: boolean;
  /** Parse limit for the plaintext (`parseXml` maxBytes); default the response limit, 1 MiB. */
  readonly maxBytes?: number;
}

export interface DecryptedAssertion {
  /** The decrypted XML text of the saml:Assertion element. */
  readonly text: string;
  /** `text` parsed with `parseXml`; its root is the saml:Assertion. */
  readonly parsed: ParsedXml;
  /** xenc:EncryptedData EncryptionMethod (content encryption) URI. */
  readonly contentAlgorithm: string;
  /** Key transport URIs of the EncryptedKeys that were considered. */
  readonly keyTransports: readonly string[];
}

/**
 * The single message for every failure that happens after a key was selected (key unwrap,
 * cipher text length, CBC padding, GCM tag, UTF-8, XML, root element): one code and one text,
 * so the response to a tampered message is no padding / format oracle
 * (Jager & Somorovsky, "How To Break XML Encryption", CCS 2011; Bleichenbacher 1998).
 */
export const DECRYPT_FAILED_MESSAGE = 'Could not decrypt the saml:EncryptedAssertion with the configured decryption keys';

function decryptFailed(node: Element): AssertionError {
  return new AssertionError('ERR_ASSERTION_DECRYPT_FAILED', DECRYPT_FAILED_MESSAGE, {
    expected: 'an assertion encrypted for one of the configured keys',
    actual: 'decryption failed',
    ...positionOfNode(node),
  });
}

const spkiCache = new WeakMap<KeyObject, Buffer>();
function spkiOf(key: KeyObject): Buffer {
  let der = spkiCache.get(key);
  if (!der) {
    der = createPublicKey(key).export({ type: 'spki', format: 'der' });
    spkiCache.set(key, der);
  }
  return der;
}

// The IdP names the same SP certificate in every message: remember the last few
// (perf-notes: parsing a certificate costs ~8 RSA verifies). Bounded, so attacker-chosen
// certificates cannot grow it.
const certSpkiCache = new Map<string, Buffer | undefined>();
const CERT_CACHE_SIZE = 16;

/** SubjectPublicKeyInfo DER of a certificate, or undefined when it does not parse. */
function certSpki(der: Buffer): Buffer | undefined {
  const cacheKey = der.toString('base64');
  if (certSpkiCache.has(cacheKey)) return certSpkiCache.get(cacheKey);
  let spki: Buffer | undefined;
  try {
    spki = new X509Certificate(der).publicKey.export({ type: 'spki', format: 'der' });
  } catch {
    spki = undefined;
  }
  if (certSpkiCache.size >= CERT_CACHE_SIZE) certSpkiCache.delete(certSpkiCache.keys().next().value!);
  certSpkiCache.set(cacheKey, spki);
  return spki;
}

/**
 * Pair each encrypted key with the private keys that may open it. When the EncryptedKey's
 * ds:KeyInfo carries certificates (public information), only keys whose public half matches
 * are tried; otherwise every RSA key is.
 */
function candidates(encKeys: readonly EncryptedKeyPart[], keys: readonly KeyObject[]): Array<[EncryptedKeyPart, KeyObject]> {
  const rsa = keys.filter((k) => modulusBytes(k) !== undefined);
  const out: Array<[EncryptedKeyPart, KeyObject]> = [];
  for (const ek of encKeys) {
    if (ek.certificates.length === 0) {
      for (const k of rsa) out.push([ek, k]);
      continue;
    }
    const named = ek.certificates.map(certSpki).filter((d): d is Buffer => d !== undefined);
    // A certificate that does not parse names nobody: then every key is tried.
    for (const k of rsa) if (named.length === 0 || named.some((d) => d.equals(spkiOf(k)))) out.push([ek, k]);
  }
  return out;
}

/**
 * Decrypt a saml:EncryptedAssertion (SAML core 2.0 §2.3.4; xmlenc-core §4.2 decryption
 * processing; xmlenc-core1 for AES-GCM and RSA-OAEP with MGF) and parse the result.
 *
 * Content encryption: aes128/192/256-cbc, aes128/192/256-gcm. Key transport: rsa-oaep-mgf1p
 * (any OAEP digest, MGF1-SHA1), xmlenc11 rsa-oaep (digest and MGF as written), rsa-1_5 only
 * with `allowRsa15`. Each private key is tried in turn.
 *
 * @throws {AssertionError} `ERR_ASSERTION_ENCRYPTED_NO_KEYS` (no keys given),
 *   `ERR_ASSERTION_DECRYPT_ALGORITHM` (algorithm unknown or refused),
 *   `ERR_ASSERTION_DECRYPT_NO_KEY` (no EncryptedKey, or every EncryptedKey names a certificate
 *   that matches none of `keys`), `ERR_ASSERTION_DECRYPT_FAILED` (malformed structure, with a
 *   specific message; or any failure during decryption, always with `DECRYPT_FAILED_MESSAGE`).
 * @throws {TypeError} when `encryptedAssertion` is not a saml:EncryptedAssertion or a key is not a private KeyObject.
 */
export function decryptAssertionElement(encryptedAssertion: Element, keys: readonly KeyObject[], opts: DecryptAssertionOptions = {}): DecryptedAssertion {
  if (!isElement(encryptedAssertion, NS.SAML, 'EncryptedAssertion')) {
    throw new TypeError('decryptAssertion: expected a saml:EncryptedAssertion element');
  }
  if (!Array.isArray(keys) || keys.some((k) => !(k instanceof KeyObject) || k.type !== 'private')) {
    throw new TypeError('decryptAssertion: keys must be an array of private KeyObjects');
  }
  if (keys.length === 0) {
    throw new AssertionError('ERR_ASSERTION_ENCRYPTED_NO_KEYS', 'The response carries a saml:EncryptedAssertion but no decryption keys are configured', {
      expected: 'at least one SP decryption key',
      actual: 'none',
      ...positionOfNode(encryptedAssertion),
    });
  }
  const parts = readEncryptedAssertion(encryptedAssertion, opts.allowRsa15 === true);
  const pairs = candidates(parts.keys, keys);
  if (pairs.length === 0) {
    throw new AssertionError('ERR_ASSERTION_DECRYPT_NO_KEY', 'The saml:EncryptedAssertion was encrypted for a certificate that matches none of the configured decryption keys', {
      expected: 'an xenc:EncryptedKey for one of the configured keys',
      actual: `${parts.keys.length} xenc:EncryptedKey for other certificates`,
      ...positionOfNode(encryptedAssertion),
    });
  }
  // Unwrap every candidate; a failed unwrap is indistinguishable from a wrong content key below.
  const ceks: Buffer[] = [];
  for (const [ek, key] of pairs) {
    const cek = unwrapKey(key, ek.cipherValue, ek.transport, parts.cipher.keyBytes);
    // The same content key wrapped several times is tried once: an unauthenticated message must
    // not make us decrypt and parse the same (up to 1 MiB) plaintext once per EncryptedKey.
    if (cek && !ceks.some((c) => c.equals(cek))) ceks.push(cek);
  }
  if (ceks.length === 0) ceks.push(randomBytes(parts.cipher.keyBytes));
  for (const cek of ceks) {
    const plain = decryptBlock(parts.cipher, cek, parts.cipherValue);
    if (!plain) continue;
    const parsed = parseAssertion(plain, opts.maxBytes ?? DEFAULT_PLAINTEXT_BYTES);
    if (parsed) return { text: parsed.text, parsed, contentAlgorithm: parts.cipher.uri, keyTransports: [...new Set(parts.keys.map((k) => k.algorithm))] };
  }
  throw decryptFailed(encryptedAssertion);
}

/** Same cap as a SAML Response (DEFAULT_MAX_RESPONSE_BYTES): the plaintext is part of one. */
const DEFAULT_PLAINTEXT_BYTES = 1024 * 1024;

/** The decrypted octets must be UTF-8 XML whose single root is saml:Assertion (SAML core §2.3.4). Parsed once, here. */
function parseAssertion(plain: Buffer, maxBytes: number): ParsedXml | undefined {
  try {
    const parsed = parseXml(plain, { maxBytes });
    return isElement(parsed.root, NS.SAML, 'Assertion') ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Decrypt a saml:EncryptedAssertion and return the XML text of the saml:Assertion it holds
 * (already checked to parse with `parseXml` to a single saml:Assertion root).
 * See `decryptAssertionElement` for algorithms and errors.
 */
export function decryptAssertion(encryptedAssertion: Element, keys: readonly KeyObject[], opts: DecryptAssertionOptions = {}): string {
  return decryptAssertionElement(encryptedAssertion, keys, opts).text;
}
