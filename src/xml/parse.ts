import type { SaxesAttributeNS, SaxesTagNS, XMLDecl } from 'saxes';
import { XmlError } from './errors.js';
import { ListAttributesParser, SAXES_OPTIONS } from './sax.js';
import { checkDeclaredEncoding, decodeUtf8Whole, doctypeRefused, refuseSecondBom, refuseUtf16Bom, resolveLimits, tooDeep, tooLarge, type XmlLimits } from './harden.js';
import { TreeBuilder, type Document, type Element } from './tree.js';

export { ACCEPTED_ENCODINGS, DEFAULT_XML_LIMITS, type XmlLimits } from './harden.js';

export interface ParsedXml {
  readonly document: Document;
  readonly root: Element;
  /** The decoded text that was parsed (needed for line/column reporting). */
  readonly text: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Parse untrusted XML with the project's single hardened parser: saxes (strict XML 1.0 and
 * Namespaces in XML 1.0 well-formedness, one forward pass) feeding samlfed's own read-only tree
 * (`./tree.ts`).
 *
 * - No DTDs: a `<!DOCTYPE` or any other markup declaration is refused (XML 1.0 §2.8); only the
 *   five predefined entities and character references are expanded (§4.6, §4.1), so there is no
 *   entity expansion (billion laughs, XXE).
 * - Size is capped before parsing, nesting depth while parsing, before the element is built.
 * - Exactly one root element; any well-formedness error is fatal and carries line and column.
 * - Bytes must be UTF-8 (XML 1.0 §4.3.3); a declaration of another encoding is refused, however
 *   long the declaration is (the declaration itself is parsed, §2.8 [23]-[25], §4.3.3 [80]).
 * - Line ends are normalised as XML 1.0 §2.11 says (CR LF and lone CR become LF; U+0085,
 *   U+2028, U+2029 stay as they are: that is XML 1.1, and a 1.0 signer hashes them as written),
 *   whatever version the declaration names.
 * - Linear time: every check is part of one forward pass, none rescans the input.
 *
 * @throws {XmlError} with one of the `ERR_XML_*` codes.
 * @throws {TypeError} when `maxBytes` or `maxDepth` is not a number >= 1 (a caller mistake).
 */
