/**
 * A minimal, strict DER reader (X.690 §8.1, §10): just enough TLV walking to read
 * an X.509 certificate (RFC 5280 §4.1). Offsets point into the caller's bytes,
 * nothing is copied. Multi-byte tags, indefinite lengths and lengths past the
 * enclosing element are refused.
 */
import { CertError } from './errors.js';
import { CURVES, DN_ATTRIBUTE_NAMES, HASH_OIDS, KEY_ALGORITHMS, SIGNATURE_ALGORITHMS } from './oids.js';

/** One Tag-Length-Value: `tag` is the identifier octet; content is `bytes[start, end)`. */
export interface Tlv {
  readonly tag: number;
  /** Offset of the identifier octet. */
  readonly offset: number;
  /** Offset of the first content byte. */
  readonly start: number;
  /** Offset one past the last content byte. */
  readonly end: number;
}

export const TAG = Object.freeze({
  BOOLEAN: 0x01, INTEGER: 0x02, BIT_STRING: 0x03, OCTET_STRING: 0x04, NULL: 0x05, OID: 0x06,
  UTF8_STRING: 0x0c, NUMERIC_STRING: 0x12, PRINTABLE_STRING: 0x13, TELETEX_STRING: 0x14, IA5_STRING: 0x16,
  UTC_TIME: 0x17, GENERALIZED_TIME: 0x18, VISIBLE_STRING: 0x1a, UNIVERSAL_STRING: 0x1c, BMP_STRING: 0x1e,
  SEQUENCE: 0x30, SET: 0x31,
});

function fail(what: string, offset: number): never {
  throw new CertError('ERR_CERT_DER', `Expected a DER X.509 certificate (RFC 5280 §4.1), found ${what} at byte ${offset}`, {
    expected: 'a DER-encoded X.509 certificate (RFC 5280 §4.1)',
    actual: `${what} at byte ${offset}`,
  });
}

/** Read the TLV at `pos`; it must end at or before `limit`. */
export function readTlv(bytes: Uint8Array, pos: number, limit: number): Tlv {
  if (pos + 2 > limit) fail('truncated element header', pos);
  const tag = bytes[pos]!;
  if ((tag & 0x1f) === 0x1f) fail('multi-byte tag (not used by X.509)', pos);
  let len = bytes[pos + 1]!;
  let start = pos + 2;
  if (len === 0x80) fail('indefinite length (BER, not DER)', pos);
  if (len > 0x80) {
    const n = len & 0x7f;
    if (n > 4) fail('length field too long', pos);
    if (start + n > limit) fail('truncated length', pos);
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + bytes[start + i]!;
    start += n;
  }
  const end = start + len;
  if (end > limit) fail(`element of ${len} bytes runs past the end of its container (truncated?)`, pos);
  return { tag, offset: pos, start, end };
}

/** Read the TLV at `pos` and require its tag. */
export function expectTlv(bytes: Uint8Array, pos: number, limit: number, tag: number, what: string): Tlv {
  const t = readTlv(bytes, pos, limit);
  if (t.tag !== tag) fail(`${what}: expected tag 0x${tag.toString(16)}, found 0x${t.tag.toString(16)}`, pos);
  return t;
}

/** All child TLVs of a constructed element. */
export function childrenOf(bytes: Uint8Array, parent: Tlv): Tlv[] {
  const out: Tlv[] = [];
  let pos = parent.start;
  while (pos < parent.end) {
    const t = readTlv(bytes, pos, parent.end);
    out.push(t);
    pos = t.end;
  }
  return out;
}

/** `2.5.4.n` (X.520 attribute types, every DN attribute): the strings, made once. */
const X520_OIDS: string[] = Array.from({ length: 128 }, (_, n) => `2.5.4.${n}`);

/** Decode an OBJECT IDENTIFIER's content to dotted form (X.690 §8.19). */
export function oidOf(bytes: Uint8Array, t: Tlv): string {
  if (t.tag !== TAG.OID || t.end === t.start) fail('expected an OBJECT IDENTIFIER', t.offset);
  // 55 04 nn (nn < 0x80) is 2.5.4.nn: the DN attribute types, several per certificate.
  if (t.end - t.start === 3 && bytes[t.start] === 0x55 && bytes[t.start + 1] === 0x04 && bytes[t.start + 2]! < 0x80) return X520_OIDS[bytes[t.start + 2]!]!;
  const known = knownOid(bytes, t.start, t.end);
  return known !== undefined ? known : decodeOid(bytes, t);
}

