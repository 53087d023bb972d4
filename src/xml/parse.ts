import { DOMParser, type Document, type Element } from '@xmldom/xmldom';
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

export interface ParsedXml {
  readonly document: Document;
  readonly root: Element;
  /** The decoded text that was parsed (needed for line/column reporting). */
  readonly text: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Parse untrusted XML with the project's single hardened parser.
 *
 * - No DTDs: any `<!DOCTYPE` or other markup declaration is refused before the
 *   parser sees it, so there is no entity expansion (billion laughs, XXE).
 * - Size and nesting depth are capped before a DOM is built.
 * - Exactly one root element; any well-formedness error is fatal and carries
 *   line and column.
 * - Bytes must be UTF-8 (the encoding SAML deployments use; XML 1.0 §4.3.3).
 *
 * @throws {XmlError} with one of the `ERR_XML_*` codes.
 */
export function parseXml(input: string | Uint8Array, limits: XmlLimits = {}): ParsedXml {
  const maxBytes = limits.maxBytes ?? DEFAULT_XML_LIMITS.maxBytes;
  const maxDepth = limits.maxDepth ?? DEFAULT_XML_LIMITS.maxDepth;
  let text: string;
  if (typeof input === 'string') {
    // Cheap upper bound first: a UTF-16 code unit is at most 3 UTF-8 bytes.
    if (input.length > maxBytes && Buffer.byteLength(input, 'utf8') > maxBytes) {
      throw tooLarge(Buffer.byteLength(input, 'utf8'), maxBytes);
    }
    text = input;
  } else if (input instanceof Uint8Array) {
    if (input.byteLength > maxBytes) throw tooLarge(input.byteLength, maxBytes);
    text = decode(input);
  } else {
    throw new TypeError('parseXml: input must be a string or a Uint8Array');
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') {
    throw new XmlError('ERR_XML_EMPTY', 'Expected an XML document, found empty input', { expected: 'an XML document', actual: 'empty input' });
  }
  checkChars(text);
  checkDeclaredEncoding(text);
  prescan(text, maxDepth);

  let document: Document;
  try {
    document = new DOMParser({
      onError: (level, message) => {
        // Warnings included: a lenient parse is a parser differential waiting to happen.
        throw new Error(`${level}: ${message}`);
      },
    }).parseFromString(text, 'text/xml');
  } catch (e) {
    const err = e as { message?: string; locator?: { lineNumber?: number; columnNumber?: number } };
    const raw = String(err.message ?? e);
    const reason = cleanMessage(raw);
    const line = err.locator?.lineNumber || undefined;
    const column = err.locator?.columnNumber || undefined;
    throw new XmlError('ERR_XML_MALFORMED', `Malformed XML${line ? ` at line ${line}, column ${column ?? 1}` : ''}: ${reason}`, {
      expected: 'well-formed XML',
      actual: reason,
      ...(line ? { line } : {}),
      ...(column ? { column } : {}),
      cause: e,
    });
  }
  if (document.doctype) {
    throw new XmlError('ERR_XML_DOCTYPE', 'Document type declarations are not allowed in SAML messages or metadata', { expected: 'no DOCTYPE', actual: 'DOCTYPE' });
  }
  const root = document.documentElement;
  if (!root) {
    throw new XmlError('ERR_XML_MALFORMED', 'Malformed XML: no root element', { expected: 'one root element', actual: 'none' });
  }
  return { document, root, text };
}

function decode(bytes: Uint8Array): string {
  // UTF-16 BOMs: SAML deployments use UTF-8; refuse rather than guess.
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    throw new XmlError('ERR_XML_ENCODING', 'Expected UTF-8 XML, found a UTF-16 byte order mark', { expected: 'UTF-8', actual: 'UTF-16' });
  }
  try {
    return utf8.decode(bytes);
  } catch (e) {
    throw new XmlError('ERR_XML_ENCODING', 'Expected UTF-8 text, found bytes that are not valid UTF-8 (binary data?)', {
      expected: 'UTF-8',
      actual: 'invalid byte sequence',
      cause: e,
    });
  }
}

