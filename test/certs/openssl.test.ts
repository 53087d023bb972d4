/** Every certificate in test/keys against `openssl x509` (the reference for thumbprints, DNs, serials, dates, key sizes). */
import { describe, expect, it } from 'vitest';
import { readCertificate } from '../../src/certs/index.js';
import { certNames, key, openssl } from './helpers.js';

/** Ours -> openssl RFC 2253 (comma, no space; ST and emailAddress) for the plain DNs of the test keys. */
const toRfc2253 = (dn: string) => dn.split(', ').map((p) => p.replace(/^S=/, 'ST=').replace(/^E=/, 'emailAddress=')).join(',');
const opensslDate = (s: string) => new Date(s.trim()).toISOString();

describe.each(certNames())('%s matches openssl', (name) => {
  const file = `${name}.crt.pem`;
  const cert = readCertificate(key(file));
  const path = new URL(`../keys/${file}`, import.meta.url).pathname;
  // Two openssl runs per certificate: SHA-1 fingerprint; everything else with the SHA-256 one.
  const sha1Out = openssl(['x509', '-in', path, '-noout', '-fingerprint', '-sha1']);
  const out = openssl(['x509', '-in', path, '-noout', '-fingerprint', '-sha256', '-subject', '-issuer', '-nameopt', 'RFC2253', '-serial', '-dates', '-text']);
  const field = (k: string, text = out) => new RegExp(`^${k}=(.*)$`, 'm').exec(text)![1]!;
  it('SHA-1 and SHA-256 thumbprints equal openssl -fingerprint (colons stripped)', () => {
    expect(cert.sha1Thumbprint).toBe(field('sha1 Fingerprint', sha1Out).replace(/:/g, ''));
    expect(cert.sha256Thumbprint).toBe(field('sha256 Fingerprint').replace(/:/g, ''));
  });
  it('subject, issuer, serial, dates, key size and signature algorithm equal openssl', () => {
    expect(toRfc2253(cert.subject)).toBe(field('subject'));
    expect(toRfc2253(cert.issuer)).toBe(field('issuer'));
    expect(cert.serialNumber).toBe(field('serial'));
    expect(cert.notBefore.toISOString()).toBe(opensslDate(field('notBefore')));
    expect(cert.notAfter.toISOString()).toBe(opensslDate(field('notAfter')));
    expect(out).toContain(`Public-Key: (${cert.key.bits} bit)`);
    expect(out).toContain(`Signature Algorithm: ${cert.signatureAlgorithm}`);
  });
});

it('covers every test certificate (13)', () => {
  expect(certNames()).toHaveLength(13);
});
