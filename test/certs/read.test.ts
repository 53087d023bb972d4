import { describe, expect, it } from 'vitest';
import { readCertificate, readCertificates, certificateFromBase64, certificateFromDer, certificatesFromPem, detectCertificateFormat, CertError } from '../../src/certs/index.js';
import { codeOf, key } from './helpers.js';

const IDP_SHA1 = '2F4EF7D8BFC934A977578DEBCC3862C13691A1F1';
const der = key('idp-signing.crt.der');
const b64 = der.toString('base64');

describe('reading every input form', () => {
  it('reads ds:X509Certificate base64 with whitespace anywhere (Okta puts spaces inside the data)', () => {
    const messy = `\n\t  ${b64.slice(0, 10)} ${b64.slice(10, 11)}\t${b64.slice(11, 76)}\r\n${b64.slice(76, 200)}  \n ${b64.slice(200)}\n  `;
    expect(certificateFromBase64(messy).sha1Thumbprint).toBe(IDP_SHA1);
    expect(readCertificate(messy).sha1Thumbprint).toBe(IDP_SHA1);
    expect(detectCertificateFormat(messy)).toBe('base64');
  });
  it('reads base64 given as bytes', () => {
    expect(readCertificate(Buffer.from(b64)).sha1Thumbprint).toBe(IDP_SHA1);
  });
  it('reads PEM (string and bytes, CRLF line ends)', () => {
    const pem = key('idp-signing.crt.pem').toString('utf8');
    expect(readCertificate(pem).sha1Thumbprint).toBe(IDP_SHA1);
    expect(readCertificate(Buffer.from(pem.replace(/\n/g, '\r\n'))).sha1Thumbprint).toBe(IDP_SHA1);
    expect(detectCertificateFormat(pem)).toBe('pem');
  });
  it('reads several PEM blocks, skipping text and non-certificate blocks between them', () => {
    const bundle = `subject=CN=x\n${key('idp-signing.crt.pem').toString()}\nsome notes\n${key('ec-p256.key.pem').toString()}${key('ec-p256.crt.pem').toString()}${key('sha1-signed.crt.pem').toString()}`;
    const certs = readCertificates(bundle);
    expect(certs.map((c) => c.subject.split(',')[0])).toEqual(['CN=samlfed test IdP signing', 'CN=samlfed test EC P-256', 'CN=samlfed test sha1 cert']);
    expect(readCertificate(bundle).sha1Thumbprint).toBe(IDP_SHA1);
    expect(certificatesFromPem(bundle)).toHaveLength(3);
  });
  it('reads PEM and base64 with a UTF-8 BOM, and PEM saved as UTF-16 (LE and BE, with BOM)', () => {
    const pem = key('idp-signing.crt.pem').toString('utf8');
    expect(readCertificate(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(pem)])).sha1Thumbprint).toBe(IDP_SHA1);
    expect(readCertificate(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(b64)])).sha1Thumbprint).toBe(IDP_SHA1);
    expect(readCertificate(`\ufeff${b64}`).sha1Thumbprint).toBe(IDP_SHA1);
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(pem, 'utf16le')]);
    expect(readCertificate(le).sha1Thumbprint).toBe(IDP_SHA1);
    const be = Buffer.from(le);
    be.swap16();
    expect(readCertificate(be).sha1Thumbprint).toBe(IDP_SHA1);
  });
  it('reads DER bytes', () => {
    expect(detectCertificateFormat(der)).toBe('der');
    expect(readCertificate(der).sha1Thumbprint).toBe(IDP_SHA1);
    expect(certificateFromDer(new Uint8Array(der)).sha1Thumbprint).toBe(IDP_SHA1);
  });
  it('detects PKCS#12, XML, empty and unknown input', () => {
    expect(detectCertificateFormat(key('idp-signing.pfx'))).toBe('pkcs12');
    expect(detectCertificateFormat('<?xml version="1.0"?><md:EntityDescriptor/>')).toBe('xml');
    expect(detectCertificateFormat(' \n\t')).toBe('empty');
    expect(detectCertificateFormat(new Uint8Array())).toBe('empty');
    expect(detectCertificateFormat('hello, world!')).toBe('unknown');
    expect(detectCertificateFormat(Buffer.from([0x00, 0xff, 0x10]))).toBe('unknown');
  });
});