const XML_DECLARATION = /^<\?xml\s[^?]*?\bencoding\s*=\s*(["'])([A-Za-z][A-Za-z0-9._-]*)\1/;

/**
 * The text was decoded as UTF-8 (or handed over as a string). A declaration naming another
 * encoding (XML 1.0 §4.3.3) would make another parser read different characters than we
 * do, so it is refused rather than guessed. US-ASCII is a subset of UTF-8 and accepted.
 */
function checkDeclaredEncoding(text: string): void {
  if (!text.startsWith('<?xml')) return;
  const m = XML_DECLARATION.exec(text.slice(0, 200));
  if (!m) return;
  const declared = m[2]!.toLowerCase();
  if (declared === 'utf-8' || declared === 'utf8' || declared === 'us-ascii' || declared === 'ascii') return;
  throw new XmlError('ERR_XML_ENCODING', `Expected UTF-8 XML, found a declaration of encoding "${m[2]}"; re-save the document as UTF-8`, {
    expected: 'UTF-8',
    actual: m[2],
    line: 1,
    column: 1,
  });
}

function tooLarge(size: number, max: number): XmlError {
  return new XmlError('ERR_XML_TOO_LARGE', `Expected at most ${max} bytes of XML, found ${size}`, { expected: max, actual: size });
}

function cleanMessage(raw: string): string {
  const m = /(?:fatalError|error|warning): ([^\n]*)/.exec(raw);
  const msg = (m?.[1] ?? raw).replace(/\s*\|\|.*$/, '').trim();
  return msg.length > 200 ? `${msg.slice(0, 200)}…` : msg;
}

/** 1-based line and column of a character offset. Only used on error paths. */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

// XML 1.0 §2.2 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
/** Characters outside Char, plus every surrogate (paired ones are legal: checked precisely below). */
const SUSPECT_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/;
/** With the `u` flag a class of surrogates matches only unpaired ones. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/gu;

function isXmlChar(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

function illegalChar(text: string, offset: number, shown: string): XmlError {
  const pos = positionOf(text, offset);
  return new XmlError('ERR_XML_MALFORMED', `Malformed XML at line ${pos.line}, column ${pos.column}: ${shown} is not a character XML 1.0 allows (§2.2 Char)`, {
    expected: 'XML 1.0 characters',
    actual: shown,
    ...pos,
  });
}

/**
 * Refuse characters XML 1.0 does not allow (§2.2), written literally or as character references
 * (§4.1 WFC: Legal Character), which @xmldom/xmldom would accept. An unpaired surrogate matters
 * beyond conformance: hashed as UTF-8 it becomes U+FFFD, so two different texts would have the
 * same digest. Two regex scans on the hot path (a third only when the text has surrogates).
 */
function checkChars(text: string): void {
  // One scan in the usual case (no surrogates at all); text with astral characters gets a second.
  const m = SUSPECT_CHAR.exec(text);
  if (m !== null) {
    let at = m.index;
    const cp = m[0].charCodeAt(0);
    if (cp >= 0xd800 && cp <= 0xdfff) {
      LONE_SURROGATE.lastIndex = Math.max(0, at - 1);
      const lone = LONE_SURROGATE.exec(text);
      at = lone === null ? -1 : lone.index;
      const other = text.slice(m.index).search(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
      if (other !== -1 && (at === -1 || m.index + other < at)) at = m.index + other;
    }
    if (at !== -1) {
      const c = text.charCodeAt(at);
      throw illegalChar(text, at, `U+${c.toString(16).toUpperCase().padStart(4, '0')}`);
    }
  }
  for (let i = text.indexOf('&#'); i !== -1; i = text.indexOf('&#', i + 2)) {
    const hex = text.charCodeAt(i + 2) === 0x78; /* x */
    const start = i + (hex ? 3 : 2);
    let cp = 0;
    let j = start;
    for (; j < text.length && j - start <= 8; j++) {
      const d = digitValue(text.charCodeAt(j), hex);
      if (d < 0) break;
      cp = cp * (hex ? 16 : 10) + d;
    }
    const complete = j > start && text.charCodeAt(j) === 0x3b; /* ; */
    // Anything else that is not a well-formed reference is left for the parser to report.
    if ((complete && isXmlChar(cp)) || (!complete && j - start <= 8)) continue;
    // Only on the failure path: inside a comment, CDATA section or PI "&#0;" is plain text.
    if (inLiteralSection(text, i)) continue;
    throw illegalChar(text, i, complete ? text.slice(i, j + 1) : `${text.slice(i, j)}…`);
  }
}

function digitValue(c: number, hex: boolean): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (!hex) return -1;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

/**
 * True when `offset` lies inside a comment, CDATA section or processing instruction: a forward
 * scan over the markup (a `<` can only start markup in well-formed XML), run on the failure path only.
 */
function inLiteralSection(text: string, offset: number): boolean {
  for (let i = 0; ; ) {
    const lt = text.indexOf('<', i);
    if (lt === -1 || lt >= offset) return false;
    const close = text.startsWith('<!--', lt) ? '-->' : text.startsWith('<![CDATA[', lt) ? ']]>' : text.startsWith('<?', lt) ? '?>' : undefined;
    if (close === undefined) {
      i = lt + 1;
      continue;
    }
    const end = text.indexOf(close, lt + 2);
    if (end === -1 || end >= offset) return true;
    i = end + close.length;
  }
}

const DECLARATION = /^<!(DOCTYPE|ENTITY|ELEMENT|ATTLIST|NOTATION)/i;

/**
 * Linear scan over the markup, before any DOM is built: refuses markup
 * declarations (DTDs), nesting deeper than `maxDepth` and a second root element.
 * Anything else it does not understand is left for the parser to report.
 */
function prescan(text: string, maxDepth: number): void {
  const n = text.length;
  let depth = 0;
  let roots = 0;
  let i = 0;
  while (i < n) {
    const lt = text.indexOf('<', i);
    if (lt === -1) return;
    const c = text.charCodeAt(lt + 1);
    if (c === 0x2f /* / */) {
      depth--;
      const gt = text.indexOf('>', lt);
      if (gt === -1) return;
      i = gt + 1;
    } else if (c === 0x3f /* ? */) {
      const end = text.indexOf('?>', lt + 2);
      if (end === -1) return;
      i = end + 2;
    } else if (c === 0x21 /* ! */) {
      if (text.startsWith('<!--', lt)) {
        const end = text.indexOf('-->', lt + 4);
        if (end === -1) return;
        i = end + 3;
      } else if (text.startsWith('<![CDATA[', lt)) {
        const end = text.indexOf(']]>', lt + 9);
        if (end === -1) return;
        i = end + 3;
      } else {
        const decl = DECLARATION.exec(text.slice(lt, lt + 12));
        const pos = positionOf(text, lt);
        throw new XmlError(
          'ERR_XML_DOCTYPE',
          `Document type and entity declarations are not allowed (found <!${decl?.[1] ?? '…'} at line ${pos.line}, column ${pos.column})`,
          { expected: 'no DTD or entity declarations', actual: `<!${decl?.[1] ?? text.slice(lt + 2, lt + 10)}`, ...pos },
        );
      }
    } else {
      // Element start tag: find its end, skipping quoted attribute values.
      let j = lt + 1;
      let quote = 0;
      for (; j < n; j++) {
        const ch = text.charCodeAt(j);
        if (quote !== 0) {
          if (ch === quote) quote = 0;
        } else if (ch === 0x22 || ch === 0x27) {
          quote = ch;
        } else if (ch === 0x3e /* > */) {
          break;
        }
      }
      if (j >= n) return;
      const selfClosing = text.charCodeAt(j - 1) === 0x2f;
      if (depth === 0) {
        roots++;
        if (roots > 1) {
          const pos = positionOf(text, lt);
          throw new XmlError('ERR_XML_MULTIPLE_ROOTS', `Expected one root element, found another at line ${pos.line}, column ${pos.column}`, {
            expected: 'one root element',
            actual: 'more than one',
            ...pos,
          });
        }
      }
      if (!selfClosing) {
        depth++;
        if (depth > maxDepth) {
          const pos = positionOf(text, lt);
          throw new XmlError('ERR_XML_TOO_DEEP', `Expected element nesting of at most ${maxDepth} levels, found deeper nesting at line ${pos.line}, column ${pos.column}`, {
            expected: maxDepth,
            actual: `> ${maxDepth}`,
            ...pos,
          });
        }
      }
      i = j + 1;
    }
  }
}
