/**
 * Bulk scanning for saxes 6.0.0 (pinned exactly in package.json): replacements for the state
 * handlers that dominate a parse of SAML messages and metadata (character data, names, quoted
 * attribute values). saxes reads one code point per call of `getCode()` and runs its state
 * machine per character; these read the plain run of characters up to the next one that matters
 * with one sticky regular expression over the current chunk, then handle that character exactly
 * as saxes does. Anything unusual (a reference, `]`, a surrogate, a character XML 1.0 §2.2 does
 * not allow, the end of the chunk) is handed to saxes' own handler at the same point, so the
 * events, the errors and their positions are saxes' own.
 *
 * What a plain run excludes, and so leaves to saxes' per-character code: C0 controls other than
 * TAB (not XML 1.0 Chars, §2.2), surrogates (pairs are read by saxes as one character, lone ones
 * refused), U+FFFE and U+FFFF (not Chars), CR and LF (line ends, §2.11: counted here the way
 * `getCode10` counts them), and the delimiters of the state being read.
 *
 * Position bookkeeping is saxes' own: `i` (offset in the chunk), `prevI`, `line`, `column` (code
 * points since the last line end) and `positionAtNewLine`. A run has no surrogate, so its length
 * in code units is its length in code points.
 */
import { SaxesParser } from 'saxes';

/** saxes internals the scanners read and write (saxes 6.0.0). */
export interface Scanner {
  chunk: string;
  chunkPosition: number;
  i: number;
  prevI: number;
  line: number;
  column: number;
  positionAtNewLine: number;
  state: number;
  text: string;
  name: string;
  q: number | null;
  forbiddenState: number;
  xmlDeclPossible: boolean;
  textHandler: ((text: string) => void) | undefined;
  /** The next LF of the chunk at `lfChunk` (its chunkPosition), see nextLf; -1: none found yet. */
  lfAt: number;
  lfChunk: number;
  /** The name being read has a character beyond the BMP (a surrogate pair: one column, two code units). */
  nameAstral: boolean;
  /**
   * Set while the text handler runs for character data that has none of `&`, `<`, `>` and CR, so
   * that C14N 1.0 §2.3 escapes nothing in it (src/xml/stream/reader.ts passes it on); false otherwise.
   */
  textPlain: boolean;
  pushAttrib(name: string, value: string): void;
  getCode(): number;
  captureNameChars(): number;
  openTag(): void;
  openSelfClosingTag(): void;
}

// saxes 6.0.0's state numbers and constants (saxes.js).
const S_OPEN_WAKA = 15;
const S_OPEN_TAG = 34;
const S_CLOSE_TAG = 43;
const S_ATTRIB_VALUE_CLOSED = 41;
const FORBIDDEN_START = 0;
const EOC = -1;
const NL_LIKE = -2;
export const TAB = 0x09;
export const LF = 0x0a;
export const CR = 0x0d;
const DQUOTE = 0x22;
const LESS = 0x3c;
const GREATER = 0x3e;
const SLASH = 0x2f;

/** Not in any run: C0 controls but TAB, LF, CR (§2.2), surrogates, U+FFFE, U+FFFF. */
const NOT_CHAR = '\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\uD800-\\uDFFF\\uFFFE\\uFFFF';
/**
 * Character data (§2.4): up to `<`, `&`, `]` (the `]]>` check), a CR or a non-Char. LFs are in the
 * run (one regular expression call per text node, not per line) and counted after it.
 */
const TEXT_RUN = new RegExp(`[^<>&\\]\\r${NOT_CHAR}]*`, 'y');
/**
 * The same run, `>` included: used once a text has a `>` (it is not plain then), so that a text of
 * many `>` is one call, not one per `>` (test/xml/attack.greater-than-text.test.ts).
 */
const TEXT_RUN_GT = new RegExp(`[^<&\\]\\r${NOT_CHAR}]*`, 'y');
/** Attribute value in double quotes (§3.1 AttValue, §3.3.3): up to the quote, `<`, `&`, TAB, a line end or a non-Char. */
export const VALUE_CHARS_DQ = `[^"<&\\t\\n\\r${NOT_CHAR}]`;
export const VALUE_CHARS_SQ = `[^'<&\\t\\n\\r${NOT_CHAR}]`;
const VALUE_RUN_DQ = new RegExp(`${VALUE_CHARS_DQ}*`, 'y');
const VALUE_RUN_SQ = new RegExp(`${VALUE_CHARS_SQ}*`, 'y');
/** XML 1.0 §2.3 [4a] NameChar in the Basic Multilingual Plane, as a regular expression class. */
export const NAME_CHARS = '[-.0-9:A-Z_a-z\\u00B7\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u037D\\u037F-\\u1FFF\\u200C\\u200D\\u203F\\u2040\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD]';
/** XML 1.0 §2.3 [4a] NameChar, ASCII part: `-`, `.`, `0-9`, `:`, `A-Z`, `_`, `a-z`. */
const ASCII_NAME_CHAR = new Uint8Array(128);
for (const c of '-.0123456789:ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz') ASCII_NAME_CHAR[c.charCodeAt(0)] = 1;

