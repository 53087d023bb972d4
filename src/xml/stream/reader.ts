/**
 * Read a large XML document as a stream of events, chunk by chunk, with the hardening rules of
 * `parseXml` (src/xml/parse.ts; the checks themselves are shared: src/xml/harden.ts, src/xml/sax.ts): UTF-8 only (a UTF-16 byte order mark or bytes that are not UTF-8
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
import { checkDeclaredEncoding, decodeUtf8, doctypeRefused, refuseUtf16Bom, resolveLimits, tooDeep, tooLarge, type XmlLimits } from '../harden.js';
import { SAXES_OPTIONS } from '../sax.js';
import type { AttributeEvent } from '../tree.js';
import type { StreamAttr, StreamElement } from './events.js';

const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

/** What the reader reports. `depth` is 1 for the root element. */
export interface XmlStreamHandler {
  startElement(el: StreamElement, depth: number): void;
  endElement(el: StreamElement, depth: number): void;
  /** Character data inside the root (text, or the content of a CDATA section), whitespace included. */
  text(data: string, depth: number, cdata: boolean): void;
  /** A processing instruction; `depth` 0 before or after the root element. */
  pi(target: string, data: string, depth: number): void;
}


/**
 * Feed `chunks` (bytes, in order) through the hardened event parser into `handler`.
 *
 * @throws {XmlError} `ERR_XML_TOO_LARGE`, `ERR_XML_ENCODING`, `ERR_XML_DOCTYPE`, `ERR_XML_TOO_DEEP`,
 *   `ERR_XML_EMPTY`, `ERR_XML_MALFORMED` (with line and column).
 */
