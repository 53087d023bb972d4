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
import type { SaxesAttributeNS, SaxesTagNS } from 'saxes';
import { XmlError } from '../errors.js';
import { checkDeclaredEncoding, doctypeRefused, Utf8Stream, refuseSecondBom, refuseUtf16Bom, resolveLimits, tooDeep, tooLarge, type XmlLimits } from '../harden.js';
import { ListAttributesParser, SAXES_OPTIONS } from '../sax.js';
import type { AttributeEvent } from '../tree.js';
import type { StreamAttr, StreamElement } from './events.js';

const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

/** What the reader reports. `depth` is 1 for the root element. */
export interface XmlStreamHandler {
  startElement(el: StreamElement, depth: number): void;
  endElement(el: StreamElement, depth: number): void;
  /**
   * Character data inside the root (text, or the content of a CDATA section), whitespace included.
   * `plain`: the data has none of `&`, `<`, `>` and CR (a canonical form escapes nothing in it);
   * false says nothing.
   */
  text(data: string, depth: number, cdata: boolean, plain: boolean): void;
  /** A processing instruction; `depth` 0 before or after the root element. */
  pi(target: string, data: string, depth: number): void;
  /** A comment (its text is not reported); `depth` 0 before or after the root element. */
  comment?(depth: number): void;
}


/**
 * Feed `chunks` (bytes, in order) through the hardened event parser into `handler`.
 *
 * @throws {XmlError} `ERR_XML_TOO_LARGE`, `ERR_XML_ENCODING`, `ERR_XML_DOCTYPE`, `ERR_XML_TOO_DEEP`,
 *   `ERR_XML_EMPTY`, `ERR_XML_MALFORMED` (with line and column).
 */
export function readXmlStream(chunks: Iterable<Uint8Array>, handler: XmlStreamHandler, limits: XmlLimits = {}): void {
  const reader = new XmlStreamReader(handler, limits);
  for (const chunk of chunks) reader.write(chunk);
  reader.end();
}

/**
 * The push form of {@link readXmlStream}: the caller hands over the bytes chunk by chunk with
 * `write` (for example between two awaits) and calls `end` after the last one. Same checks, same
 * events, same errors, each thrown by the `write` or `end` that reaches it. After an error, or
 * after `end`, the reader is done: a later `write` or `end` is a `TypeError`.
 */
export class XmlStreamReader {
  private readonly maxBytes: number;
  private readonly decoder = new Utf8Stream();
  private readonly parser = new StreamParser(SAXES_OPTIONS);
  /** The text read until the XML declaration, if any, is complete (checkDeclaration). */
  private head = '';
  private depth = 0;
  private sawRoot = false;
  private declarationChecked = false;
  private readonly stack: StreamElement[] = [];
  private total = 0;
  private first = true;
  /** A decoded character was written. */
  private began = false;
  private readonly sink: Sink;
  /** A handler is running: what it throws is the caller's own error, passed on as it is. */
  private inHandler = false;
  /** end() was called (the parser would take further bytes as a new document: saxes resets itself at the end), or write() threw. */
  private ended = false;

  constructor(handler: XmlStreamHandler, limits: XmlLimits = {}) {
    const { maxBytes, maxDepth } = resolveLimits(limits);
    this.maxBytes = maxBytes;
    const parser = this.parser;
    const stack = this.stack;
    // The handlers are on StreamParser's prototype and forward to `sink` (see below); errors are
    // saxes' own throws (no 'error' handler), the XML declaration is checked by checkDeclaration.
    this.sink = {
      opentag: (tag) => {
        // Line/column of the tag's '<' as the tree parser reports them (1-based; LF, CR LF and a
        // lone CR each end a line; columns in UTF-16 code units), recorded by the parser (src/xml/sax-tag.ts).
        const line = parser.tagLine;
        const column = parser.tagColumn;
        const depth = ++this.depth;
        if (depth > maxDepth) throw tooDeep(maxDepth, { line, column });
        this.sawRoot = true;
        const el = toElement(tag, parser.attributeList, line, column);
        stack.push(el);
        this.inHandler = true;
        handler.startElement(el, depth);
        this.inHandler = false;
      },
      closetag: () => {
        const el = stack.pop()!;
        this.inHandler = true;
        handler.endElement(el, this.depth);
        this.inHandler = false;
        this.depth--;
      },
      text: (t) => {
        if (this.depth === 0) return;
        this.inHandler = true;
        handler.text(t, this.depth, false, parser.textPlain);
        this.inHandler = false;
      },
      cdata: (t) => {
        this.inHandler = true;
        handler.text(t, this.depth, true, false);
        this.inHandler = false;
      },
      pi: (target, body) => {
        this.inHandler = true;
        handler.pi(target, body, this.depth);
        this.inHandler = false;
      },
      comment: () => {
        this.inHandler = true;
        handler.comment?.(this.depth);
        this.inHandler = false;
      },
    };
  }

