/**
 * The hardening checks of samlfed's XML input, in one place: `parseXml` (src/xml/parse.ts, whole
 * documents) and the streaming reader (src/xml/stream/reader.ts, aggregates read chunk by chunk)
 * both apply them, with the same error codes and messages.
 *
 * - Size cap (bytes of UTF-8) and nesting-depth cap ({@link resolveLimits}, {@link tooLarge}, {@link tooDeep}).
 * - UTF-8 only (XML 1.0 §4.3.3): a UTF-16 byte order mark, bytes that are not UTF-8 and a
 *   declaration naming another encoding are refused ({@link refuseUtf16Bom}, {@link decodeUtf8},
 *   {@link checkDeclaredEncoding}).
 * - No DTD (XML 1.0 §2.8): a DOCTYPE is refused ({@link doctypeRefused}), so no entity is ever
 *   declared or expanded (billion laughs, XXE).
 */
import { Buffer, isAscii } from 'node:buffer';
import { XmlError } from './errors.js';

/** Limits applied before and during parsing. Every partner document goes through them. */
export interface XmlLimits {
  /** Maximum input size in bytes (UTF-8). */
  readonly maxBytes?: number;
  /** Maximum element nesting depth. */
  readonly maxDepth?: number;
}

/** Defaults: large enough for an eduGAIN-sized aggregate, small enough to refuse a memory bomb. */
export const DEFAULT_XML_LIMITS: Required<XmlLimits> = Object.freeze({
  maxBytes: 128 * 1024 * 1024,
  maxDepth: 128,
});

/** The caller's limits with the defaults filled in. */
export function resolveLimits(limits: XmlLimits): Required<XmlLimits> {
  const maxBytes = limits.maxBytes ?? DEFAULT_XML_LIMITS.maxBytes;
  const maxDepth = limits.maxDepth ?? DEFAULT_XML_LIMITS.maxDepth;
  // A limit that is not a number would compare false with every size: no limit at all, silently.
  for (const [name, v] of [['maxBytes', maxBytes], ['maxDepth', maxDepth]] as const) {
    if (typeof v !== 'number' || Number.isNaN(v) || v < 1) throw new TypeError(`${name} must be a number >= 1, got ${typeof v === 'number' ? v : typeof v}`);
  }
  return { maxBytes, maxDepth };
}

/** `ERR_XML_TOO_LARGE`: `size` bytes when known, or "more" (a stream stops reading at the cap). */
export function tooLarge(max: number, size?: number): XmlError {
  return size === undefined
    ? new XmlError('ERR_XML_TOO_LARGE', `Expected at most ${max} bytes of XML, found more`, { expected: max, actual: `> ${max}` })
    : new XmlError('ERR_XML_TOO_LARGE', `Expected at most ${max} bytes of XML, found ${size}`, { expected: max, actual: size });
}

/** `ERR_XML_TOO_DEEP` for the start tag at `pos` (its `<`). */
export function tooDeep(maxDepth: number, pos: { line: number; column: number }): XmlError {
  return new XmlError('ERR_XML_TOO_DEEP', `Expected element nesting of at most ${maxDepth} levels, found deeper nesting at line ${pos.line}, column ${pos.column}`, {
    expected: maxDepth,
    actual: `> ${maxDepth}`,
    ...pos,
  });
}

/** UTF-16 byte order marks: SAML deployments use UTF-8; refuse rather than guess (`ERR_XML_ENCODING`). */
export function refuseUtf16Bom(bytes: Uint8Array): void {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    throw new XmlError('ERR_XML_ENCODING', 'Expected UTF-8 XML, found a UTF-16 byte order mark', { expected: 'UTF-8', actual: 'UTF-16' });
  }
}

/**
 * A U+FEFF left at the start of the decoded text: the byte order mark was already removed (by the
 * decoder, or by `parseXml` for a string), so this is a second one. It is not white space (XML 1.0
 * §2.8 prolog: XMLDecl? Misc*), so the document is not well-formed (`ERR_XML_MALFORMED`).
 */
export function refuseSecondBom(text: string): void {
  if (text.charCodeAt(0) === 0xfeff) {
    throw new XmlError('ERR_XML_MALFORMED', 'Malformed XML at line 1, column 1: expected "<" (the XML declaration or the root element), found a second byte order mark (U+FEFF)', {
      expected: '"<"',
      actual: 'U+FEFF',
      line: 1,
      column: 1,
    });
  }
}

/** A `TextDecoder('utf-8', { fatal: true })` (the global one or node:util's). */
export interface Utf8Decoder {
  decode(bytes: Uint8Array, options?: { stream?: boolean }): string;
}

