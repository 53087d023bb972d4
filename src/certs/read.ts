/**
 * Read certificates from any of the forms partners send: `ds:X509Certificate` base64
 * (whitespace anywhere), PEM (one or several blocks), DER, PKCS#12.
 */
import { CertError } from './errors.js';
import { decodeBase64Strict, decodeCompactBase64Strict } from './base64.js';
import { detectCertificateFormat, type CertificateFormat } from './detect.js';
import { CERTIFICATE_LABELS, readPemBlocks } from './pem.js';
import { readPkcs12 } from './pkcs12.js';
import { certificateFromDer } from './read-der.js';
import type { Certificate } from './types.js';

export interface ReadCertificateOptions {
  /** PKCS#12 password (ignored for other forms). */
  readonly password?: string;
  /** Skip detection and read the input as this form. */
  readonly format?: Exclude<CertificateFormat, 'empty' | 'unknown' | 'xml'>;
  /** Largest input accepted, in bytes (default 16 MiB). */
  readonly maxBytes?: number;
}

/** Default `maxBytes`: a PEM bundle of a few thousand certificates. */
export const DEFAULT_MAX_INPUT_BYTES = 16 * 1024 * 1024;

/**
 * The certificate in a `ds:X509Certificate` value (xs:base64Binary; whitespace anywhere).
 * @throws {CertError} `ERR_CERT_EMPTY`, `ERR_CERT_BASE64`, `ERR_CERT_DER`
 */
export function certificateFromBase64(text: string): Certificate {
  if (typeof text !== 'string') throw new TypeError('certificateFromBase64: expected a string');
  if (text.trim() === '') throw new CertError('ERR_CERT_EMPTY', 'Expected a base64 DER certificate, found empty text', { expected: 'base64 DER certificate', actual: 'empty text' });
  return certificateFromDer(decodeBase64Strict(text, 'ds:X509Certificate'));
}

/**
 * `certificateFromBase64` of text with its XML whitespace (space, tab, CR, LF) already removed, as
 * the metadata reader keeps it: the same certificate or error, without a second whitespace scan.
 * @throws {CertError} `ERR_CERT_EMPTY`, `ERR_CERT_BASE64`, `ERR_CERT_DER`
 */
export function certificateFromCompactBase64(compact: string): Certificate {
  if (compact.trim() === '') throw new CertError('ERR_CERT_EMPTY', 'Expected a base64 DER certificate, found empty text', { expected: 'base64 DER certificate', actual: 'empty text' });
  return certificateFromDer(decodeCompactBase64Strict(compact, 'ds:X509Certificate'));
}

/**
 * Every certificate in PEM text (blocks of other types, e.g. a PRIVATE KEY, are skipped).
 * @throws {CertError} `ERR_CERT_PEM` (broken armour or no CERTIFICATE block), `ERR_CERT_BASE64`, `ERR_CERT_DER`
 */
export function certificatesFromPem(text: string): Certificate[] {
  if (typeof text !== 'string') throw new TypeError('certificatesFromPem: expected a string');
  const blocks = readPemBlocks(text);
  const certs = blocks.filter((b) => CERTIFICATE_LABELS.has(b.label));
  if (certs.length === 0) {
    throw new CertError('ERR_CERT_PEM', blocks.length === 0 ? 'No PEM block found' : `No CERTIFICATE block among the PEM blocks (found ${blocks.map((b) => b.label).join(', ')})`, {
      expected: '-----BEGIN CERTIFICATE-----',
      actual: blocks.length === 0 ? 'no PEM block' : blocks.map((b) => b.label),
    });
  }
  return certs.map((b) => certificateFromDer(b.der));
}

function asText(input: string | Uint8Array): string {
  return typeof input === 'string' ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength).toString('latin1');
}

function asBytes(input: string | Uint8Array): Uint8Array {
  return typeof input === 'string' ? Buffer.from(input, 'latin1') : input;
}

/**
 * Every certificate in `input`, whatever its form (see `detectCertificateFormat`).
 * A base64 text that decodes to a PKCS#12 file is read as one.
 * @throws {CertError} `ERR_CERT_EMPTY`, `ERR_CERT_TOO_LARGE`, `ERR_CERT_FORMAT`, `ERR_CERT_BASE64`,
 *   `ERR_CERT_PEM`, `ERR_CERT_DER`, `ERR_CERT_PKCS12`, `ERR_CERT_PKCS12_PASSWORD`
 */
