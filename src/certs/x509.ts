/**
 * Read the fields samlfed reports from a DER X.509 certificate (RFC 5280 §4.1).
 *
 * Own DER walk (der.ts) rather than node-forge (whose `certificateFromAsn1` refuses
 * non-RSA keys) or `crypto.X509Certificate`. Measured here (Node 20.20, 2048-bit RSA
 * cert, 20,000 iterations, shared 2-core machine, so ratios matter more than values):
 *   this walk incl. both DN strings, dates, key size   ≈ 30 µs
 *   `forge.asn1.fromDer` alone (no fields, no DNs)       ≈ 26–33 µs
 *   forge `fromDer` + `certificateFromAsn1` (RSA only)   ≈ 130–180 µs
 *   `new X509Certificate` alone                          ≈ 240–280 µs (OpenSSL-style DNs)
 *   SHA-1 + SHA-256 thumbprints                          ≈ 10 µs
 * so ~10,000 metadata certificates cost ~0.4 s here, and each distinct one is parsed once (cache.ts).
 */
import { TAG, bitLengthOf, childrenOf, contentOf, derFail, encodingOf, expectTlv, hexOf, oidOf, readTlv, type Tlv } from './der.js';
import { formatName } from './name.js';
import { CURVES, HASH_OIDS, KEY_ALGORITHMS, SIGNATURE_ALGORITHMS } from './oids.js';
import type { KeyInfo } from './types.js';

/** RSASSA-PSS parameters (RFC 8017 App. A.2.3), with the RFC's defaults filled in. */
export interface PssParams {
  readonly hash: string;
  readonly saltLength: number;
}

export interface X509Fields {
  readonly version: number;
  readonly serialNumber: string;
  readonly issuer: string;
  readonly subject: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly signatureAlgorithm: string;
  /** Digest of the signature algorithm (`sha256`…), when known. */
  readonly signatureHash: string | undefined;
  readonly pss: PssParams | undefined;
  readonly key: KeyInfo;
  /** DER of SubjectPublicKeyInfo (view into the certificate bytes). */
  readonly spki: Buffer;
  /** DER of TBSCertificate: what the signature covers. */
  readonly tbs: Buffer;
  /** Signature bits (unused-bits octet removed). */
  readonly signature: Buffer;
}

/**
 * The fields, with the three byte views made when first read: only key loading and the
 * self-signed check read them, and metadata lint does neither for most certificates.
 */
class Fields implements X509Fields {
  constructor(
    readonly version: number,
    readonly serialNumber: string,
    readonly issuer: string,
    readonly subject: string,
    readonly notBefore: Date,
    readonly notAfter: Date,
    readonly signatureAlgorithm: string,
    readonly signatureHash: string | undefined,
    readonly pss: PssParams | undefined,
    readonly key: KeyInfo,
    private readonly der: Uint8Array,
    private readonly spkiTlv: Tlv,
    private readonly tbsTlv: Tlv,
    private readonly sigTlv: Tlv,
  ) {}

  get spki(): Buffer {
    return encodingOf(this.der, this.spkiTlv);
  }

  get tbs(): Buffer {
    return encodingOf(this.der, this.tbsTlv);
  }

  get signature(): Buffer {
    return contentOf(this.der, this.sigTlv).subarray(1);
  }
}

/** Serial as upper-case hex of its magnitude, like `openssl x509 -serial` (`-` for negatives). */
function serialOf(bytes: Uint8Array, t: Tlv): string {
  if (t.tag !== TAG.INTEGER || t.end === t.start) derFail('serialNumber: expected an INTEGER', t.offset);
  const negative = (bytes[t.start]! & 0x80) !== 0;
  if (!negative) {
    const s = bytes[t.start] === 0 && t.end - t.start > 1 ? t.start + 1 : t.start;
    return hexOf(bytes, s, t.end);
  }
  const raw = BigInt(`0x${hexOf(bytes, t.start, t.end)}`);
  const mag = (1n << BigInt((t.end - t.start) * 8)) - raw;
  const hex = mag.toString(16).toUpperCase();
  return `-${hex.length % 2 ? `0${hex}` : hex}`;
}

/** Two ASCII digits at `i` as a number, or -1. */
function two(bytes: Uint8Array, i: number): number {
  const a = bytes[i]! - 0x30;
  const b = bytes[i + 1]! - 0x30;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * The forms RFC 5280 §4.1.2.5.1-2 require (`YYMMDDHHMMSSZ`, `YYYYMMDDHHMMSSZ`), read without a
 * string or a regular expression; `undefined` for anything else (incl. out-of-range fields),
 * which `timeOf` then reads (and rejects) the general way, with the same results and errors.
 */
function strictTimeOf(bytes: Uint8Array, t: Tlv): Date | undefined {
  let p = t.start;
  let year: number;
  if (t.tag === TAG.UTC_TIME && t.end - p === 13) {
    year = two(bytes, p);
    if (year < 0) return undefined;
    year += year >= 50 ? 1900 : 2000; // RFC 5280 §4.1.2.5.1
    p += 2;
  } else if (t.tag === TAG.GENERALIZED_TIME && t.end - p === 15) {
    const hi = two(bytes, p);
    const lo = two(bytes, p + 2);
    if (hi < 0 || lo < 0) return undefined;
    year = hi * 100 + lo;
    p += 4;
  } else {
    return undefined;
  }
  if (bytes[p + 10] !== 0x5a) return undefined; // 'Z'
  const month = two(bytes, p);
  const day = two(bytes, p + 2);
  const hour = two(bytes, p + 4);
  const minute = two(bytes, p + 6);
  const second = two(bytes, p + 8);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) return undefined;
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second));
}