/** Decode with a fatal UTF-8 decoder (`stream`: more chunks follow); bytes that are not UTF-8 are `ERR_XML_ENCODING`. */
export function decodeUtf8(decoder: Utf8Decoder, bytes: Uint8Array, stream = false): string {
  try {
    return stream ? decoder.decode(bytes, { stream: true }) : decoder.decode(bytes);
  } catch (e) {
    throw new XmlError('ERR_XML_ENCODING', 'Expected UTF-8 text, found bytes that are not valid UTF-8 (binary data?)', {
      expected: 'UTF-8',
      actual: 'invalid byte sequence',
      cause: e,
    });
  }
}

/**
 * Bytes that are all ASCII read as UTF-8 read the same as Latin-1: a native check (SIMD) and a
 * one-byte copy, several times faster than a fatal `TextDecoder` (10k bench aggregate, 64 KiB
 * chunks: 50 -> 9 ms). An ASCII buffer has no byte order mark and no invalid sequence.
 */
function asciiText(bytes: Uint8Array): string | undefined {
  if (!isAscii(bytes)) return undefined;
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

/** Decode a whole document: a fatal UTF-8 decode, with the ASCII fast path. `ERR_XML_ENCODING` for bytes that are not UTF-8. */
export function decodeUtf8Whole(decoder: Utf8Decoder, bytes: Uint8Array): string {
  return asciiText(bytes) ?? decodeUtf8(decoder, bytes);
}

/**
 * A streaming fatal UTF-8 decoder that reads chunks of ASCII without `TextDecoder` (see
 * asciiText) whenever no multi-byte sequence is left open by the previous chunk. The first byte
 * order mark of the stream is removed, as `TextDecoder` does: by the `TextDecoder` only while it
 * would see the stream's first bytes (after ASCII chunks, it is made to keep a U+FEFF as text).
 */
export class Utf8Stream {
  private decoder: Utf8Decoder | undefined;
  /** Bytes were decoded already. */
  private started = false;
  /** The last (up to 3) bytes given to the TextDecoder, when it may hold an unfinished sequence. */
  private tail: readonly number[] = NO_TAIL;

  /** The text of `bytes`; `stream`: more follow (false flushes, refusing an unfinished sequence). @throws {XmlError} `ERR_XML_ENCODING` */
  decode(bytes: Uint8Array, stream: boolean): string {
    let text = unfinished(this.tail) ? undefined : asciiText(bytes);
    if (text === undefined) {
      this.decoder ??= new TextDecoder('utf-8', { fatal: true, ignoreBOM: this.started });
      text = decodeUtf8(this.decoder, bytes, stream);
      const n = bytes.byteLength;
      this.tail = n >= 3 ? [bytes[n - 3]!, bytes[n - 2]!, bytes[n - 1]!] : [...this.tail, ...bytes].slice(-3);
    } else {
      this.tail = NO_TAIL;
    }
    if (bytes.byteLength > 0) this.started = true;
    return text;
  }
}

const NO_TAIL: readonly number[] = Object.freeze([]);

/**
 * Whether the valid UTF-8 that ends with `tail` (its last 1-3 bytes) ends inside a multi-byte
 * sequence (RFC 3629 §3: a lead byte 110xxxxx, 1110xxxx or 11110xxx starts 2, 3 or 4 bytes).
 */
function unfinished(tail: readonly number[]): boolean {
  for (let k = 1; k <= tail.length; k++) {
    const b = tail[tail.length - k]!;
    if ((b & 0xc0) === 0x80) continue;
    if (b < 0x80) return false;
    return (b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2) > k;
  }
  return false;
}

/** Encodings a declaration may name: the text is read as UTF-8. */
export const ACCEPTED_ENCODINGS: ReadonlySet<string> = new Set(['utf-8', 'utf8', 'us-ascii', 'ascii']);

/**
 * XML 1.0 §4.3.3: the text was read as UTF-8; a declaration naming another encoding is refused,
 * because another parser would read other characters from the same bytes (`ERR_XML_ENCODING`).
 */
export function checkDeclaredEncoding(enc: string | undefined): void {
  if (enc === undefined || ACCEPTED_ENCODINGS.has(enc.toLowerCase())) return;
  throw new XmlError('ERR_XML_ENCODING', `Expected UTF-8 XML, found a declaration of encoding "${enc}"; re-save the document as UTF-8`, {
    expected: 'UTF-8',
    actual: enc,
    line: 1,
    column: 1,
  });
}

/** `ERR_XML_DOCTYPE`: a document type declaration, at `pos` when the caller knows it. */
export function doctypeRefused(pos?: { line: number; column: number }): XmlError {
  if (pos === undefined) return new XmlError('ERR_XML_DOCTYPE', 'Document type declarations are not allowed in SAML messages or metadata', { expected: 'no DOCTYPE', actual: 'DOCTYPE' });
  return new XmlError('ERR_XML_DOCTYPE', `Document type declarations are not allowed in SAML messages or metadata (found <!DOCTYPE at line ${pos.line}, column ${pos.column})`, {
    expected: 'no DOCTYPE',
    actual: 'DOCTYPE',
    ...pos,
  });
}