/** The general decoder: arcs in base 128, the first two combined (X.690 §8.19.4). */
function decodeOid(bytes: Uint8Array, t: Tlv): string {
  let out = '';
  let v = 0;
  for (let i = t.start; i < t.end; i++) {
    const b = bytes[i]!;
    v = v * 128 + (b & 0x7f);
    if (v > Number.MAX_SAFE_INTEGER) fail('OBJECT IDENTIFIER arc too large', t.offset);
    if ((b & 0x80) === 0) {
      if (out === '') {
        const first = v < 40 ? 0 : v < 80 ? 1 : 2;
        out = `${first}.${v - first * 40}`;
      } else {
        out += `.${v}`;
      }
      v = 0;
    } else if (i === t.end - 1) {
      fail('truncated OBJECT IDENTIFIER', t.offset);
    }
  }
  return out;
}

/** DER content octets of a dotted OID (X.690 §8.19), for the table below. */
function encodeOid(dotted: string): Uint8Array {
  const arcs = dotted.split('.').map(Number);
  const values = [arcs[0]! * 40 + arcs[1]!, ...arcs.slice(2)];
  const out: number[] = [];
  for (const v of values) {
    const groups = [v & 0x7f];
    for (let x = Math.floor(v / 128); x > 0; x = Math.floor(x / 128)) groups.unshift((x & 0x7f) | 0x80);
    out.push(...groups);
  }
  return Uint8Array.from(out);
}

/**
 * The algorithm, key, curve and DN OIDs samlfed names (oids.ts), by their exact content octets:
 * each certificate has three or four of them, and a table hit returns the string made once instead
 * of building it arc by arc. The string of each entry is what `decodeOid` makes of its octets, so a
 * hit and a decode always agree; any other encoding (another OID, a non-minimal one) is decoded.
 * Keyed by length and last two octets, then compared in full.
 */
const KNOWN_OIDS = new Map<number, { bytes: Uint8Array; oid: string }[]>();
for (const dotted of new Set([...Object.keys(SIGNATURE_ALGORITHMS), ...Object.keys(HASH_OIDS), ...Object.values(KEY_ALGORITHMS), ...Object.keys(CURVES), ...Object.keys(DN_ATTRIBUTE_NAMES)])) {
  const bytes = encodeOid(dotted);
  const key = oidKey(bytes, 0, bytes.length);
  const oid = decodeOid(bytes, { tag: TAG.OID, offset: 0, start: 0, end: bytes.length });
  const list = KNOWN_OIDS.get(key);
  if (list === undefined) KNOWN_OIDS.set(key, [{ bytes, oid }]);
  else list.push({ bytes, oid });
}

function oidKey(bytes: Uint8Array, start: number, end: number): number {
  return (end - start) * 65536 + (end - start >= 2 ? bytes[end - 2]! * 256 : 0) + bytes[end - 1]!;
}

function knownOid(bytes: Uint8Array, start: number, end: number): string | undefined {
  const list = KNOWN_OIDS.get(oidKey(bytes, start, end));
  if (list === undefined) return undefined;
  for (let k = 0; k < list.length; k++) {
    const e = list[k]!;
    let i = 0;
    while (i < e.bytes.length && e.bytes[i] === bytes[start + i]) i++;
    if (i === e.bytes.length) return e.oid;
  }
  return undefined;
}

/** `00`..`FF`, upper case. */
const HEX: string[] = Array.from({ length: 256 }, (_, b) => b.toString(16).toUpperCase().padStart(2, '0'));

/** Upper-case hex of `bytes[start, end)`. */
export function hexOf(bytes: Uint8Array, start: number, end: number): string {
  // Short values (serial numbers, version, salt length): a table, no Buffer view and no case change.
  if (end - start <= 32) {
    let s = '';
    for (let i = start; i < end; i++) s += HEX[bytes[i]!]!;
    return s;
  }
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('hex').toUpperCase();
}

/** Content bytes of `t` as a Buffer view (no copy). */
export function contentOf(bytes: Uint8Array, t: Tlv): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset + t.start, t.end - t.start);
}

/** Whole TLV (header and content) as a Buffer view (no copy). */
export function encodingOf(bytes: Uint8Array, t: Tlv): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset + t.offset, t.end - t.offset);
}

/** Bit length of an unsigned big-endian INTEGER content (leading zero bytes ignored). */
export function bitLengthOf(bytes: Uint8Array, t: Tlv): number {
  let i = t.start;
  while (i < t.end && bytes[i] === 0) i++;
  if (i === t.end) return 0;
  return (t.end - i - 1) * 8 + (32 - Math.clz32(bytes[i]!));
}

export { fail as derFail };
