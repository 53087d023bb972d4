import { describe, expect, it } from 'vitest';
import { formatTenantDate, normalizeThumbprint, readCertificate, certificateFromDer, certificateFromBase64, clearCertificateCache, certificateCacheStats, setCertificateCacheSize, DEFAULT_CERTIFICATE_CACHE_SIZE, thumbprintsOf } from '../../src/certs/index.js';
import { codeOf, key } from './helpers.js';

describe('formatTenantDate (UTC, M/D/YYYY h:mm:ss AM|PM)', () => {
  it.each([
    ['2039-01-01T00:00:00Z', '1/1/2039 12:00:00 AM'],
    ['2039-01-01T12:00:00Z', '1/1/2039 12:00:00 PM'],
    ['2026-11-23T13:05:09Z', '11/23/2026 1:05:09 PM'],
    ['2026-07-04T23:59:59Z', '7/4/2026 11:59:59 PM'],
    ['2026-07-04T00:00:01Z', '7/4/2026 12:00:01 AM'],
    ['2026-12-31T11:59:59Z', '12/31/2026 11:59:59 AM'],
    ['2026-03-09T01:02:03+02:00', '3/8/2026 11:02:03 PM'],
  ])('%s -> %s', (iso, want) => {
    expect(formatTenantDate(new Date(iso))).toBe(want);
  });
  it('refuses an invalid Date', () => {
    expect(() => formatTenantDate(new Date('x'))).toThrow(TypeError);
  });
});

describe('normalizeThumbprint', () => {
  const sha1 = '2F4EF7D8BFC934A977578DEBCC3862C13691A1F1';
  it('strips colons and spaces, upper-cases', () => {
    expect(normalizeThumbprint('2f:4e:f7:d8:bf:c9:34:a9:77:57:8d:eb:cc:38:62:c1:36:91:a1:f1')).toBe(sha1);
    expect(normalizeThumbprint('2f 4e f7 d8 bf c9 34 a9 77 57 8d eb cc 38 62 c1 36 91 a1 f1')).toBe(sha1);
    expect(normalizeThumbprint(`\u200e${sha1.toLowerCase()}\n`)).toBe(sha1);
    expect(normalizeThumbprint('a'.repeat(64))).toBe('A'.repeat(64));
  });
  it('ERR_CERT_THUMBPRINT for wrong length or non-hex', () => {
    expect(codeOf(() => normalizeThumbprint(sha1.slice(1)))).toBe('ERR_CERT_THUMBPRINT');
    expect(codeOf(() => normalizeThumbprint(`${sha1}00`))).toBe('ERR_CERT_THUMBPRINT');
    expect(codeOf(() => normalizeThumbprint(`${sha1.slice(1)}G`))).toBe('ERR_CERT_THUMBPRINT');
    expect(codeOf(() => normalizeThumbprint(''))).toBe('ERR_CERT_THUMBPRINT');
    expect(() => normalizeThumbprint(5 as unknown as string)).toThrow(TypeError);
  });
  it('thumbprintsOf hashes DER without parsing', () => {
    expect(thumbprintsOf(key('idp-signing.crt.der')).sha1).toBe(sha1);
  });
});

describe('certificate cache (by DER SHA-256, bounded LRU)', () => {
  it('the same DER in any form returns the same object; publicKey is computed once', () => {
    clearCertificateCache();
    const a = readCertificate(key('idp-signing.crt.pem'));
    const b = certificateFromDer(key('idp-signing.crt.der'));
    const c = certificateFromBase64(key('idp-signing.crt.der').toString('base64'));
    expect(b).toBe(a);
    expect(c).toBe(a);
    expect(b.publicKey).toBe(a.publicKey);
    expect(certificateCacheStats()).toMatchObject({ size: 1, hits: 2, misses: 1, capacity: DEFAULT_CERTIFICATE_CACHE_SIZE });
  });
  it('keeps its own copy of the bytes: changing the caller buffer does not change the certificate', () => {
    clearCertificateCache();
    const buf = Buffer.from(key('sha1-signed.crt.der'));
    const cert = certificateFromDer(buf);
    buf.fill(0);
    expect(Buffer.from(cert.der).equals(key('sha1-signed.crt.der'))).toBe(true);
  });
  it('evicts the least recently used entry beyond capacity; 0 disables', () => {
    clearCertificateCache();
    setCertificateCacheSize(2);
    try {
      const a = readCertificate(key('idp-signing.crt.der'));
      readCertificate(key('ec-p256.crt.der'));
      expect(readCertificate(key('idp-signing.crt.der'))).toBe(a); // a is now most recent
      readCertificate(key('ec-p384.crt.der')); // evicts ec-p256
      expect(certificateCacheStats().size).toBe(2);
      expect(readCertificate(key('idp-signing.crt.der'))).toBe(a);
      const before = certificateCacheStats().misses;
      readCertificate(key('ec-p256.crt.der'));
      expect(certificateCacheStats().misses).toBe(before + 1);
      setCertificateCacheSize(0);
      expect(certificateCacheStats().size).toBe(0);
      expect(readCertificate(key('idp-signing.crt.der'))).not.toBe(readCertificate(key('idp-signing.crt.der')));
      expect(() => setCertificateCacheSize(-1)).toThrow(TypeError);
    } finally {
      setCertificateCacheSize(DEFAULT_CERTIFICATE_CACHE_SIZE);
    }
  });
});

describe('certificate cache', () => {
  it('parses each distinct certificate once across 2,000 reads', () => {
    clearCertificateCache();
    const ders = ['idp-signing', 'ec-p256', 'ec-p384', 'weak-rsa-1024', 'sha1-signed', 'expired'].map((n) => key(`${n}.crt.der`));
    for (let i = 0; i < 2000; i++) certificateFromDer(ders[i % ders.length]!);
    expect(certificateCacheStats().misses).toBe(ders.length);
    expect(certificateCacheStats().hits).toBe(2000 - ders.length);
  });
});