/**
 * The end of the run of XML 1.0 §2.3 [4a] NameChar characters of the Basic Multilingual Plane
 * that starts at `i` (saxes reads names with the same production, xmlchars' `isNameChar`); a
 * name character beyond it (a surrogate pair) ends the run and saxes reads the rest of the name.
 * A loop over a table: names are short, and a regular expression's call costs more than it scans.
 */
export function nameEnd(chunk: string, i: number): number {
  for (;;) {
    const c = chunk.charCodeAt(i);
    if (c < 0x80 ? ASCII_NAME_CHAR[c] === 1 : isNameCharAbove7F(c)) i++;
    else return i;
  }
}

/** NameStartChar and NameChar from U+0080 to U+FFFF (§2.3 [4], [4a]); false for NaN (end of the chunk). */
function isNameCharAbove7F(c: number): boolean {
  if (c < 0x2000) return c === 0xb7 || (c >= 0xc0 && c <= 0x37d && c !== 0xd7 && c !== 0xf7) || c >= 0x37f;
  return (
    c === 0x200c ||
    c === 0x200d ||
    c === 0x203f ||
    c === 0x2040 ||
    (c >= 0x2070 && c <= 0x218f) ||
    (c >= 0x2c00 && c <= 0x2fef) ||
    (c >= 0x3001 && c <= 0xd7ff) ||
    (c >= 0xf900 && c <= 0xfdcf) ||
    (c >= 0xfdf0 && c <= 0xfffd)
  );
}

export type Method = (this: Scanner) => unknown;
export const base = SaxesParser.prototype as unknown as Record<string, Method>;
const baseHandleTextInRoot = base.handleTextInRoot!;
const baseCaptureNameChars = base.captureNameChars!;
const baseAttribValueQuoted = base.sAttribValueQuoted!;

/** A line end at `i` (LF, CR LF or CR; §2.11) read as `getCode10` reads it; returns the offset after it. */
export function newLine(self: Scanner, chunk: string, i: number): number {
  const next = chunk.charCodeAt(i) === CR && chunk.charCodeAt(i + 1) === LF ? i + 2 : i + 1;
  self.line++;
  self.column = 0;
  self.positionAtNewLine = self.chunkPosition + next;
  return next;
}

/**
 * The offset of the first LF at or after `i` in the chunk being read (its length when there is
 * none). The answer is kept and reused while it is still ahead (`i` only moves forward in a
 * chunk), so finding every LF of a chunk scans it once, however many text runs it has (a bare
 * `indexOf` per run would scan to the next LF each time: quadratic on a long line).
 */
function nextLf(self: Scanner, chunk: string, i: number): number {
  let at = self.lfAt;
  if (at < i || self.lfChunk !== self.chunkPosition) {
    at = chunk.indexOf('\n', i);
    if (at === -1) at = chunk.length;
    self.lfAt = at;
    self.lfChunk = self.chunkPosition;
  }
  return at;
}

/** Character data inside the root element (saxes' `handleTextInRoot`). */
function handleTextInRoot(this: Scanner): void {
  // After a `]`, saxes' own loop tracks the `]]>` check.
  if (this.forbiddenState !== FORBIDDEN_START) return void baseHandleTextInRoot.call(this);
  const chunk = this.chunk;
  const keep = this.textHandler !== undefined;
  let i = this.i;
  let start = i;
  // No `>` seen (the run stops at the first one, so that a text reported as it was read is known
  // to need no escaping in a canonical form: `textPlain`; after it, TEXT_RUN_GT reads over `>`).
  let noGreater = true;
  for (;;) {
    const run = noGreater ? TEXT_RUN : TEXT_RUN_GT;
    run.lastIndex = i;
    run.test(chunk);
    const end = run.lastIndex;
    // §2.11: each LF in the run ends a line, as getCode10 counts it.
    let last = nextLf(this, chunk, i);
    if (last >= end) {
      this.column += end - i;
    } else {
      let lines = 1;
      for (let lf = nextLf(this, chunk, last + 1); lf < end; lf = nextLf(this, chunk, last + 1)) {
        last = lf;
        lines++;
      }
      this.line += lines;
      this.column = end - last - 1;
      this.positionAtNewLine = this.chunkPosition + last + 1;
    }
    i = end;
    const c = chunk.charCodeAt(i);
    if (c === LESS) {
      this.prevI = i;
      this.i = i + 1;
      this.column++;
      this.state = S_OPEN_WAKA;
      const handler = this.textHandler;
      if (handler !== undefined) {
        const text = this.text;
        const slice = chunk.slice(start, i);
        if (text.length !== 0) {
          handler(text + slice);
          this.text = '';
        } else if (slice.length !== 0) {
          // Characters as written, read in this call: no `&` (no reference), no `<`, no CR (a line
          // end read as LF), and no `>`.
          this.textPlain = noGreater;
          try {
            handler(slice);
          } finally {
            this.textPlain = false;
          }
        }
      }
      openWaka(this, chunk, i);
      return;
    }
    if (c === GREATER) {
      noGreater = false;
      this.column++;
      i++;
    } else if (c === CR) {
      // §2.11: CR LF and a lone CR are read as one LF.
      if (keep) this.text += `${chunk.slice(start, i)}\n`;
      i = newLine(this, chunk, i);
      start = i;
    } else {
      // `&`, `]`, a surrogate, a non-Char or the end of the chunk: saxes goes on from here.
      if (keep) this.text += chunk.slice(start, i);
      this.i = i;
      return void baseHandleTextInRoot.call(this);
    }
  }
}