/** UTCTime / GeneralizedTime (RFC 5280 §4.1.2.5.1-2); seconds and a ±hhmm offset tolerated. */
function timeOf(bytes: Uint8Array, t: Tlv): Date {
  const strict = strictTimeOf(bytes, t);
  if (strict !== undefined) return strict;
  const s = Buffer.from(bytes.buffer, bytes.byteOffset + t.start, t.end - t.start).toString('latin1'); // a view, no copy
  const re = t.tag === TAG.UTC_TIME
    ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(Z|[+-]\d{4})$/
    : t.tag === TAG.GENERALIZED_TIME ? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(?:\.\d+)?(Z|[+-]\d{4})$/ : undefined;
  const m = re?.exec(s);
  if (!m) derFail(`validity: expected UTCTime or GeneralizedTime, found ${JSON.stringify(s.slice(0, 24))}`, t.offset);
  let year = Number(m[1]);
  if (t.tag === TAG.UTC_TIME) year += year >= 50 ? 1900 : 2000; // RFC 5280 §4.1.2.5.1
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = Number(m[6] ?? '0');
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) derFail(`validity: impossible date ${s}`, t.offset);
  let ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const tz = m[7]!;
  if (tz !== 'Z') ms -= (tz[0] === '-' ? -1 : 1) * (Number(tz.slice(1, 3)) * 60 + Number(tz.slice(3, 5))) * 60_000;
  return new Date(ms);
}

function algorithmOf(bytes: Uint8Array, t: Tlv, what: string): { oid: string; params: Tlv | undefined } {
  if (t.tag !== TAG.SEQUENCE) derFail(`${what}: expected an AlgorithmIdentifier SEQUENCE`, t.offset);
  const c = childrenOf(bytes, t);
  const oid = c[0];
  const params = c[1];
  if (!oid) derFail(`${what}: empty AlgorithmIdentifier`, t.offset);
  return { oid: oidOf(bytes, oid), params };
}

/** RFC 8017 App. A.2.3: RSASSA-PSS-params, defaults SHA-1 and salt 20. */
function pssOf(bytes: Uint8Array, params: Tlv | undefined): PssParams {
  let hash = 'sha1';
  let saltLength = 20;
  if (params && params.tag === TAG.SEQUENCE) {
    for (const p of childrenOf(bytes, params)) {
      if (p.tag === 0xa0) {
        const alg = algorithmOf(bytes, readTlv(bytes, p.start, p.end), 'RSASSA-PSS hashAlgorithm');
        hash = HASH_OIDS[alg.oid] ?? alg.oid;
      } else if (p.tag === 0xa2) {
        const n = expectTlv(bytes, p.start, p.end, TAG.INTEGER, 'RSASSA-PSS saltLength');
        saltLength = Number.parseInt(hexOf(bytes, n.start, n.end) || '0', 16);
      }
    }
  }
  return { hash, saltLength };
}

/** Key type and size from SubjectPublicKeyInfo (RFC 5280 §4.1.2.7, RFC 3279, RFC 5480, RFC 8410). */
function keyOf(bytes: Uint8Array, spki: Tlv): KeyInfo {
  const c = childrenOf(bytes, spki);
  const algTlv = c[0];
  const keyBits = c[1];
  if (!algTlv || !keyBits || keyBits.tag !== TAG.BIT_STRING) derFail('SubjectPublicKeyInfo: expected algorithm and BIT STRING', spki.offset);
  const { oid, params } = algorithmOf(bytes, algTlv, 'SubjectPublicKeyInfo');
  const keyStart = keyBits.start + 1; // skip unused-bits octet
  switch (oid) {
    case KEY_ALGORITHMS.RSA:
    case KEY_ALGORITHMS.RSA_PSS: {
      const rsa = expectTlv(bytes, keyStart, keyBits.end, TAG.SEQUENCE, 'RSAPublicKey');
      const modulus = expectTlv(bytes, rsa.start, rsa.end, TAG.INTEGER, 'RSAPublicKey modulus');
      return { type: 'RSA', bits: bitLengthOf(bytes, modulus) };
    }
    case KEY_ALGORITHMS.EC: {
      const curveOid = params && params.tag === TAG.OID ? oidOf(bytes, params) : 'explicit-parameters';
      const known = CURVES[curveOid];
      // Uncompressed point 04||X||Y: field size is half of the rest.
      const pointBytes = keyBits.end - keyStart;
      return { type: 'EC', curve: known?.name ?? curveOid, bits: known?.bits ?? Math.floor((pointBytes - 1) / 2) * 8 };
    }
    case KEY_ALGORITHMS.ED25519:
      return { type: 'Ed25519', bits: 256 };
    case KEY_ALGORITHMS.ED448:
      return { type: 'Ed448', bits: 456 };
    case KEY_ALGORITHMS.DSA: {
      // Dss-Parms ::= SEQUENCE { p, q, g } (RFC 3279 §2.3.2): size of p.
      if (params && params.tag === TAG.SEQUENCE) {
        const p = expectTlv(bytes, params.start, params.end, TAG.INTEGER, 'Dss-Parms p');
        return { type: 'DSA', bits: bitLengthOf(bytes, p) };
      }
      return { type: 'DSA', bits: 0 };
    }
    default:
      return { type: 'unknown', bits: 0 };
  }
}

