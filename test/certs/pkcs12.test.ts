import { beforeAll, describe, expect, it } from 'vitest';
import { KeyObject, createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCertificates, readPkcs12, readCertificate } from '../../src/certs/index.js';
import { KEYS, codeOf, key, openssl, tmp } from './helpers.js';

const pfx = key('idp-signing.pfx');

describe('PKCS#12: test/keys/idp-signing.pfx (3DES, SHA-1 MAC, as AD FS exports)', () => {
  it('right password: the certificate, and that a private key is present', () => {
    const p = readPkcs12(pfx, { password: 'test-password' });
    expect(p.certificates).toHaveLength(1);
    expect(p.hasPrivateKey).toBe(true);
    expect(p.privateKey).toBeUndefined();
    expect(p.certificates[0]!.key).toEqual({ type: 'RSA', bits: 2048 });
  });
  it('the certificate bytes are exactly what openssl extracts (thumbprints equal)', () => {
    const pem = openssl(['pkcs12', '-in', join(KEYS, 'idp-signing.pfx'), '-passin', 'pass:test-password', '-nokeys']);
    const sha1 = openssl(['x509', '-noout', '-fingerprint', '-sha1'], pem).trim().split('=')[1]!.replace(/:/g, '');
    expect(readPkcs12(pfx, { password: 'test-password' }).certificates[0]!.sha1Thumbprint).toBe(sha1);
  });
  it('includePrivateKey: a private KeyObject matching the certificate', () => {
    const p = readPkcs12(pfx, { password: 'test-password', includePrivateKey: true });
    expect(p.privateKey).toBeInstanceOf(KeyObject);
    expect(p.privateKey!.type).toBe('private');
    const fromPfx = createPublicKey(p.privateKey!).export({ type: 'spki', format: 'der' });
    expect(fromPfx.equals(p.certificates[0]!.publicKey.export({ type: 'spki', format: 'der' }))).toBe(true);
    expect(fromPfx.equals(createPublicKey(key('idp-signing.key.pem')).export({ type: 'spki', format: 'der' }))).toBe(true);
  });
  it('readCertificate(s) auto-detects it and takes the password option', () => {
    expect(readCertificates(pfx, { password: 'test-password' })).toHaveLength(1);
    expect(readCertificate(pfx, { password: 'test-password' }).key.type).toBe('RSA');
    expect(readCertificate(pfx.toString('base64'), { password: 'test-password' }).key.type).toBe('RSA');
  });
  it('wrong password: ERR_CERT_PKCS12_PASSWORD', () => {
    expect(codeOf(() => readPkcs12(pfx, { password: 'wrong' }))).toBe('ERR_CERT_PKCS12_PASSWORD');
    expect(codeOf(() => readCertificate(pfx, { password: 'wrong' }))).toBe('ERR_CERT_PKCS12_PASSWORD');
  });
  it('no password: ERR_CERT_PKCS12_PASSWORD saying none was given', () => {
    try {
      readCertificate(pfx);
      expect.unreachable();
    } catch (e) {
      expect((e as { code: string }).code).toBe('ERR_CERT_PKCS12_PASSWORD');
      expect((e as Error).message).toMatch(/no password/);
    }
  });
  it('corrupt or truncated: ERR_CERT_PKCS12', () => {
    const bad = Buffer.from(pfx);
    bad[bad.length - 30] = bad[bad.length - 30]! ^ 0xff;
    expect(codeOf(() => readPkcs12(bad, { password: 'test-password' }))).toMatch(/^ERR_CERT_PKCS12(_PASSWORD)?$/);
    expect(codeOf(() => readPkcs12(pfx.subarray(0, 500), { password: 'test-password' }))).toBe('ERR_CERT_PKCS12');
    expect(codeOf(() => readPkcs12(key('idp-signing.crt.der'), { password: 'x' }))).toBe('ERR_CERT_PKCS12');
  });
});

describe('PKCS#12 written by OpenSSL 3', () => {
  let dir = '';
  beforeAll(() => {
    dir = tmp();
    // Default OpenSSL 3: PBES2/AES-256-CBC, HMAC-SHA256 MAC; EC key, with an extra (chain) certificate listed first.
    openssl(['pkcs12', '-export', '-inkey', join(KEYS, 'ec-p256.key.pem'), '-in', join(KEYS, 'ec-p256.crt.pem'), '-certfile', join(KEYS, 'idp-signing.crt.pem'), '-passout', 'pass:modern', '-out', join(dir, 'modern.pfx')]);
    openssl(['pkcs12', '-export', '-inkey', join(KEYS, 'idp-signing.key.pem'), '-in', join(KEYS, 'idp-signing.crt.pem'), '-passout', 'pass:', '-out', join(dir, 'empty-password.pfx')]);
    openssl(['pkcs12', '-export', '-nokeys', '-in', join(KEYS, 'idp-signing.crt.pem'), '-passout', 'pass:x', '-out', join(dir, 'cert-only.pfx')]);
  });
  it('AES/SHA-256 PKCS#12 with an EC key: leaf (matching the key) first, chain after, thumbprints as the PEMs', () => {
    const p = readPkcs12(readFileSync(join(dir, 'modern.pfx')), { password: 'modern', includePrivateKey: true });
    expect(p.certificates.map((c) => c.sha1Thumbprint)).toEqual([
      readCertificate(key('ec-p256.crt.pem')).sha1Thumbprint,
      readCertificate(key('idp-signing.crt.pem')).sha1Thumbprint,
    ]);
    expect(p.privateKey?.asymmetricKeyType).toBe('ec');
    expect(codeOf(() => readPkcs12(readFileSync(join(dir, 'modern.pfx')), { password: 'nope' }))).toBe('ERR_CERT_PKCS12_PASSWORD');
  });
  it('empty password: read without one', () => {
    expect(readPkcs12(readFileSync(join(dir, 'empty-password.pfx'))).certificates[0]!.sha1Thumbprint).toBe('2F4EF7D8BFC934A977578DEBCC3862C13691A1F1');
  });
  it('certificate only: hasPrivateKey false', () => {
    const p = readPkcs12(readFileSync(join(dir, 'cert-only.pfx')), { password: 'x', includePrivateKey: true });
    expect(p.hasPrivateKey).toBe(false);
    expect(p.privateKey).toBeUndefined();
    expect(p.certificates).toHaveLength(1);
  });
});
