/**
 * Read a large XML document as a stream of events, chunk by chunk, with the hardening rules of
 * `parseXml` (src/xml/parse.ts): UTF-8 only (a UTF-16 byte order mark or bytes that are not UTF-8
 * are refused, a declaration of another encoding too), no DTD (any DOCTYPE is refused before its
 * content matters), a size cap and a nesting-depth cap, one root element, and the XML 1.0
 * well-formedness and Namespaces in XML 1.0 rules of the saxes parser (character and character
 * reference legality, §2.11 end-of-line handling, attribute value normalization §3.3.3).
 *
 * Only the document being read is held: the current chunk and the text of the current node.
 * Any error is an `XmlError` (`ERR_XML_*`); callers that need the tree parser's exact message for a
 * bad document parse it again with `parseXml`.
 */
import { TextDecoder } from 'node:util';
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { XmlError } from '../errors.js';
import { DEFAULT_XML_LIMITS, type XmlLimits } from '../parse.js';
import type { StreamAttr, StreamElement } from './events.js';

const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

/** What the reader reports. `depth` is 1 for the root element. */
export interface XmlStreamHandler {
  startElement(el: StreamElement, depth: number): void;
  endElement(el: StreamElement, depth: number): void;
  /** Character data inside the root (text or a CDATA section), whitespace included. */
  text(data: string, depth: number): void;
  /** A processing instruction; `depth` 0 before or after the root element. */
  pi(target: string, data: string, depth: number): void;
}

const ACCEPTED_ENCODINGS = new Set(['utf-8', 'utf8', 'us-ascii', 'ascii']);

/**
 * Feed `chunks` (bytes, in order) through the hardened event parser into `handler`.
 *
 * @throws {XmlError} `ERR_XML_TOO_LARGE`, `ERR_XML_ENCODING`, `ERR_XML_DOCTYPE`, `ERR_XML_TOO_DEEP`,
 *   `ERR_XML_EMPTY`, `ERR_XML_MALFORMED` (with line and column).
 */