  /** The next chunk of the document's bytes. @throws {TypeError} after end() or after a throw */
  write(chunk: Uint8Array): void {
    this.usable('write');
    try {
      this.writeChunk(chunk);
    } catch (e) {
      // The parser stopped where it threw (and a handler's throw left `inHandler` set): finished.
      this.ended = true;
      throw e;
    }
  }

  /** A reader is used once, up to end() or its first throw (test/xml/attack.reader-after-error.test.ts). */
  private usable(what: string): void {
    if (this.ended) throw new TypeError(`XmlStreamReader: ${what}() after end() or after an error`);
  }

  private writeChunk(chunk: Uint8Array): void {
    this.total += chunk.byteLength;
    if (this.total > this.maxBytes) throw tooLarge(this.maxBytes);
    if (this.first && chunk.byteLength > 0) {
      this.first = false;
      refuseUtf16Bom(chunk);
    }
    this.writeText(this.decoder.decode(chunk, true));
  }

  /** The document is complete: flush the decoder and check that a root element was read and closed. */
  end(): void {
    this.usable('end');
    this.ended = true;
    this.writeText(this.decoder.decode(new Uint8Array(0), false));
    if (!this.sawRoot) {
      throw new XmlError('ERR_XML_EMPTY', 'Expected an XML document, found no root element', { expected: 'an XML document', actual: 'no root element' });
    }
    this.guard(() => this.parser.close());
  }

  private writeText(text: string): void {
    if (text === '') return;
    if (!this.began) {
      this.began = true;
      refuseSecondBom(text); // the decoder removed the first one
    }
    if (!this.declarationChecked) {
      this.head += text;
      this.declarationChecked = checkDeclaration(this.head);
      if (this.declarationChecked) this.head = '';
    }
    this.guard(() => this.parser.write(text));
  }

  private malformed(message: string): XmlError {
    const pos = { line: this.parser.line, column: this.parser.column + 1 };
    return new XmlError('ERR_XML_MALFORMED', `Malformed XML at line ${pos.line}, column ${pos.column}: ${message}`, { expected: 'well-formed XML', actual: message, ...pos });
  }

  private guard(fn: () => void): void {
    const previous = active;
    active = this.sink;
    try {
      fn();
    } catch (e) {
      if (this.inHandler || e instanceof XmlError || !(e instanceof Error)) throw e;
      throw this.malformed(e.message.replace(/^[^:]*:\d+:\d+: /, ''));
    } finally {
      active = previous;
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

const NO_ATTRIBUTES: readonly AttributeEvent[] = Object.freeze([]);
const NO_DECLARATIONS: readonly (readonly [string, string])[] = Object.freeze([]);

function toElement(tag: SaxesTagNS, list: readonly SaxesAttributeNS[], line: number, column: number): StreamElement {
  // A start tag with attributes gets a new list from the parser (src/xml/sax.ts): it is not reused,
  // so the element keeps it, and its attribute records, as they are.
  const all = list.length === 0 ? NO_ATTRIBUTES : list;
  let attrs: readonly StreamAttr[] = all;
  let nsDecls: readonly (readonly [string, string])[] = NO_DECLARATIONS;
  let declarations = 0;
  for (let i = 0; i < list.length; i++) if (list[i]!.uri === XMLNS_NS) declarations++;
  if (declarations !== 0) {
    const own: StreamAttr[] = [];
    const decls: (readonly [string, string])[] = [];
    for (let i = 0; i < list.length; i++) {
      const a = list[i]!;
      if (a.uri === XMLNS_NS) {
        // Namespace names are resolved as written (src/xml/sax.ts), as parseXml does; saxes' own
        // checks of a declaration see it trimmed: only names without surrounding whitespace read the same.
        if (a.value !== a.value.trim()) throw new NotStreamable('namespace name with surrounding whitespace');
        decls.push([a.prefix === 'xmlns' ? a.local : '', a.value]);
      } else {
        own.push(a);
      }
    }
    attrs = own;
    nsDecls = decls;
  }
  return { qname: tag.name, prefix: tag.prefix, local: tag.local, uri: tag.uri, attrs, all, nsDecls, line, column };
}

/** The callbacks of the stream being read (readXmlStream is synchronous; nested reads restore the previous one). */
interface Sink {
  opentag(tag: SaxesTagNS): void;
  closetag(): void;
  text(t: string): void;
  cdata(t: string): void;
  pi(target: string, body: string): void;
  comment(): void;
}

let active: Sink | undefined;

/**
 * The shared parser with its handlers on the prototype: `SaxesParser.on()` adds own properties
 * and turns the parser into a slower dictionary-mode object (measured: several times slower).
 */
class StreamParser extends ListAttributesParser {}
Object.assign(StreamParser.prototype, {
  doctypeHandler: () => {
    throw doctypeRefused();
  },
  openTagHandler: (t: SaxesTagNS) => active!.opentag(t),
  closeTagHandler: () => active!.closetag(),
  textHandler: (t: string) => active!.text(t),
  cdataHandler: (t: string) => active!.cdata(t),
  piHandler: (pi: { target: string; body: string }) => active!.pi(pi.target, pi.body),
  commentHandler: () => active!.comment(),
});
