/**
 * The attributes of a start tag in one call, for saxes 6.0.0 (see src/xml/sax-scan.ts for the
 * approach). saxes reads `name="value"` through five states (S_ATTRIB, S_ATTRIB_NAME,
 * S_ATTRIB_VALUE, S_ATTRIB_VALUE_QUOTED, S_ATTRIB_VALUE_CLOSED), one dispatch and one `getCode()`
 * per character. This replacement of its S_ATTRIB handler reads, while the chunk holds them, each
 * attribute of the common form (XML 1.0 §3.1 [41]: a name starting with an ASCII name character,
 * `=` with no space around it, a quoted value of plain characters) with two sticky regular
 * expressions, passes it to saxes' own `pushAttrib` (which makes the namespace checks), and ends
 * the tag with saxes' own `openTag` / `openSelfClosingTag`. At anything else it stops at the start
 * of that attribute (or after the closing quote) in the state saxes would be in there and hands
 * over to saxes, so errors and their positions are saxes' own.
 */
import { base, CR, LF, NAME_CHARS, newLine, TAB, VALUE_CHARS_DQ, VALUE_CHARS_SQ, type Scanner } from './sax-scan.js';

const S_ATTRIB_VALUE_CLOSED = 41;
const SPACE = 0x20;
const SLASH = 0x2f;
const GREATER = 0x3e;

const baseAttrib = base.sAttrib!;
/**
 * `name="value"` or `name='value'` (XML 1.0 §3.1 [41]): a name that starts with an ASCII
 * NameStartChar and goes on with BMP NameChars (§2.3), `=` with no space around it, and a value
 * of plain characters (no `<`, `&`, TAB, line end, surrogate or non-Char; §3.1 [10], §3.3.3).
 */
const ATTRIBUTE = new RegExp(`[:A-Z_a-z]${NAME_CHARS}*=(?:"${VALUE_CHARS_DQ}*"|'${VALUE_CHARS_SQ}*')`, 'y');
const baseCloseTag = base.sCloseTag!;
const S_OPEN_TAG_SLASH = 35;
const S_ATTRIB = 36;
const EOC = -1;
/** Start tags do not get saxes' per-tag dictionaries (`attributes`, `ns`): src/xml/sax.ts lists and resolves attributes itself. */
const NONE: Record<string, never> = Object.freeze(Object.create(null) as Record<string, never>);
const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

interface AttributeScanner extends Scanner {
  attribList: { name: string; prefix: string; local: string; value: string; uri: string }[];
  tag: { name: string; attributes: Record<string, never>; ns: Record<string, never>; prefix: string; local: string; uri: string; isSelfClosing: boolean; astral: boolean };
  sawRoot: boolean;
  closedRoot: boolean;
  openTagStartHandler: ((tag: { name: string }) => void) | undefined;
  closeTag(): void;
  tags: { name: string; astral: boolean }[];
  tagLine: number;
  tagColumn: number;
  attributeHandler: ((attr: unknown) => void) | undefined;
  fail(message: string): void;
}

/**
 * saxes' `pushAttribNS` (one attribute read: split its name, Namespaces in XML 1.0 §3; record a
 * declaration, §3 and §4 constraints) without the intermediate `{ prefix, local }` object of its
 * `qname`. Same checks, order and messages (XML 1.0 is forced: `xmlns:p=""` is an error).
 */
function pushAttribNS(this: AttributeScanner, name: string, value: string): void {
  const colon = name.indexOf(':');
  let prefix = '';
  let local = name;
  if (colon !== -1) {
    prefix = name.slice(0, colon);
    local = name.slice(colon + 1);
    if (prefix === '' || local === '' || local.includes(':')) this.fail(`malformed name: ${name}.`);
  }
  // Made with every field it will have (`uri` is set by processAttribsNS): one object shape, no property store to grow.
  const attr = { name, prefix, local, value, uri: '' };
  this.attribList.push(attr);
  this.attributeHandler?.call(this, attr);
  if (prefix === 'xmlns') {
    const trimmed = value.trim();
    if (trimmed === '') this.fail('invalid attempt to undefine prefix in XML 1.0');
    nsPairCheck(this, local, trimmed);
  } else if (name === 'xmlns') {
    nsPairCheck(this, '', value.trim());
  }
}

/** saxes' check of one declaration (Namespaces in XML 1.0 §3: the `xml` and `xmlns` prefixes and names). */
function nsPairCheck(parser: AttributeScanner, prefix: string, uri: string): void {
  if (prefix === 'xml' && uri !== XML_NS) parser.fail(`xml prefix must be bound to ${XML_NS}.`);
  else if (prefix === 'xmlns' && uri !== XMLNS_NS) parser.fail(`xmlns prefix must be bound to ${XMLNS_NS}.`);
  if (uri === XMLNS_NS) {
    parser.fail(prefix === '' ? `the default namespace may not be set to ${uri}.` : `may not assign a prefix (even "xmlns") to the URI ${XMLNS_NS}.`);
  } else if (uri === XML_NS) {
    if (prefix === '') parser.fail(`the default namespace may not be set to ${uri}.`);
    else if (prefix !== 'xml') parser.fail('may not assign the xml namespace to another prefix.');
  }
}