/**
 * saxes' `sOpenWaka` after the `<` at `i` that ended character data, for the two common
 * characters after it (a start tag's ASCII name start character, or `/`); the rest is left to it.
 */
function openWaka(self: Scanner, chunk: string, i: number): void {
  const c = chunk.charCodeAt(i + 1);
  if (c === SLASH) {
    self.prevI = i + 1;
    self.i = i + 2;
    self.column++;
    self.state = S_CLOSE_TAG;
    self.xmlDeclPossible = false;
  } else if (isAsciiNameStart(c)) {
    // saxes reads the character and puts it back (`unget`).
    self.prevI = i + 1;
    self.state = S_OPEN_TAG;
    self.xmlDeclPossible = false;
  }
}

/** XML 1.0 §2.3 [4] NameStartChar, ASCII part: `:`, `A-Z`, `_`, `a-z`. */
export function isAsciiNameStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c === 0x3a;
}

/** A name (saxes' `captureNameChars`): the name characters into `name`, then the character after them. */
function captureNameChars(this: Scanner): number {
  const chunk = this.chunk;
  const start = this.i;
  if (this.name === '') this.nameAstral = false;
  const end = nameEnd(chunk, start);
  this.column += end - start;
  this.i = end;
  const next = chunk.charCodeAt(end);
  if (next >= 0x20 && next < 0xd800) {
    // The usual end of a name (space, '>', '/', '='): getCode10 reads it as itself.
    this.prevI = end;
    this.i = end + 1;
    this.column++;
    this.name += chunk.slice(start, end);
    return next;
  }
  if (next >= 0xd800 && next <= 0xdbff) {
    this.name += chunk.slice(start, end);
    this.nameAstral = true;
    return baseCaptureNameChars.call(this) as number;
  }
  // A line end, TAB, a control or other surrogate, or the end of the chunk: saxes' getCode reads it.
  const c = this.getCode();
  if (c === EOC) {
    this.name += chunk.slice(start);
    return EOC;
  }
  this.name += chunk.slice(start, end);
  return c === NL_LIKE ? LF : c;
}

/** A quoted attribute value (saxes' `sAttribValueQuoted`), normalised as §3.3.3 says (TAB, LF, CR LF, CR: one space). */
function sAttribValueQuoted(this: Scanner): void {
  const q = this.q;
  const chunk = this.chunk;
  const run = q === DQUOTE ? VALUE_RUN_DQ : VALUE_RUN_SQ;
  let i = this.i;
  let start = i;
  for (;;) {
    run.lastIndex = i;
    run.test(chunk);
    const end = run.lastIndex;
    this.column += end - i;
    i = end;
    const c = chunk.charCodeAt(i);
    if (c === q) {
      this.prevI = i;
      this.i = i + 1;
      this.column++;
      this.pushAttrib(this.name, this.text + chunk.slice(start, i));
      this.name = this.text = '';
      this.q = null;
      this.state = S_ATTRIB_VALUE_CLOSED;
      return;
    }
    if (c === TAB) {
      this.text += `${chunk.slice(start, i)} `;
      this.column++;
      start = ++i;
    } else if (c === LF || c === CR) {
      this.text += `${chunk.slice(start, i)} `;
      start = i = newLine(this, chunk, i);
    } else {
      // `&`, `<`, a surrogate, a non-Char or the end of the chunk: saxes goes on from here.
      this.text += chunk.slice(start, i);
      this.i = i;
      return void baseAttribValueQuoted.call(this);
    }
  }
}

/**
 * Install the scanners on `proto` (a subclass of SaxesParser: saxes' constructor takes its state
 * table and helpers from `this`, so the subclass' methods are the ones it runs).
 */
export function installScanners(proto: object): void {
  for (const [name, value] of [
    ['handleTextInRoot', handleTextInRoot],
    ['captureNameChars', captureNameChars],
    ['sAttribValueQuoted', sAttribValueQuoted],
  ] as const) {
    Object.defineProperty(proto, name, { value, writable: true, configurable: true });
  }
}
