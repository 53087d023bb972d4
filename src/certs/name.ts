/**
 * Distinguished names (RFC 5280 §4.1.2.4) as display strings in the tenant's style:
 * `CN=..., OU=..., O=..., L=..., S=..., C=...`. Order is RFC 4514 §2.1 (last RDN of the
 * DER sequence first, as Windows/.NET `X509Certificate2.Subject` shows it); attribute
 * names follow .NET (`S` for stateOrProvinceName, `E` for emailAddress), other types
 * are written as their dotted OID. Values that need it are quoted .NET-style
 * (`O="Acme, Inc."`, embedded `"` doubled). Multi-valued RDNs join with ` + `.
 */
import { isUtf8 } from 'node:buffer';
import { TAG, childrenOf, derFail, hexOf, oidOf, type Tlv } from './der.js';
import { DN_ATTRIBUTE_NAMES } from './oids.js';

const utf16be = new TextDecoder('utf-16be', { fatal: true });

/** Node's native Latin-1 decoder of a byte range (it takes any Uint8Array): one flat string, no copies. */
const latin1Slice = (Buffer.prototype as unknown as { latin1Slice(this: Uint8Array, start: number, end: number): string }).latin1Slice;

/**
 * ASCII fast path (almost every DN value): TextDecoder costs microseconds per call. The bytes are
 * checked in a loop and decoded in one native call (ASCII is Latin-1's first half), rather than
 * one string concatenation per byte.
 */
function ascii(bytes: Uint8Array, start: number, end: number): string | undefined {
  for (let i = start; i < end; i++) if (bytes[i]! > 0x7f) return undefined;
  return latin1Slice.call(bytes, start, end);
}

/** Decode an X.520 DirectoryString (or IA5String etc.); `undefined` for types that have no text form. */
function stringValue(bytes: Uint8Array, t: Tlv): string | undefined {
  try {
    switch (t.tag) {
      case TAG.UTF8_STRING: {
        const a = ascii(bytes, t.start, t.end);
        if (a !== undefined) return a;
        const content = bytes.subarray(t.start, t.end);
        const b = Buffer.from(content.buffer, content.byteOffset, content.byteLength);
        return isUtf8(b) ? b.toString('utf8') : undefined;
      }
      case TAG.PRINTABLE_STRING:
      case TAG.IA5_STRING:
      case TAG.NUMERIC_STRING:
      case TAG.VISIBLE_STRING:
      case TAG.TELETEX_STRING: // T.61: Latin-1 is what every real-world encoder meant
        return ascii(bytes, t.start, t.end) ?? Buffer.from(bytes.buffer, bytes.byteOffset + t.start, t.end - t.start).toString('latin1');
      case TAG.BMP_STRING:
        return utf16be.decode(bytes.subarray(t.start, t.end));
      case TAG.UNIVERSAL_STRING: {
        const content = bytes.subarray(t.start, t.end);
        if (content.length % 4) return undefined;
        let s = '';
        for (let i = 0; i < content.length; i += 4) {
          s += String.fromCodePoint(((content[i]! << 24) | (content[i + 1]! << 16) | (content[i + 2]! << 8) | content[i + 3]!) >>> 0);
        }
        return s;
      }
      default:
        return undefined;
    }
  } catch {
    return undefined;
  }
}

/** White space at either edge of a value (JavaScript `\s`: the code units are tested one by one, as the regex did). */
const EDGE_SPACE = /\s/;

/**
 * True when the value has a special character (`, + = " ; < > #`, CR, LF) or white space at
 * either edge: one pass over the code units (this ran as `/[,+=";<>#\n\r]|^\s|\s$/` for every
 * value of every DN, two DNs per certificate).
 */
/** @internal exported for the fast-path test (test/certs/fast-paths.test.ts). */
export function needsQuotes(v: string): boolean {
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c === 0x2c || c === 0x2b || c === 0x3d || c === 0x22 || c === 0x3b || c === 0x3c || c === 0x3e || c === 0x23 || c === 0x0a || c === 0x0d) return true;
  }
  return edgeSpace(v.charCodeAt(0), v[0]!) || edgeSpace(v.charCodeAt(v.length - 1), v[v.length - 1]!);
}

/** `\s` for one code unit: printable ASCII (U+0021-U+007E) never is, anything else asks the regex. */
function edgeSpace(code: number, ch: string): boolean {
  return (code < 0x21 || code > 0x7e) && EDGE_SPACE.test(ch);
}

/** .NET X500DistinguishedName quoting: quote when the value has a special char or edge spaces. */
function quote(v: string): string {
  if (v === '' || needsQuotes(v)) return `"${v.replace(/"/g, '""')}"`;
  return v;
}

/** Format a DER `Name` (SEQUENCE OF RDN) TLV. */
export function formatName(bytes: Uint8Array, name: Tlv): string {
  if (name.tag !== TAG.SEQUENCE) derFail('Name: expected a SEQUENCE', name.offset);
  const rdns = childrenOf(bytes, name);
  const parts: string[] = [];
  for (let r = rdns.length - 1; r >= 0; r--) {
    const rdn = rdns[r]!;
    if (rdn.tag !== TAG.SET) derFail('RelativeDistinguishedName: expected a SET', rdn.offset);
    const children = childrenOf(bytes, rdn);
    let avas = '';
    for (let a = 0; a < children.length; a++) {
      const ava = children[a]!;
      if (ava.tag !== TAG.SEQUENCE) derFail('AttributeTypeAndValue: expected a SEQUENCE', ava.offset);
      const tv = childrenOf(bytes, ava); // indexed, not destructured: no iterator while the code is still interpreted
      const type = tv[0];
      const value = tv[1];
      const extra = tv[2];
      if (!type || !value || extra) derFail('AttributeTypeAndValue: expected type and value', ava.offset);
      const oid = oidOf(bytes, type);
      const text = stringValue(bytes, value);
      // RFC 4514 §2.4: a value with no string form is written as # and the hex of its BER encoding.
      const shown = text === undefined ? `#${hexOf(bytes, value.offset, value.end)}` : quote(text);
      avas += `${a === 0 ? '' : ' + '}${DN_ATTRIBUTE_NAMES[oid] ?? oid}=${shown}`;
    }
    parts.push(avas);
  }
  return parts.join(', ');
}