describe('rejecting bad input with a specific code', () => {
  it('empty input: ERR_CERT_EMPTY', () => {
    expect(codeOf(() => readCertificate(''))).toBe('ERR_CERT_EMPTY');
    expect(codeOf(() => readCertificate('  \n '))).toBe('ERR_CERT_EMPTY');
    expect(codeOf(() => readCertificate(new Uint8Array()))).toBe('ERR_CERT_EMPTY');
    expect(codeOf(() => certificateFromBase64(' '))).toBe('ERR_CERT_EMPTY');
    expect(codeOf(() => certificateFromDer(new Uint8Array()))).toBe('ERR_CERT_EMPTY');
  });
  it('garbage: ERR_CERT_FORMAT, with what was found', () => {
    const e = (() => { try { readCertificate('this is not a certificate!'); } catch (x) { return x as CertError; } return undefined; })();
    expect(e?.code).toBe('ERR_CERT_FORMAT');
    expect(String(e?.actual)).toContain('this is not');
    expect(codeOf(() => readCertificate(Buffer.from([0xde, 0xad, 0xbe, 0xef])))).toBe('ERR_CERT_FORMAT');
    expect(codeOf(() => readCertificate('<md:EntityDescriptor/>'))).toBe('ERR_CERT_FORMAT');
  });
  it('bad base64: ERR_CERT_BASE64 (bad character, URL-safe alphabet, truncated, padding in the middle)', () => {
    expect(codeOf(() => certificateFromBase64(`${b64.slice(0, 100)}*${b64.slice(101)}`))).toBe('ERR_CERT_BASE64');
    expect(codeOf(() => certificateFromBase64(b64.replace(/\+/g, '-').replace(/\//g, '_')))).toBe('ERR_CERT_BASE64');
    expect(codeOf(() => certificateFromBase64(b64.slice(0, b64.length - 3)))).toBe('ERR_CERT_BASE64');
    expect(codeOf(() => certificateFromBase64(`AAA=${b64}`))).toBe('ERR_CERT_BASE64');
  });
  it('only XML whitespace is skipped: a non-breaking space or line separator pasted from a web page is named (docs/errors/certs.md)', () => {
    for (const odd of ['\u00a0', '\u2028', '\ufeff', '\u3000']) {
      const pasted = `${b64.slice(0, 40)}${odd}${b64.slice(40)}`;
      const hex = odd.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
      expect(() => certificateFromBase64(pasted)).toThrow(`ds:X509Certificate: character ${JSON.stringify(odd)} (U+${hex}) is not base64`);
      expect(codeOf(() => readCertificate(pasted))).toBe('ERR_CERT_BASE64');
      // As UTF-8 bytes (a file): not recognised as base64, and the message points at the character.
      expect(() => readCertificate(Buffer.from(pasted, 'utf8'))).toThrow(new RegExp(`the first character that is not base64 or XML whitespace is .* \\(U\\+${hex}\\) at position 40$`, 's'));
    }
  });
  it('valid base64 of something that is not a certificate: ERR_CERT_DER', () => {
    expect(codeOf(() => certificateFromBase64('aGVsbG8gd29ybGQ='))).toBe('ERR_CERT_DER');
  });
  it('truncated DER: ERR_CERT_DER (bytes and base64)', () => {
    expect(codeOf(() => readCertificate(der.subarray(0, der.length - 1)))).toBe('ERR_CERT_DER');
    expect(codeOf(() => readCertificate(der.subarray(0, 200)))).toBe('ERR_CERT_DER');
    expect(codeOf(() => certificateFromBase64(der.subarray(0, 600).toString('base64')))).toBe('ERR_CERT_DER');
  });
  it('trailing bytes after the certificate: ERR_CERT_DER', () => {
    expect(codeOf(() => certificateFromDer(Buffer.concat([der, Buffer.from([0, 0])])))).toBe('ERR_CERT_DER');
  });
  it('broken DER inside: ERR_CERT_DER', () => {
    const bad = Buffer.from(der);
    bad[4] = 0x02; // tbsCertificate SEQUENCE -> INTEGER
    expect(codeOf(() => certificateFromDer(bad))).toBe('ERR_CERT_DER');
    const indefinite = Buffer.from([0x30, 0x80, 0x30, 0x80, 0, 0, 0, 0]);
    expect(codeOf(() => certificateFromDer(indefinite))).toBe('ERR_CERT_DER');
  });
  it('broken PEM: ERR_CERT_PEM (no END, mismatched END, only a private key, headers)', () => {
    const pem = key('idp-signing.crt.pem').toString();
    expect(codeOf(() => readCertificate(pem.replace('-----END CERTIFICATE-----', '')))).toBe('ERR_CERT_PEM');
    expect(codeOf(() => readCertificate(pem.replace('-----END CERTIFICATE-----', '-----END PRIVATE KEY-----')))).toBe('ERR_CERT_PEM');
    expect(codeOf(() => readCertificate(key('idp-signing.key.pem')))).toBe('ERR_CERT_PEM');
    expect(codeOf(() => readCertificate(pem.replace('-----BEGIN CERTIFICATE-----\n', '-----BEGIN CERTIFICATE-----\nProc-Type: 4,ENCRYPTED\n\n')))).toBe('ERR_CERT_PEM');
    expect(codeOf(() => readCertificate('junk\n-----END CERTIFICATE-----\n'))).toBe('ERR_CERT_PEM');
  });
  it('bad base64 inside PEM: ERR_CERT_BASE64', () => {
    const pem = key('idp-signing.crt.pem').toString();
    expect(codeOf(() => readCertificate(pem.replace('MII', 'M!I')))).toBe('ERR_CERT_BASE64');
  });
  it('too large: ERR_CERT_TOO_LARGE', () => {
    expect(codeOf(() => readCertificate(key('idp-signing.crt.pem'), { maxBytes: 100 }))).toBe('ERR_CERT_TOO_LARGE');
    expect(codeOf(() => certificateFromDer(new Uint8Array(70_000)))).toBe('ERR_CERT_TOO_LARGE');
  });
  it('errors carry expected and actual', () => {
    try {
      certificateFromBase64('abc$');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CertError);
      expect((e as CertError).expected).toBeDefined();
      expect((e as CertError).actual).toContain('$');
      expect((e as CertError).toJSON().code).toBe('ERR_CERT_BASE64');
    }
  });
  it('caller mistakes are TypeErrors', () => {
    expect(() => readCertificate(42 as unknown as string)).toThrow(TypeError);
    expect(() => certificateFromDer('x' as unknown as Uint8Array)).toThrow(TypeError);
  });
});