export function readXmlStream(chunks: Iterable<Uint8Array>, handler: XmlStreamHandler, limits: XmlLimits = {}): void {
  const { maxBytes, maxDepth } = resolveLimits(limits);
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  const parser = new SaxesParser(SAXES_OPTIONS);

  // Line/column of each start tag's '<', counted over the decoded text as the tree parser counts
  // them (1-based; LF, CR LF and a lone CR each end a line; columns in UTF-16 code units).
  let window = '';
  let windowStart = 0;
  let line = 1;
  let lineStart = 0;
  let scanned = 0;
  /** True once a CR was seen: then lines are counted character by character (CR, CR LF, LF). */
  let sawCr = false;
  const positionOf = (offset: number): { line: number; column: number } => {
    if (!sawCr) {
      for (let i = window.indexOf('\n', scanned - windowStart); i !== -1 && i < offset - windowStart; i = window.indexOf('\n', i + 1)) {
        line++;
        lineStart = windowStart + i + 1;
      }
    } else {
      for (let i = scanned; i < offset; i++) {
        const c = window.charCodeAt(i - windowStart);
        if (c === 0x0a || (c === 0x0d && window.charCodeAt(i + 1 - windowStart) !== 0x0a)) {
          line++;
          lineStart = i + 1;
        }
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
  let declarationChecked = false;
  const stack: StreamElement[] = [];

  const malformed = (message: string): XmlError => {
    const pos = { line: parser.line, column: parser.column + 1 };
    return new XmlError('ERR_XML_MALFORMED', `Malformed XML at line ${pos.line}, column ${pos.column}: ${message}`, { expected: 'well-formed XML', actual: message, ...pos });
  };
  // Six handlers, no more: with a seventh, V8 keeps saxes' parser object in a slower shape and the
  // whole parse runs four times slower (measured on Node 20). Errors are saxes' own throws (no
  // 'error' handler), the XML declaration is checked by checkDeclaration, and the '<' of a start
  // tag is found from the 'opentag' event (no 'opentagstart' handler).
  parser.on('doctype', () => {
    throw doctypeRefused();
  });
  parser.on('opentag', (tag) => {
    // The tag ends just before the current position; '<' cannot occur inside it (XML 1.0 §3.1
    // AttValue excludes it), so the last '<' before here starts it.
    const lt = windowStart + window.lastIndexOf('<', parser.position - 1 - windowStart);
    const tagStart = positionOf(lt);
    depth++;
    if (depth > maxDepth) throw tooDeep(maxDepth, tagStart);
    sawRoot = true;
    const el = toElement(tag as SaxesTagNS, tagStart);
    stack.push(el);
    handler.startElement(el, depth);
  });
  parser.on('closetag', () => {
    const el = stack.pop()!;
    handler.endElement(el, depth);
    depth--;
  });
  parser.on('text', (t) => {
    if (depth > 0) handler.text(t, depth, false);
  });
  parser.on('cdata', (t) => handler.text(t, depth, true));
  parser.on('processinginstruction', (pi) => handler.pi(pi.target, pi.body, depth));

  let total = 0;
  let first = true;
  for (const chunk of chunks) {
    total += chunk.byteLength;
    if (total > maxBytes) throw tooLarge(maxBytes);
    if (first && chunk.byteLength > 0) {
      first = false;
      refuseUtf16Bom(chunk);
    }
    write(decodeUtf8(decoder, chunk, true));
  }
  write(decodeUtf8(decoder, new Uint8Array(0), false));
  if (!sawRoot) {
    throw new XmlError('ERR_XML_EMPTY', 'Expected an XML document, found no root element', { expected: 'an XML document', actual: 'no root element' });
  }
  guard(() => parser.close());

  function write(text: string): void {
    if (text === '') return;
    window += text;
    if (!sawCr && text.indexOf('\r') !== -1) sawCr = true;
    if (!declarationChecked) declarationChecked = checkDeclaration(window);
    guard(() => parser.write(text));
  }

  function guard(fn: () => void): void {
    try {
      fn();
    } catch (e) {
      if (e instanceof XmlError || !(e instanceof Error)) throw e;
      throw malformed(e.message.replace(/^[^:]*:\d+:\d+: /, ''));
    }
  }
}

const DECL_ENCODING = /\sencoding\s*=\s*(["'])([^"']*)\1/;

/**
 * XML 1.0 §4.3.3: a declaration naming an encoding other than UTF-8 (or its ASCII subset) is refused,
 * because another parser would read other characters from the same bytes. The whole declaration is
 * read, whatever its length. Returns false while the declaration is not complete yet.
 */
function checkDeclaration(head: string): boolean {
  if (!head.startsWith('<?xml')) return head.length >= 5 || !'<?xml'.startsWith(head);
  const end = head.indexOf('?>');
  if (end === -1) return false;
  const m = DECL_ENCODING.exec(head.slice(0, end));
  checkDeclaredEncoding(m?.[2]);
  return true;
}

/**
 * Thrown when the input is well-formed but the stream does not read it exactly as `parseXml` does:
 * the caller then parses it with `parseXml`.
 */
export class NotStreamable extends Error {}

function toElement(tag: SaxesTagNS, at: { line: number; column: number }): StreamElement {
  const attrs: StreamAttr[] = [];
  const all: AttributeEvent[] = [];
  const nsDecls: (readonly [string, string])[] = [];
  for (const name in tag.attributes) {
    const a = tag.attributes[name]!;
    all.push(a);
    if (a.uri === XMLNS_NS) {
      // saxes resolves prefixes against trimmed namespace names, parseXml against the names as
      // written (src/xml/parse.ts): only names without surrounding whitespace read the same.
      if (a.value !== a.value.trim()) throw new NotStreamable('namespace name with surrounding whitespace');
      nsDecls.push([a.prefix === 'xmlns' ? a.local : '', a.value]);
      continue;
    }
    attrs.push({ qname: a.name, prefix: a.prefix, local: a.local, uri: a.uri, value: a.value });
  }
  return { qname: tag.name, prefix: tag.prefix, local: tag.local, uri: tag.uri, attrs, all, nsDecls, line: at.line, column: at.column };
}
