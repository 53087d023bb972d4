import { AssertionError } from './errors.js';

/** Default cap on the decoded response: 1 MiB. */
export const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;

const BASE64_CHAR = /^[A-Za-z0-9+/]$/;

/**
 * Turn what the ACS endpoint received into XML bytes or text, without parsing it.
 * Detection is by content (SAML bindings 2.0 §3.5.4: the `SAMLResponse` form field is
 * base64): first non-space character `<` means XML; otherwise the whole input must be
 * the base64 alphabet plus whitespace and decode to something that starts with `<`.
 * The size is capped before decoding.
 *
 * @throws {AssertionError} ERR_RESPONSE_TOO_LARGE, ERR_RESPONSE_ENCODING
 */
export function decodeResponseInput(input: string | Uint8Array, maxBytes: number): string | Uint8Array {
  if (typeof input === 'string') {
    if (input.length > maxBytes * 2 + 4096) throw tooLarge(`more than ${maxBytes * 2} characters`, maxBytes);
    const first = firstNonSpace(input);
    if (first === '<') {
      const size = Buffer.byteLength(input, 'utf8');
      if (size > maxBytes) throw tooLarge(`${size} bytes`, maxBytes);
      return input;
    }
    return decodeBase64(input, maxBytes);
  }
  if (input instanceof Uint8Array) {
    if (input.byteLength > maxBytes * 2 + 4096) throw tooLarge(`${input.byteLength} bytes`, maxBytes);
    let i = 0;
    if (input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf) i = 3;
    while (i < input.length && isSpaceByte(input[i]!)) i++;
    if (input[i] === 0x3c /* < */) {
      if (input.byteLength > maxBytes) throw tooLarge(`${input.byteLength} bytes`, maxBytes);
      return input;
    }
    return decodeBase64(Buffer.from(input.buffer, input.byteOffset, input.byteLength).toString('latin1'), maxBytes);
  }
  throw new TypeError('verifyResponse: input must be a string or a Uint8Array');
}

function firstNonSpace(s: string): string | undefined {
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\ufeff' && i === 0) continue;
    if (c !== ' ' && c !== '\t' && c !== '\r' && c !== '\n') return c;
  }
  return undefined;
}

function isSpaceByte(b: number): boolean {
  return b === 0x20 || b === 0x09 || b === 0x0d || b === 0x0a;
}

/** Whole-value check: alphabet and whitespace, then at most two `=` (with whitespace). Linear, no backtracking. */
const BASE64_VALUE = /^[A-Za-z0-9+/\t\n\r ]*(?:=[\t\n\r ]*){0,2}$/;
const BASE64_WHITESPACE = /[\t\n\r ]+/g;

function decodeBase64(text: string, maxBytes: number): Uint8Array {
  // Hot path (every login, the form value has no line breaks): decode, and accept only when the
  // bytes encode back to exactly the input. Node's decoder skips characters outside the alphabet;
  // its encoder writes canonical, padded base64 with no whitespace, so equality proves the input
  // was that (anything else, e.g. wrapped lines, takes the checks below, with the same result).
  const n = text.length;
  if (n > 0 && n % 4 === 0) {
    const padding = text.charCodeAt(n - 1) === 0x3d ? (text.charCodeAt(n - 2) === 0x3d ? 2 : 1) : 0;
    if (Math.floor(((n - padding) * 3) / 4) <= maxBytes) {
      const bytes = Buffer.from(text, 'base64');
      if (bytes.toString('base64') === text) return startsXml(bytes);
    }
  }
  // One regex test and one replace instead of a per-character loop.
  if (BASE64_VALUE.test(text)) {
    const compact = text.replace(BASE64_WHITESPACE, '');
    if (compact.length > 0 && compact.length % 4 === 0) return fromCleanBase64(compact, compact.endsWith('==') ? 2 : compact.endsWith('=') ? 1 : 0, maxBytes);
  }
  return decodeBase64Slow(text, maxBytes);
}

/** Exact diagnosis of a value that failed the fast check (or has an unusual length). */
function decodeBase64Slow(text: string, maxBytes: number): Uint8Array {
  let clean = '';
  let bad: { char: string; index: number } | undefined;
  let padding = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') continue;
    if (c === '=') {
      padding++;
      clean += c;
      continue;
    }
    if (padding > 0 || !BASE64_CHAR.test(c)) {
      bad = { char: c, index: i };
      break;
    }
    clean += c;
  }
  if (clean.length === 0 && !bad) {
    throw new AssertionError('ERR_RESPONSE_ENCODING', 'Expected a SAML Response (XML, or the base64 SAMLResponse form value), found empty input', {
      expected: 'XML or base64',
      actual: 'empty input',
    });
  }
  if (bad) {
    const hint =
      bad.char === '%'
        ? ' (URL-encoded? decode the form field first)'
        : bad.char === '-' || bad.char === '_'
          ? ' (base64url is not used by the HTTP-POST binding)'
          : bad.index === 0 && (bad.char === '\u00ff' || bad.char === '\u00fe')
            ? ' (a UTF-16 byte order mark: SAML messages are UTF-8)'
            : '';
    throw new AssertionError(
      'ERR_RESPONSE_ENCODING',
      `Expected XML starting with "<" or standard base64, found ${JSON.stringify(bad.char)} at offset ${bad.index}${hint}`,
      { expected: 'XML or base64 (A-Z a-z 0-9 + / =)', actual: `${JSON.stringify(bad.char)} at offset ${bad.index}` },
    );
  }
  if (padding > 2 || clean.length % 4 === 1 || (padding > 0 && clean.length % 4 !== 0)) {
    throw new AssertionError('ERR_RESPONSE_ENCODING', `Expected well-formed base64, found ${clean.length} characters with ${padding} padding characters`, {
      expected: 'base64 with correct length and padding',
      actual: `${clean.length} characters, ${padding} "="`,
    });
  }
  return fromCleanBase64(clean, padding, maxBytes);
}

function fromCleanBase64(clean: string, padding: number, maxBytes: number): Uint8Array {
  const decodedSize = Math.floor(((clean.length - padding) * 3) / 4);
  if (decodedSize > maxBytes) throw tooLarge(`${decodedSize} bytes after base64 decoding`, maxBytes);
  return startsXml(Buffer.from(clean, 'base64'));
}

/** The decoded value must be XML: optional BOM and whitespace, then `<`. */
function startsXml(bytes: Buffer): Uint8Array {
  let i = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = 3;
  while (i < bytes.length && isSpaceByte(bytes[i]!)) i++;
  if (bytes[i] !== 0x3c) {
    throw new AssertionError('ERR_RESPONSE_ENCODING', 'Expected the base64 value to decode to XML starting with "<", found other data (deflated? HTTP-Redirect responses are not supported)', {
      expected: 'XML after base64 decoding',
      actual: `first byte 0x${(bytes[i] ?? 0).toString(16).padStart(2, '0')}`,
    });
  }
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function tooLarge(found: string, maxBytes: number): AssertionError {
  return new AssertionError('ERR_RESPONSE_TOO_LARGE', `Expected a SAML Response of at most ${maxBytes} bytes, found ${found}`, { expected: maxBytes, actual: found });
}
