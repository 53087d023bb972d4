/** What an input holding certificates looks like, from its content alone. */
export type CertificateFormat = 'pem' | 'der' | 'pkcs12' | 'base64' | 'xml' | 'empty' | 'unknown';

const WS = new Set([0x09, 0x0a, 0x0d, 0x20]);

/**
 * Guess the form of `input` from its content (file names lie):
 * - `der`: binary, an ASN.1 SEQUENCE whose first element is a SEQUENCE (Certificate, RFC 5280 §4.1);
 * - `pkcs12`: binary, a SEQUENCE whose first element is an INTEGER (PFX version, RFC 7292 §4);
 * - `pem`: text with `-----BEGIN ` (or a stray `-----END `);
 * - `xml`: text starting with `<` (metadata: its `ds:X509Certificate` elements);
 * - `base64`: nothing but base64 characters and whitespace (a `ds:X509Certificate` value);
 * - `empty`: no bytes, or whitespace only; `unknown`: anything else.
 * Cheap: looks at a few header bytes and scans the text once.
 */
export function detectCertificateFormat(input: string | Uint8Array): CertificateFormat {
  if (typeof input !== 'string' && !(input instanceof Uint8Array)) throw new TypeError('detectCertificateFormat: expected a string or Uint8Array');
  if (typeof input !== 'string') {
    const binary = binaryFormat(input);
    if (binary) return binary;
  }
  let text = typeof input === 'string' ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength).toString('latin1');
  if (text.startsWith('\ufeff') || text.startsWith('\u00ef\u00bb\u00bf')) text = text.replace(/^(\ufeff|\u00ef\u00bb\u00bf)/, '');
  const trimmed = text.trimStart();
  if (trimmed === '') return 'empty';
  if (trimmed.startsWith('<')) return 'xml';
  if (text.includes('-----BEGIN ') || text.includes('-----END ')) return 'pem';
  if (/^[A-Za-z0-9+/=\s]+$/.test(text)) return 'base64';
  return 'unknown';
}

/** DER certificate vs PKCS#12 PFX, from the outer SEQUENCE header and the first inner tag. */
function binaryFormat(b: Uint8Array): 'der' | 'pkcs12' | undefined {
  if (b.length < 2 || b[0] !== 0x30) return undefined;
  const lenByte = b[1]!;
  let header = 2;
  let len = lenByte;
  if (lenByte >= 0x80) {
    const n = lenByte & 0x7f;
    if (n === 0 || n > 4) return undefined;
    header += n;
    len = 0;
    for (let i = 2; i < header && i < b.length; i++) len = len * 256 + b[i]!;
  }
  // Short-form lengths are plain ASCII and could be text ("0…"): require an exact fit there.
  if (lenByte < 0x80 && header + len !== b.length) return undefined;
  if (lenByte < 0x80 && b.some((x) => x >= 0x20 && x < 0x7f) && isText(b)) return undefined;
  const inner = b[header];
  if (inner === 0x02) return 'pkcs12';
  return 'der'; // includes truncated input: parsing then says what is wrong
}

function isText(b: Uint8Array): boolean {
  for (const x of b) if (!(WS.has(x) || (x >= 0x20 && x < 0x7f))) return false;
  return true;
}
