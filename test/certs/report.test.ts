import { describe, expect, it } from 'vitest';
import { KeyObject, createPublicKey, sign, verify } from 'node:crypto';
import { readCertificate, describeCertificate, describeKey, certificateFromDer } from '../../src/certs/index.js';
import { key } from './helpers.js';

const NOW = new Date('2026-06-15T00:00:00Z');

describe('report fields: idp-signing (RSA 2048, sha256, full DN)', () => {
  const cert = readCertificate(key('idp-signing.crt.der'));
  it('subject and issuer in the tenant style, most specific first', () => {
    expect(cert.subject).toBe('CN=samlfed test IdP signing, OU=Identity, O=samlfed tests, L=Santa Clara, S=California, C=US');
    expect(cert.issuer).toBe(cert.subject);
  });
  it('serial, dates, thumbprints, key, signature algorithm, self-signed', () => {
    expect(cert.serialNumber).toBe('0A01');
    expect(cert.notBefore.toISOString()).toBe('2024-01-01T00:00:00.000Z');
    expect(cert.notAfter.toISOString()).toBe('2045-01-01T00:00:00.000Z');
    expect(cert.sha1Thumbprint).toBe('2F4EF7D8BFC934A977578DEBCC3862C13691A1F1');
    expect(cert.sha256Thumbprint).toMatch(/^[0-9A-F]{64}$/);
    expect(cert.key).toEqual({ type: 'RSA', bits: 2048 });
    expect(cert.signatureAlgorithm).toBe('sha256WithRSAEncryption');
    expect(cert.signatureHash).toBe('sha256');
    expect(cert.version).toBe(3);
    expect(cert.selfSigned).toBe(true);
    expect(Buffer.from(cert.der).equals(key('idp-signing.crt.der'))).toBe(true);
  });
  it('publicKey is a KeyObject that verifies what the private key signed, and is kept', () => {
    const pk = cert.publicKey;
    expect(pk).toBeInstanceOf(KeyObject);
    expect(pk.type).toBe('public');
    expect(pk.asymmetricKeyDetails?.modulusLength).toBe(2048);
    const sig = sign('sha256', Buffer.from('hello'), key('idp-signing.key.pem'));
    expect(verify('sha256', Buffer.from('hello'), pk, sig)).toBe(true);
    expect(cert.publicKey).toBe(pk);
  });
  it('describeCertificate: display dates, days left, flags', () => {
    const r = describeCertificate(cert, NOW);
    expect(r).toMatchObject({
      subject: cert.subject,
      notBefore: '2024-01-01T00:00:00Z',
      notAfter: '2045-01-01T00:00:00Z',
      notBeforeDisplay: '1/1/2024 12:00:00 AM',
      notAfterDisplay: '1/1/2045 12:00:00 AM',
      daysLeft: 6775,
      expired: false,
      notYetValid: false,
      keyDescription: 'RSA 2048 bits',
      selfSigned: true,
    });
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
    expect(describeCertificate(cert, { now: NOW })).toEqual(r);
    expect(() => describeCertificate(cert, new Date('nope'))).toThrow(TypeError);
  });
  it('the Certificate is frozen', () => {
    expect(Object.isFrozen(cert)).toBe(true);
    expect(Object.isFrozen(cert.notAfter)).toBe(true);
  });
});

describe('report fields: other test certificates', () => {
  it('RSA-1024', () => {
    const c = readCertificate(key('weak-rsa-1024.crt.pem'));
    expect(c.key).toEqual({ type: 'RSA', bits: 1024 });
    expect(c.subject).toBe('CN=samlfed test weak 1024, O=samlfed tests, C=US');
    expect(c.serialNumber).toBe('0A06');
  });
  it('sha1-signed', () => {
    const c = readCertificate(key('sha1-signed.crt.pem'));
    expect(c.signatureAlgorithm).toBe('sha1WithRSAEncryption');
    expect(c.signatureHash).toBe('sha1');
    expect(c.selfSigned).toBe(true);
  });
  it('EC P-256', () => {
    const c = readCertificate(key('ec-p256.crt.der'));
    expect(c.key).toEqual({ type: 'EC', curve: 'P-256', bits: 256 });
    expect(c.signatureAlgorithm).toBe('ecdsa-with-SHA256');
    expect(c.selfSigned).toBe(true);
    expect(c.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(describeKey(c.key)).toBe('EC P-256 (256 bits)');
  });
  it('EC P-384', () => {
    const c = readCertificate(key('ec-p384.crt.der'));
    expect(c.key).toEqual({ type: 'EC', curve: 'P-384', bits: 384 });
    expect(c.signatureAlgorithm).toBe('ecdsa-with-SHA384');
    expect(c.selfSigned).toBe(true);
  });
  it('metadata-signing is RSA 3072', () => {
    expect(readCertificate(key('metadata-signing.crt.pem')).key).toEqual({ type: 'RSA', bits: 3072 });
  });
  it('expired and not-yet-valid', () => {
    const expired = describeCertificate(readCertificate(key('expired.crt.pem')), NOW);
    expect(expired).toMatchObject({ expired: true, notYetValid: false, notAfterDisplay: '1/1/2016 12:00:00 AM' });
    expect(expired.daysLeft).toBe(-3818);
    const future = describeCertificate(readCertificate(key('not-yet-valid.crt.pem')), NOW);
    expect(future).toMatchObject({ expired: false, notYetValid: true, notBeforeDisplay: '1/1/2090 12:00:00 AM' });
  });
  it('expiring: 16 days left on 2026-06-15; 0 on its last day; expired one second after', () => {
    const c = readCertificate(key('expiring.crt.pem'));
    expect(describeCertificate(c, NOW).daysLeft).toBe(16);
    expect(describeCertificate(c, new Date('2026-06-30T12:00:00Z')).daysLeft).toBe(0);
    expect(describeCertificate(c, new Date('2026-07-01T00:00:00Z')).expired).toBe(false); // validity is inclusive
    expect(describeCertificate(c, new Date('2026-07-01T00:00:01Z')).expired).toBe(true);
  });
  it('subject equal to issuer but a broken signature is not self-signed', () => {
    const der = Buffer.from(key('weak-rsa-1024.crt.der'));
    der[der.length - 5] = der[der.length - 5]! ^ 0xff; // inside the signature value
    const c = certificateFromDer(der);
    expect(c.subject).toBe(c.issuer);
    expect(c.selfSigned).toBe(false);
  });
  it('a key the certificate names but node cannot load: ERR_CERT_KEY on publicKey only', () => {
    // Same certificate with the SPKI curve OID changed to an unknown arc: parsing still works (lint needs no key).
    const der = Buffer.from(key('ec-p256.crt.der'));
    const curve = Buffer.from('06082a8648ce3d030107', 'hex');
    const at = der.indexOf(curve);
    expect(at).toBeGreaterThan(0);
    der[at + 9] = 0x7f;
    const c = certificateFromDer(der);
    expect(c.key.type).toBe('EC');
    expect(() => c.publicKey).toThrow(expect.objectContaining({ code: 'ERR_CERT_KEY' }));
    expect(c.selfSigned).toBe(false);
  });
  it('publicKey equals createPublicKey of the PEM', () => {
    const c = readCertificate(key('idp-signing.crt.pem'));
    const viaNode = createPublicKey(key('idp-signing.crt.pem'));
    expect(c.publicKey.export({ type: 'spki', format: 'der' }).equals(viaNode.export({ type: 'spki', format: 'der' }))).toBe(true);
  });
});