/**
 * saxes' S_OPEN_TAG (the name of a start tag), which also records where the tag starts: its `<`
 * is the character before the name, at `tagLine` and `tagColumn` (1-based, UTF-16 code units,
 * as `parseXml` reports positions). Then straight on to the attributes when the chunk has more.
 */
function sOpenTag(this: AttributeScanner): void {
  if (this.name === '') {
    this.tagLine = this.line;
    this.tagColumn = this.chunkPosition + this.i - this.positionAtNewLine;
  }
  const c = this.captureNameChars();
  if (c === EOC) return;
  // Made with every field saxes and src/xml/sax.ts give it later: one object shape, no property store to grow.
  const tag = (this.tag = { name: this.name, attributes: NONE, ns: NONE, prefix: '', local: '', uri: '', isSelfClosing: false, astral: this.nameAstral });
  this.name = '';
  this.openTagStartHandler?.(tag);
  this.sawRoot = true;
  if (this.closedRoot) this.fail('documents may contain only one root.');
  if (c === GREATER) {
    this.openTag();
  } else if (c === SLASH) {
    this.state = S_OPEN_TAG_SLASH;
  } else {
    if (!(c === SPACE || c === LF || c === TAB || c === CR)) this.fail('disallowed character in tag name.');
    this.state = S_ATTRIB;
    if (this.i < this.chunk.length) sAttrib.call(this);
  }
}

/** saxes' S_ATTRIB: between attributes of a start tag. */
function sAttrib(this: Scanner): void {
  const chunk = this.chunk;
  let i = this.i;
  for (;;) {
    // §2.3 [3] S; line ends counted as getCode10 counts them (§2.11).
    let c = chunk.charCodeAt(i);
    while (c === SPACE || c === LF || c === TAB || c === CR) {
      if (c === SPACE || c === TAB) {
        i++;
        this.column++;
      } else {
        i = newLine(this, chunk, i);
      }
      c = chunk.charCodeAt(i);
    }
    if (c === GREATER) {
      this.prevI = i;
      this.i = i + 1;
      this.column++;
      this.openTag();
      return;
    }
    if (c === SLASH && chunk.charCodeAt(i + 1) === GREATER) {
      this.prevI = i + 1;
      this.i = i + 2;
      this.column += 2;
      this.openSelfClosingTag();
      return;
    }
    // One attribute of the common form, matched by one sticky regular expression; its name ends
    // at the first '=' (a name has none).
    ATTRIBUTE.lastIndex = i;
    if (!ATTRIBUTE.test(chunk)) break;
    const close = ATTRIBUTE.lastIndex - 1;
    const eq = chunk.indexOf('=', i);
    // saxes reports the attribute once the closing quote is read: the position is after it.
    this.column += close + 1 - i;
    this.prevI = close;
    this.i = close + 1;
    this.pushAttrib(chunk.slice(i, eq), chunk.slice(eq + 2, close));
    i = close + 1;
    c = chunk.charCodeAt(i);
    if (!(c === SPACE || c === LF || c === TAB || c === CR || c === GREATER || c === SLASH)) {
      // Another character right after the quote, or the end of the chunk: saxes' S_ATTRIB_VALUE_CLOSED.
      this.state = S_ATTRIB_VALUE_CLOSED;
      return;
    }
  }
  this.i = i;
  baseAttrib.call(this);
}

/**
 * saxes' S_CLOSE_TAG (after `</`): an end tag that repeats the open element's name and ends with
 * `>` in this chunk, in one call; anything else (space before `>`, a name split by the chunk end,
 * no name, another name: an error) is saxes' own.
 */
function sCloseTag(this: AttributeScanner): void {
  const chunk = this.chunk;
  const start = this.i;
  if (this.name === '') {
    // The usual end tag: the open element's name, then `>` (a name has no `>`, so the names are
    // equal). Its length in code units is its length in columns when it has no surrogate pair.
    const top = this.tags[this.tags.length - 1];
    if (top !== undefined && !top.astral) {
      const name = top.name;
      const end = start + name.length;
      if (chunk.charCodeAt(end) === GREATER && chunk.startsWith(name, start)) {
        this.name = name;
        this.column += end + 1 - start;
        this.prevI = end;
        this.i = end + 1;
        this.closeTag();
        return;
      }
    }
  }
  baseCloseTag.call(this);
}

/** Install the start-tag scanner on `proto` (a subclass of SaxesParser). */
export function installTagScanner(proto: object): void {
  Object.defineProperty(proto, 'sOpenTag', { value: sOpenTag, writable: true, configurable: true });
  Object.defineProperty(proto, 'sAttrib', { value: sAttrib, writable: true, configurable: true });
  Object.defineProperty(proto, 'sCloseTag', { value: sCloseTag, writable: true, configurable: true });
  // saxes' constructor copies `this.pushAttribNS` into `this.pushAttrib`.
  Object.defineProperty(proto, 'pushAttribNS', { value: pushAttribNS, writable: true, configurable: true });
}