export function parseXml(input: string | Uint8Array, limits: XmlLimits = {}): ParsedXml {
  const { maxBytes, maxDepth } = resolveLimits(limits);
  let text: string;
  if (typeof input === 'string') {
    // Cheap upper bound first: a UTF-16 code unit is at most 3 UTF-8 bytes.
    if (input.length > maxBytes && Buffer.byteLength(input, 'utf8') > maxBytes) {
      throw tooLarge(maxBytes, Buffer.byteLength(input, 'utf8'));
    }
    text = input;
  } else if (input instanceof Uint8Array) {
    if (input.byteLength > maxBytes) throw tooLarge(maxBytes, input.byteLength);
    text = decode(input);
  } else {
    throw new TypeError('parseXml: input must be a string or a Uint8Array');
  }
  // A string may still carry its byte order mark; bytes lost theirs in the decoder. One more is refused.
  if (typeof input === 'string' && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  refuseSecondBom(text);
  if (text.trim() === '') {
    throw new XmlError('ERR_XML_EMPTY', 'Expected an XML document, found empty input', { expected: 'an XML document', actual: 'empty input' });
  }
  checkSurrogates(text);
  const document = new XmlReader(text, maxDepth).read();
  const root = document.documentElement;
  if (!root) {
    throw new XmlError('ERR_XML_MALFORMED', 'Malformed XML: no root element', { expected: 'one root element', actual: 'none' });
  }
  return { document, root, text };
}

function decode(bytes: Uint8Array): string {
  refuseUtf16Bom(bytes);
  return decodeUtf8Whole(utf8, bytes);
}

/** 1-based line and column (UTF-16 code units) of a character offset; CR LF, CR and LF end a line (XML 1.0 §2.11). Error paths only. */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

function illegalChar(text: string, offset: number, shown: string): XmlError {
  const pos = positionOf(text, offset);
  return new XmlError('ERR_XML_MALFORMED', `Malformed XML at line ${pos.line}, column ${pos.column}: ${shown} is not a character XML 1.0 allows (§2.2 Char)`, {
    expected: 'XML 1.0 characters',
    actual: shown,
    ...pos,
  });
}

const showCode = (c: number): string => `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;

/** Any surrogate code unit (cheap test: almost every document has none). */
const SURROGATE = /[\uD800-\uDFFF]/;
/** With the `u` flag a class of surrogates matches only unpaired ones. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/**
 * XML 1.0 §2.2 Char excludes surrogates: an unpaired one is refused wherever it is. saxes refuses
 * a lone low surrogate but reads a lone high one together with the next code unit; it matters
 * beyond conformance, as hashed as UTF-8 a lone surrogate becomes U+FFFD, so two different texts
 * would have the same digest. One regex scan (two when the text has astral characters).
 */
function checkSurrogates(text: string): void {
  if (!SURROGATE.test(text)) return;
  const m = LONE_SURROGATE.exec(text);
  if (m !== null) throw illegalChar(text, m.index, showCode(text.charCodeAt(m.index)));
}

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

export { SAXES_OPTIONS } from './sax.js';

/**
 * One parse: saxes events into a {@link TreeBuilder}, with samlfed's limits and the checks saxes
 * leaves to its user. Element positions are computed incrementally from saxes' own line
 * tracking (no rescan).
 */
/** The reader whose parse is running (parseXml is synchronous; nested parses restore it). */
let active: XmlReader | undefined;

/**
 * saxes with its event handlers on the prototype. `SaxesParser.on()` adds each handler as an
 * own property after construction; with the handlers used here that turns the parser
 * object into a dictionary-mode (slow-property) object and made every parse several times
 * slower (measured). Prototype handlers add no own property; they forward to `active`.
 */
class Parser extends ListAttributesParser {}
Object.assign(Parser.prototype, {
  xmldeclHandler: (d: XMLDecl) => active!.xmlDecl(d),
  doctypeHandler: () => active!.onDoctype(),
  openTagStartHandler: () => active!.openTagStart(),
  openTagHandler: (t: SaxesTagNS) => active!.openTag(t),
  closeTagHandler: () => active!.closeTag(),
  textHandler: (t: string) => active!.onText(t),
  cdataHandler: (t: string) => active!.b.cdata(t),
  commentHandler: (t: string) => active!.onComment(t),
  piHandler: (pi: { target: string; body: string }) => active!.onPI(pi.target, pi.body),
});

class XmlReader {
  private readonly p = new Parser(SAXES_OPTIONS);
  readonly b = new TreeBuilder();
  /** Offset just after the last comment, PI or XML declaration. */
  private prologEnd = 0;

  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
  ) {}

  read(): Document {
    const previous = active;
    active = this;
    try {
      this.p.write(this.text).close();
    } catch (e) {
      if (e instanceof XmlError) throw e;
      throw this.translate(e);
    } finally {
      active = previous;
    }
    return this.b.document;
  }

  onDoctype(): never {
    // A DOCTYPE can only follow the declaration, comments and PIs: it starts after the last of them.
    return this.doctype(this.text.indexOf('<!DOCTYPE', this.prologEnd));
  }

  onText(t: string): void {
    if (this.b.depth > 0) this.b.text(t);
  }

  onComment(t: string): void {
    this.b.comment(t);
    this.prologEnd = this.p.position;
  }

  onPI(target: string, body: string): void {
    this.b.processingInstruction(target, body);
    this.prologEnd = this.p.position;
  }

  /** XML 1.0 §4.3.3: the text was read as UTF-8; a declaration naming another encoding is refused. */
  xmlDecl(d: XMLDecl): void {
    this.prologEnd = this.p.position;
    checkDeclaredEncoding(d.encoding);
  }

  private doctype(at: number): never {
    throw doctypeRefused(positionOf(this.text, Math.max(0, at)));
  }

  openTagStart(): void {
    // The `<` of the tag saxes has just named (src/xml/sax-tag.ts records it).
    const p = this.p;
    if (this.b.depth >= this.maxDepth) throw tooDeep(this.maxDepth, { line: p.tagLine, column: p.tagColumn });
    this.line = p.tagLine;
    this.column = p.tagColumn;
  }

  private line = 0;
  private column = 0;

  openTag(tag: SaxesTagNS): void {
    // The attributes in document order, with their namespace names resolved against the
    // declarations as written (src/xml/sax.ts: a libxml2-based signer uses them verbatim, so
    // `xmlns:x="urn:...:assertion "` is another namespace).
    const list = this.p.attributeList;
    for (let i = 0; i < list.length; i++) {
      const a = list[i]!;
      if (a.uri === XMLNS_NS) checkDeclaration(a, this);
    }
    this.b.startElement(tag.name, tag.prefix, tag.local, tag.uri, list, this.line, this.column);
  }

  /** The element ended last: saxes ends the open element before it reports a mismatched end tag. */
  private ended: Element | undefined;

  closeTag(): void {
    this.ended = this.b.endElement();
  }

  /** Fail at the current position with ERR_XML_MALFORMED. */
  fail(reason: string): never {
    const p = this.p;
    throw malformed(reason, p.line, Math.max(1, p.columnIndex));
  }

  /** A saxes error as an XmlError with a position. */
  private translate(e: unknown): XmlError {
    const p = this.p;
    const raw = e instanceof Error ? e.message : String(e);
    const reason = raw.replace(/^\d+:\d+: /, '').replace(/\.$/, '');
    const line = p.line;
    const column = Math.max(1, p.columnIndex);
    const text = this.text;
    if (reason === 'disallowed character') {
      const at = p.position - 1;
      const c = text.charCodeAt(at);
      if (at >= 0 && !isXmlChar(c)) return illegalChar(text, at, showCode(c));
    } else if (reason === 'malformed character entity') {
      const amp = text.lastIndexOf('&', p.position - 1);
      const ref = text.slice(amp, p.position);
      if (/^&#(?:x[0-9a-fA-F]+|[0-9]+);$/.test(ref)) return illegalChar(text, amp, ref.length > 24 ? `${ref.slice(0, 24)}…` : ref);
    } else if (reason === 'documents may contain only one root') {
      const pos = { line, column };
      return new XmlError('ERR_XML_MULTIPLE_ROOTS', `Expected one root element, found another at line ${pos.line}, column ${pos.column}`, {
        expected: 'one root element',
        actual: 'more than one',
        ...pos,
      });
    } else if (reason === 'incorrect syntax' || reason === 'inappropriately located doctype declaration') {
      // `<!` that opens neither a comment nor a CDATA section: a markup declaration (XML 1.0 §2.8).
      const lt = text.lastIndexOf('<!', p.position - 1);
      const pos = positionOf(text, Math.max(0, lt));
      const decl = /^<!([A-Za-z]*)/.exec(text.slice(lt, lt + 12))?.[1] ?? '';
      return new XmlError('ERR_XML_DOCTYPE', `Document type and entity declarations are not allowed (found <!${decl || '…'} at line ${pos.line}, column ${pos.column})`, {
        expected: 'no DTD or entity declarations',
        actual: `<!${decl}`,
        ...pos,
      });
    } else if ((this.p as unknown as { entity: string }).entity !== '' && (reason.startsWith('unclosed tag') || reason === 'unexpected end')) {
      // saxes reads a reference up to the next ';': a bare '&' runs to the end of the input.
      const amp = text.lastIndexOf('&', p.position - (this.p as unknown as { entity: string }).entity.length);
      const pos = positionOf(text, Math.max(0, amp));
      return malformed(`'&' that starts no reference (XML 1.0 §2.4, §4.1: write a literal '&' as &amp;)`, pos.line, pos.column, e);
    } else if (reason.startsWith('unclosed tag') || reason === 'unexpected close tag') {
      // Point at the element left open, not at the end of the input.
      const open = reason === 'unexpected close tag' ? this.ended : (this.b.currentNode as Element);
      if (open !== undefined && open.nodeType === 1) {
        return malformed(`<${open.tagName}> is not closed (${reason})`, open.lineNumber, open.columnNumber, e);
      }
    }
    return malformed(reason, line, column, e);
  }
}

function malformed(reason: string, line: number, column: number, cause?: unknown): XmlError {
  const shown = reason.length > 200 ? `${reason.slice(0, 200)}…` : reason;
  return new XmlError('ERR_XML_MALFORMED', `Malformed XML at line ${line}, column ${column}: ${shown}`, {
    expected: 'well-formed XML',
    actual: shown,
    line,
    column,
    ...(cause === undefined ? {} : { cause }),
  });
}

/**
 * Namespaces in XML 1.0 §3 constraints on a declaration that saxes does not check itself; it
 * checks the rest (xml and xmlns prefixes and namespace names, `xmlns:p=""`) on the trimmed value.
 */
function checkDeclaration(a: SaxesAttributeNS, r: XmlReader): void {
  const v = a.value;
  if (a.prefix === 'xmlns' && a.local === 'xml' && v !== XML_NS) r.fail(`xmlns:xml must be bound to ${XML_NS}`);
}

// XML 1.0 §2.2 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
function isXmlChar(c: number): boolean {
  return c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd);
}
