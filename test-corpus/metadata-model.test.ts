/**
 * The model-related expected outcomes of ../shared/corpus/README.md (metadata/).
 * Fails (never skips) when the corpus is missing: see corpus.ts.
 */
import { describe, expect, it } from 'vitest';
import { corpusFile } from '../test-corpus/corpus.js';
import { encryptionCertificates, parseMetadata, signingCertificates } from '../src/metadata/index.js';

const md = (name: string) => parseMetadata(corpusFile('metadata', name));

describe('corpus: metadata model', () => {
  it('centrify-tenant-idp.xml: tenant flavour, unsigned, one KeyDescriptor, 8 NameIDFormats, attribute Email Address', () => {
    const doc = md('centrify-tenant-idp.xml');
    const e = doc.entities[0]!;
    expect(e.entityId).toBe('https://aaz0103.my.centrify.com/ab0bfb4a-9d7d-47c9-9bd8-b33010fc6ade');
    expect(e.flavour.flavour).toBe('tenant');
    expect(doc.signature).toEqual({ status: 'unsigned' });
    const idp = e.idpSsoDescriptors[0]!;
    expect(idp.keyDescriptors).toHaveLength(1);
    // NOTE: the README says "without use"; the file's KeyDescriptor has use="signing".
    const cert = signingCertificates(idp)[0]!;
    expect(cert.sha1Thumbprint).toBe('8C8359061CC738624E4B4CC68A21817E7A2CB062');
    expect(cert.subject).toBe('CN=Centrify Customer AAZ0103 Application Signing Certificate');
    expect(cert.notAfter.toISOString()).toBe('2039-01-01T00:00:00.000Z');
    expect(cert.key).toEqual({ type: 'RSA', bits: 2048 });
    expect(idp.nameIdFormats).toHaveLength(8);
    expect(idp.attributes.map((a) => a.name)).toEqual(['Email Address']);
    expect(idp.singleSignOnServices.map((s) => s.binding)).toEqual(['urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST', 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect']);
    for (const s of idp.singleSignOnServices) expect(s.location).toMatch(/\/applogin\/appKey\/[0-9a-f-]{36}\/customerId\/AAZ0103$/);
  });

  it('centrify-legacy-idp.xml: tenant flavour, KeyDescriptor without use counts for both', () => {
    const e = md('centrify-legacy-idp.xml').entities[0]!;
    expect(e.flavour.flavour).toBe('tenant');
    const idp = e.idpSsoDescriptors[0]!;
    expect(idp.keyDescriptors.map((k) => k.use)).toEqual(['unspecified']);
    expect(signingCertificates(idp).map((c) => c.sha1Thumbprint)).toEqual(['30BEE0421CF8CF3F06CCB7039D09B59BEF41C25F']);
    expect(encryptionCertificates(idp).map((c) => c.sha1Thumbprint)).toEqual(['30BEE0421CF8CF3F06CCB7039D09B59BEF41C25F']);
  });

  it('adfs-v3-federationmetadata.xml: adfs, encryption key before signing key, signature valid with its own certificate', () => {
    const doc = md('adfs-v3-federationmetadata.xml');
    const e = doc.entities[0]!;
    expect(e.entityId).toBe('http://fs.msidlab2.com/adfs/services/trust');
    expect(e.flavour).toEqual({ flavour: 'adfs', reason: 'RoleDescriptor xsi:type=fed:SecurityTokenServiceType' });
    const idp = e.idpSsoDescriptors[0]!;
    const kds = idp.keyDescriptors.map((k) => [k.use, k.certificates.map((c) => (c.ok ? c.certificate.subject : c.error.code))]);
    expect(kds).toEqual([
      ['encryption', ['CN=ADFS Encryption - fs.msidlab2.com']],
      ['signing', ['CN=ADFS Signing - fs.msidlab2.com']],
    ]);
    expect(signingCertificates(idp).map((c) => c.sha1Thumbprint)).toEqual(['8C3B60F1C93FA3E52AFD41885E7B6C6C4A61C65A']);
    expect(doc.signature).toEqual({
      status: 'valid',
      trust: 'embedded-certificate',
      signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
      digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
      signerThumbprint: '8C3B60F1C93FA3E52AFD41885E7B6C6C4A61C65A',
      warnings: [],
    });
  });

  it('okta-idp.xml: generic, certificate with broken-up base64 parses, NameIDFormats trimmed', () => {
    const e = md('okta-idp.xml').entities[0]!;
    expect(e.entityId).toBe('http://www.okta.com/exkh52ytxrJeMH5140h7');
    expect(e.flavour.flavour).toBe('generic');
    const idp = e.idpSsoDescriptors[0]!;
    const c = signingCertificates(idp)[0]!;
    expect(c.sha1Thumbprint).toBe('4818A08BDDE07514B8ACF72C4CBEB135D3E16910');
    expect(c.notBefore.toISOString().slice(0, 10)).toBe('2018-11-01');
    expect(c.notAfter.toISOString().slice(0, 10)).toBe('2028-11-01');
    expect(idp.nameIdFormats).toEqual(['urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified', 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress']);
  });

  it('swamid-aggregate.xml: 175 entities', () => {
    const doc = md('swamid-aggregate.xml');
    expect(doc.root.kind).toBe('entities');
    expect(doc.entities).toHaveLength(175);
    expect(doc.entities[0]!.entityId).toBe('https://order.kib.ki.se/shibboleth');
    expect(doc.entities.every((e) => typeof e.entityId === 'string')).toBe(true);
  });

  it('swamid-aggregate.xml: rsa-sha1 signature valid with its embedded certificate + metadata-signature-weak-alg', () => {
    // Needs the verifier to accept this document's inclusive-c14n SignedInfo and Reference URI="".
    expect(md('swamid-aggregate.xml').signature).toMatchObject({
      status: 'valid',
      trust: 'embedded-certificate',
      signatureAlgorithm: 'http://www.w3.org/2000/09/xmldsig#rsa-sha1',
      warnings: ['metadata-signature-weak-alg'],
    });
  });
});