/** True when the TLVs `a` and `b` of `bytes` have the same encoding (tag, length and content). */
function sameEncoding(bytes: Uint8Array, a: Tlv, b: Tlv): boolean {
  const n = a.end - a.offset;
  if (b.end - b.offset !== n) return false;
  for (let i = 0; i < n; i++) if (bytes[a.offset + i] !== bytes[b.offset + i]) return false;
  return true;
}

/**
 * Parse the certificate in `der` (which must hold exactly one certificate, no trailing bytes).
 * @throws {CertError} `ERR_CERT_DER`
 */
export function parseX509(der: Uint8Array): X509Fields {
  const cert = readTlv(der, 0, der.length);
  if (cert.tag !== TAG.SEQUENCE) derFail('Certificate: expected a SEQUENCE', 0);
  if (cert.end !== der.length) derFail(`${der.length - cert.end} trailing bytes after the certificate`, cert.end);
  // Arrays read by index, not destructured (the same values for these dense arrays): destructuring
  // runs the iterator protocol until the function is optimized, i.e. for the first thousand or so
  // certificates of an aggregate.
  const top = childrenOf(der, cert);
  const tbs = top[0];
  const sigAlgTlv = top[1];
  const sigValue = top[2];
  const extra = top[3];
  if (!tbs || !sigAlgTlv || !sigValue || extra) derFail('Certificate: expected tbsCertificate, signatureAlgorithm, signatureValue', 0);
  if (tbs.tag !== TAG.SEQUENCE) derFail('tbsCertificate: expected a SEQUENCE', tbs.offset);
  if (sigValue.tag !== TAG.BIT_STRING || sigValue.end === sigValue.start) derFail('signatureValue: expected a BIT STRING', sigValue.offset);

  const f = childrenOf(der, tbs);
  let i = 0;
  let version = 1;
  if (f[0]?.tag === 0xa0) {
    const v = expectTlv(der, f[0].start, f[0].end, TAG.INTEGER, 'version');
    version = Number.parseInt(hexOf(der, v.start, v.end) || '0', 16) + 1;
    i = 1;
  }
  const serialTlv = f[i];
  const innerSig = f[i + 1];
  const issuerTlv = f[i + 2];
  const validity = f[i + 3];
  const subjectTlv = f[i + 4];
  const spkiTlv = f[i + 5];
  if (!serialTlv || !innerSig || !issuerTlv || !validity || !subjectTlv || !spkiTlv) derFail('tbsCertificate: missing fields', tbs.offset);
  if (innerSig.tag !== TAG.SEQUENCE) derFail('tbsCertificate signature: expected an AlgorithmIdentifier SEQUENCE', innerSig.offset);
  if (validity.tag !== TAG.SEQUENCE) derFail('validity: expected a SEQUENCE', validity.offset);
  const times = childrenOf(der, validity);
  const nb = times[0];
  const na = times[1];
  if (!nb || !na) derFail('validity: expected notBefore and notAfter', validity.offset);
  if (spkiTlv.tag !== TAG.SEQUENCE) derFail('subjectPublicKeyInfo: expected a SEQUENCE', spkiTlv.offset);

  const sigAlg = algorithmOf(der, sigAlgTlv, 'signatureAlgorithm');
  const known = SIGNATURE_ALGORITHMS[sigAlg.oid];
  const pss = sigAlg.oid === '1.2.840.113549.1.1.10' ? pssOf(der, sigAlg.params) : undefined;
  // Evaluated in the order of the object literal this replaced: the first malformed field's error wins.
  const serialNumber = serialOf(der, serialTlv);
  const issuer = formatName(der, issuerTlv);
  // Self-issued certificates (most metadata certificates) have the issuer's bytes as their subject:
  // the same bytes format to the same string (formatName reads nothing else), so the subject is not
  // formatted twice. Any other subject is formatted (and its errors raised) as before.
  const subject = sameEncoding(der, issuerTlv, subjectTlv) ? issuer : formatName(der, subjectTlv);
  const notBefore = timeOf(der, nb);
  const notAfter = timeOf(der, na);
  const key = keyOf(der, spkiTlv);
  return new Fields(version, serialNumber, issuer, subject, notBefore, notAfter, known?.name ?? sigAlg.oid, pss?.hash ?? known?.hash, pss, key, der, spkiTlv, tbs, sigValue);
}
