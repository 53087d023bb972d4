import { CertError } from './errors.js';

/**
 * Strict base64 (RFC 4648 §4) that tolerates XML whitespace (space, tab, CR, LF) anywhere: `ds:X509Certificate`
 * text is xs:base64Binary and real metadata (Okta's among it) breaks lines and even
 * puts spaces inside the data. Anything else (URL-safe alphabet, `=` before the end,
 * a length that is not a multiple of 4) is refused: Buffer's lenient decoder would
 * silently drop it and yield a different certificate.
 * @throws {CertError} `ERR_CERT_BASE64`
 */
export function decodeBase64Strict(text: string, what = 'base64 certificate'): Buffer {
  // XML whitespace only (XML 1.0 §2.3 S; xs:base64Binary): a non-breaking space or U+2028 pasted
  // from a web page is named as the bad character, not silently dropped.
  return decodeCompactBase64Strict(text.replace(/[ \t\r\n]+/g, ''), what);
}

/**
 * `decodeBase64Strict` of text that holds no XML whitespace (space, tab, CR, LF): the same bytes
 * and errors, without the scan that would remove none. For callers that stripped it already (the
 * metadata reader keeps the stripped text).
 * @throws {CertError} `ERR_CERT_BASE64`
 */
export function decodeCompactBase64Strict(compact: string, what = 'base64 certificate'): Buffer {
  // Fast path, exactly as strict as the checks below: when the decoded bytes encode back to the
  // same text, that text is canonical RFC 4648 base64 (alphabet, padding only at the end, length a
  // multiple of 4), which the checks below accept. Anything else takes them, for the error.
  const der = Buffer.from(compact, 'base64');
  if (der.toString('base64') === compact) return der;
  const bad = /[^A-Za-z0-9+/=]/.exec(compact);
  if (bad) {
    const code = bad[0].codePointAt(0)!;
    throw new CertError('ERR_CERT_BASE64', `${what}: character ${JSON.stringify(bad[0])} (U+${code.toString(16).toUpperCase().padStart(4, '0')}) is not base64`, {
      expected: 'base64 characters A-Z a-z 0-9 + / = and whitespace',
      actual: `${JSON.stringify(bad[0])} at position ${bad.index} (whitespace removed)`,
    });
  }
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 !== 0) {
    throw new CertError('ERR_CERT_BASE64', `${what}: ${compact.length % 4 !== 0 ? `length ${compact.length} is not a multiple of 4 (truncated?)` : "'=' padding in the middle of the data"}`, {
      expected: 'base64 whose length is a multiple of 4, with = padding only at the end',
      actual: `${compact.length} base64 characters`,
    });
  }
  return der;
}