export function readXmlStream(chunks: Iterable<Uint8Array>, handler: XmlStreamHandler, limits: XmlLimits = {}): void {
  const maxBytes = limits.maxBytes ?? DEFAULT_XML_LIMITS.maxBytes;
  const maxDepth = limits.maxDepth ?? DEFAULT_XML_LIMITS.maxDepth;
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  const parser = new SaxesParser({ xmlns: true, position: true });

  // Line/column of each start tag's '<', counted over the decoded text as the tree parser counts
  // them (1-based; LF, CR LF and a lone CR each end a line; columns in UTF-16 code units).
  let window = '';
  let windowStart = 0;
  let line = 1;
  let lineStart = 0;
  let scanned = 0;
  const positionOf = (offset: number): { line: number; column: number } => {
    for (let i = scanned; i < offset; i++) {
      const c = window.charCodeAt(i - windowStart);
      if (c === 0x0a || (c === 0x0d && window.charCodeAt(i + 1 - windowStart) !== 0x0a)) {
        line++;
        lineStart = i + 1;
      }
    }
    scanned = Math.max(scanned, offset);
    if (offset - windowStart > 1 << 15) {
      window = window.slice(offset - windowStart);
      windowStart = offset;
    }
    return { line, column: offset - lineStart + 1 };
  };

  let depth = 0;
  let sawRoot = false;
  const stack: StreamElement[] = [];
  let tagStart: { line: number; column: number } = { line: 1, column: 1 };

  const malformed = (message: string): XmlError => {
    const pos = { line: parser.line, column: parser.column + 1 };
    return new XmlError('ERR_XML_MALFORMED', `Malformed XML at line ${pos.line}, column ${pos.column}: ${message}`, { expected: 'well-formed XML', actual: message, ...pos });
  };
  parser.on('error', (e) => {
    throw malformed(e.message.replace(/^[^:]*:\d+:\d+: /, ''));
  });
  parser.on('xmldecl', (decl) => {
    const enc = decl.encoding;
    if (enc !== undefined && !ACCEPTED_ENCODINGS.has(enc.toLowerCase())) {
      throw new XmlError('ERR_XML_ENCODING', `Expected UTF-8 XML, found a declaration of encoding "${enc}"; re-save the document as UTF-8`, { expected: 'UTF-8', actual: enc, line: 1, column: 1 });
    }
  });
  parser.on('doctype', () => {
    throw new XmlError('ERR_XML_DOCTYPE', 'Document type declarations are not allowed in SAML messages or metadata', { expected: 'no DOCTYPE', actual: 'DOCTYPE' });
  });
  parser.on('opentagstart', (tag) => {
    // saxes has read the name and the character after it: the '<' is name.length + 2 code units back.
    let lt = parser.position - tag.name.length - 2;
    for (let k = 0; k < 2 && lt > windowStart && window.charCodeAt(lt - windowStart) !== 0x3c; k++) lt--;
    tagStart = positionOf(lt);
  });
  parser.on('opentag', (tag) => {
    depth++;
    if (depth > maxDepth) {
      throw new XmlError('ERR_XML_TOO_DEEP', `Expected element nesting of at most ${maxDepth} levels, found deeper nesting at line ${tagStart.line}, column ${tagStart.column}`, {
        expected: maxDepth,
        actual: `> ${maxDepth}`,
        ...tagStart,
      });
    }
    sawRoot = true;
    const el = toElement(tag as SaxesTagNS, tagStart);
    stack.push(el);
    handler.startElement(el, depth);
    if ((tag as SaxesTagNS).isSelfClosing) {
      // saxes reports the close right after; nothing to do here.
    }
  });
  parser.on('closetag', () => {
    const el = stack.pop()!;
    handler.endElement(el, depth);
    depth--;
  });
  parser.on('text', (t) => {
    if (depth > 0) handler.text(t, depth);
  });
  parser.on('cdata', (t) => handler.text(t, depth));
  parser.on('processinginstruction', (pi) => handler.pi(pi.target, pi.body, depth));

  let total = 0;
  let first = true;
  for (const chunk of chunks) {
    total += chunk.byteLength;
    if (total > maxBytes) throw new XmlError('ERR_XML_TOO_LARGE', `Expected at most ${maxBytes} bytes of XML, found more`, { expected: maxBytes, actual: `> ${maxBytes}` });
    if (first && chunk.byteLength > 0) {
      first = false;
      if (chunk.byteLength >= 2 && ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff))) {
        throw new XmlError('ERR_XML_ENCODING', 'Expected UTF-8 XML, found a UTF-16 byte order mark', { expected: 'UTF-8', actual: 'UTF-16' });
      }
    }
    write(decode(decoder, chunk, true));
  }
  write(decode(decoder, new Uint8Array(0), false));
  if (!sawRoot) {
    throw new XmlError('ERR_XML_EMPTY', 'Expected an XML document, found no root element', { expected: 'an XML document', actual: 'no root element' });
  }
  parser.close();

  function write(text: string): void {
    if (text === '') return;
    window += text;
    parser.write(text);
  }
}

function decode(decoder: TextDecoder, bytes: Uint8Array, stream: boolean): string {
  try {
    return decoder.decode(bytes, { stream });
  } catch (e) {
    throw new XmlError('ERR_XML_ENCODING', 'Expected UTF-8 text, found bytes that are not valid UTF-8 (binary data?)', { expected: 'UTF-8', actual: 'invalid byte sequence', cause: e });
  }
}

function toElement(tag: SaxesTagNS, at: { line: number; column: number }): StreamElement {
  const attrs: StreamAttr[] = [];
  const nsDecls: (readonly [string, string])[] = [];
  for (const name in tag.attributes) {
    const a = tag.attributes[name]!;
    if (a.uri === XMLNS_NS) {
      nsDecls.push([a.prefix === 'xmlns' ? a.local : '', a.value]);
      continue;
    }
    attrs.push({ qname: a.name, prefix: a.prefix, local: a.local, uri: a.uri, value: a.value });
  }
  return { qname: tag.name, prefix: tag.prefix, local: tag.local, uri: tag.uri, attrs, nsDecls, line: at.line, column: at.column };
}
