import { constants, createHash, privateDecrypt, randomBytes, type KeyObject } from 'node:crypto';
import { HASH_BYTES, type HashName } from './algorithms.js';

/**
 * RSA key transport decoding for xenc:EncryptedKey (xmlenc-core §5.4, xmlenc-core1 §5.5).
 *
 * Node's `privateDecrypt` cannot express every XML Encryption variant: `rsa-oaep-mgf1p`
 * always uses MGF1 with SHA-1 while its ds:DigestMethod may name SHA-256 (OAEP hash and
 * MGF hash differ), and PKCS#1 v1.5 private decryption is disabled in Node 20
 * (CVE-2023-46809). So the RSA primitive runs in OpenSSL (RSA_NO_PADDING) and the padding
 * is removed here, following RFC 8017 §7.1.2 (EME-OAEP) and §7.2.2 (EME-PKCS1-v1_5).
 *
 * Both decoders look at every byte and fold all checks into one flag (no early exit on the
 * first bad byte), so the outcome does not depend on *which* check failed. JavaScript gives
 * no hard constant-time guarantee; callers must additionally make every failure look the
 * same (decrypt-assertion.ts does).
 */

/** Parameters of one RSA key transport. */
export type RsaTransport =
  | { readonly kind: 'oaep'; readonly hash: HashName; readonly mgfHash: HashName; readonly label: Buffer }
  | { readonly kind: 'pkcs1' };

/** RSA decryption primitive (RFC 8017 §5.1.2) on a k-byte input; `undefined` when the input is not a valid c < n. */
function rsadp(key: KeyObject, c: Buffer): Buffer | undefined {
  const k = modulusBytes(key);
  if (k === undefined || c.length !== k) return undefined;
  try {
    const m = privateDecrypt({ key, padding: constants.RSA_NO_PADDING }, c);
    if (m.length === k) return m;
    // OpenSSL returns exactly k bytes for RSA_NO_PADDING; left-pad defensively.
    const out = Buffer.alloc(k);
    m.copy(out, k - m.length);
    return out;
  } catch {
    return undefined;
  }
}

/** Modulus length in bytes of an RSA private key, `undefined` for other key types. */
export function modulusBytes(key: KeyObject): number | undefined {
  if (key.asymmetricKeyType !== 'rsa') return undefined;
  const bits = key.asymmetricKeyDetails?.modulusLength;
  return bits === undefined ? undefined : Math.ceil(bits / 8);
}

/** MGF1 (RFC 8017 §B.2.1). */
export function mgf1(seed: Buffer, length: number, hash: HashName): Buffer {
  const hLen = HASH_BYTES[hash];
  const out = Buffer.alloc(Math.ceil(length / hLen) * hLen);
  const counter = Buffer.alloc(4);
  for (let i = 0, off = 0; off < length; i++, off += hLen) {
    counter.writeUInt32BE(i, 0);
    createHash(hash).update(seed).update(counter).digest().copy(out, off);
  }
  return out.subarray(0, length);
}

/** EME-OAEP decoding (RFC 8017 §7.1.2 step 3) with separate OAEP and MGF1 hashes. */
function oaepDecode(em: Buffer, hash: HashName, mgfHash: HashName, label: Buffer): Buffer | undefined {
  const k = em.length;
  const hLen = HASH_BYTES[hash];
  if (k < 2 * hLen + 2) return undefined;
  const lHash = createHash(hash).update(label).digest();
  const maskedSeed = em.subarray(1, 1 + hLen);
  const maskedDb = em.subarray(1 + hLen);
  const seedMask = mgf1(maskedDb, hLen, mgfHash);
  const seed = Buffer.alloc(hLen);
  for (let i = 0; i < hLen; i++) seed[i] = maskedSeed[i]! ^ seedMask[i]!;
  const dbMask = mgf1(seed, k - hLen - 1, mgfHash);
  const db = Buffer.alloc(k - hLen - 1);
  for (let i = 0; i < db.length; i++) db[i] = maskedDb[i]! ^ dbMask[i]!;

  let bad = em[0]!; // Y must be 0
  for (let i = 0; i < hLen; i++) bad |= db[i]! ^ lHash[i]!;
  // After lHash: PS (zero bytes), then 0x01, then M. Scan all bytes without early exit.
  let found = 0; // 1 once the 0x01 separator was seen
  let sep = 0;
  let badPs = 0;
  for (let i = hLen; i < db.length; i++) {
    const b = db[i]!;
    const isOne = b === 1 ? 1 : 0;
    const isZero = b === 0 ? 1 : 0;
    const first = isOne & (found ^ 1);
    sep = first ? i : sep;
    // before the separator every byte must be zero
    badPs |= (found ^ 1) & (isZero ^ 1) & (isOne ^ 1);
    found |= isOne;
  }
  bad |= badPs | (found ^ 1);
  if (bad !== 0) return undefined;
  return Buffer.from(db.subarray(sep + 1));
}

/** EME-PKCS1-v1_5 decoding (RFC 8017 §7.2.2 step 3): 0x00 0x02 PS(≥8 nonzero) 0x00 M. */
function pkcs1Decode(em: Buffer): Buffer | undefined {
  let bad = em[0]! | (em[1]! ^ 2);
  let found = 0;
  let sep = 0;
  for (let i = 2; i < em.length; i++) {
    const isZero = em[i] === 0 ? 1 : 0;
    const first = isZero & (found ^ 1);
    sep = first ? i : sep;
    found |= isZero;
  }
  bad |= found ^ 1;
  bad |= sep < 10 ? 1 : 0; // PS at least 8 bytes
  if (bad !== 0) return undefined;
  return Buffer.from(em.subarray(sep + 1));
}

/**
 * Unwrap a content-encryption key. Returns `undefined` on any failure (wrong key, bad
 * padding, wrong length) — never says why. For PKCS#1 v1.5 a failure is replaced by a
 * random key of the expected length (xmlenc-core1 §5.5.1 security note, RFC 3218 §2.3.2),
 * so a Bleichenbacher oracle sees the same outcome (content decryption fails) either way.
 */
export function unwrapKey(key: KeyObject, encrypted: Buffer, transport: RsaTransport, expectedLength: number): Buffer | undefined {
  const em = rsadp(key, encrypted);
  if (transport.kind === 'pkcs1') {
    const m = em === undefined ? undefined : pkcs1Decode(em);
    return m !== undefined && m.length === expectedLength ? m : randomBytes(expectedLength);
  }
  if (em === undefined) return undefined;
  const m = oaepDecode(em, transport.hash, transport.mgfHash, transport.label);
  return m !== undefined && m.length === expectedLength ? m : undefined;
}