export function readCertificates(input: string | Uint8Array, options: ReadCertificateOptions = {}): Certificate[] {
  if (typeof input !== 'string' && !(input instanceof Uint8Array)) throw new TypeError('readCertificates: expected a string or Uint8Array');
  const max = options.maxBytes ?? DEFAULT_MAX_INPUT_BYTES;
  if (input.length > max) {
    throw new CertError('ERR_CERT_TOO_LARGE', `Expected at most ${max} bytes of certificate input, found ${input.length}`, { expected: `at most ${max} bytes`, actual: `${input.length} bytes` });
  }
  // A PEM or base64 file saved as UTF-16 ("Unicode" in Notepad): decode it and read the text.
  if (typeof input !== 'string' && input.length >= 2 && input.length % 2 === 0 && ((input[0] === 0xff && input[1] === 0xfe) || (input[0] === 0xfe && input[1] === 0xff))) {
    const le = input[0] === 0xff;
    const body = Buffer.from(input.subarray(2));
    if (!le) body.swap16();
    return readCertificates(body.toString('utf16le'), options);
  }
  const format = options.format ?? detectCertificateFormat(input);
  switch (format) {
    case 'empty':
      throw new CertError('ERR_CERT_EMPTY', `Expected a certificate (base64, PEM, DER or PKCS#12), found ${input.length === 0 ? 'empty input' : 'only whitespace'}`, { expected: 'a certificate (base64, PEM, DER or PKCS#12)', actual: input.length === 0 ? 'no bytes' : 'only whitespace' });
    case 'pem':
      return certificatesFromPem(asText(input));
    case 'der':
      return [certificateFromDer(asBytes(input))];
    case 'pkcs12':
      return [...readPkcs12(asBytes(input), options.password === undefined ? {} : { password: options.password }).certificates];
    case 'base64': {
      const der = decodeBase64Strict(asText(input).replace(/^(\ufeff|\u00ef\u00bb\u00bf)/, ''));
      if (der.length === 0) throw new CertError('ERR_CERT_EMPTY', 'Expected a base64 certificate, found base64 text that decodes to no bytes', { expected: 'a base64 certificate', actual: 'no bytes' });
      if (detectCertificateFormat(der) === 'pkcs12') return readCertificates(der, { ...options, format: 'pkcs12' });
      return [certificateFromDer(der)];
    }
    case 'xml':
      throw new CertError('ERR_CERT_FORMAT', 'Expected a certificate (base64, PEM, DER or PKCS#12), found XML: read metadata with parseMetadata (samlfed/metadata) or `samlfed certs`', { expected: 'base64, PEM, DER or PKCS#12', actual: 'XML' });
    default: {
      const start = describeStart(input);
      throw new CertError('ERR_CERT_FORMAT', `Expected a certificate as base64 (ds:X509Certificate), PEM, DER or PKCS#12, found ${start}${oddCharacter(input)}`, {
        expected: 'base64 (ds:X509Certificate), PEM, DER or PKCS#12',
        actual: start,
      });
    }
  }
}

/**
 * The first certificate in `input` (the only one, for base64 and DER).
 * @throws {CertError} as `readCertificates`
 */
export function readCertificate(input: string | Uint8Array, options: ReadCertificateOptions = {}): Certificate {
  return readCertificates(input, options)[0]!;
}

/**
 * For text that starts like base64 but is not: `; the first character that is not base64 or XML
 * whitespace is "\u00a0" (U+00A0) at position 40` (bytes read as UTF-8). Empty otherwise.
 */
function oddCharacter(input: string | Uint8Array): string {
  const text = typeof input === 'string' ? input : Buffer.from(input.buffer, input.byteOffset, Math.min(input.byteLength, 65536)).toString('utf8');
  if (!/^[ \t\r\n]*[A-Za-z0-9+/]/.test(text)) return '';
  const m = /[^A-Za-z0-9+/= \t\r\n]/u.exec(text);
  // Only the invisible or look-alike characters a copy from a web page brings; plain ASCII junk shows in the start.
  if (!m || m[0].codePointAt(0)! < 0x7f) return '';
  const cp = m[0].codePointAt(0)!;
  return `; the first character that is not base64 or XML whitespace is ${JSON.stringify(m[0])} (U+${cp.toString(16).toUpperCase().padStart(4, '0')}) at position ${m.index}`;
}

/** `text starting "..."` when the input starts with printable ASCII, else `bytes starting <hex>`. */
function describeStart(input: string | Uint8Array): string {
  const head = typeof input === 'string' ? input.slice(0, 20) : Buffer.from(input.subarray(0, 20)).toString('latin1');
  if (/^[\x20-\x7e\t\r\n]+$/.test(head)) return `text starting ${JSON.stringify(head)}`;
  return `bytes starting ${Buffer.from(head.slice(0, 8), 'latin1').toString('hex')}`;
}
