import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { encryptionCertificates, parseMetadata, signingCertificates, keyDescriptorsFor } from '../../src/metadata/index.js';
import type { EntitiesDescriptor, EntityDescriptor, IdpSsoDescriptor } from '../../src/metadata/index.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/metadata/${name}`, import.meta.url));

const SHA1 = {
  idpSigning: '2F4EF7D8BFC934A977578DEBCC3862C13691A1F1',
  idpEncryption: '0400A7D5E9256C9BC13833B041C18EC163B805B4',
  spEncryption: '8426BF0A5A56B08EDFD4A67159DBF51706591F6C',
};
const POST = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';
const REDIRECT = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';
const TENANT_SSO = 'https://partner.my.idaptive.app/applogin/appKey/5b1f9a7e-3c2d-4e8f-9a6b-0c1d2e3f4a5b/customerId/ABC1234';

function thumbs(idp: IdpSsoDescriptor): Array<[string, string[]]> {
  return idp.keyDescriptors.map((k) => [k.use, k.certificates.map((c) => (c.ok ? c.certificate.sha1Thumbprint : `error:${c.error.code}`))]);
}

describe('model: adfs.signed.xml', () => {
  const doc = parseMetadata(fixture('adfs.signed.xml'));
  const e = doc.entities[0]!;
  const idp = e.idpSsoDescriptors[0]!;

  it('reads the root EntityDescriptor', () => {
    expect(doc.root.kind).toBe('entity');
    expect(doc.entities).toHaveLength(1);
    expect(doc.root).toBe(e);
    expect(e.entityId).toBe('http://adfs.partner.example/adfs/services/trust');
    expect(e.id).toBe('_3f9c2a1e-8b7d-4c6e-9f0a-adf5adf5adf5');
    expect(e.signed).toBe(true);
    expect(e.line).toBe(1);
    expect(e.column).toBeGreaterThan(1);
    expect(e.validUntil).toBeUndefined();
  });

  it('keeps the WS-Fed RoleDescriptors with their resolved xsi:type', () => {
    expect(e.otherRoles).toEqual(['RoleDescriptor[fed:ApplicationServiceType]', 'RoleDescriptor[fed:SecurityTokenServiceType]']);
    expect(e.otherRoleDescriptors?.map((r) => [r.xsiTypeNamespace, r.xsiTypeLocalName])).toEqual([
      ['http://docs.oasis-open.org/wsfed/federation/200706', 'ApplicationServiceType'],
      ['http://docs.oasis-open.org/wsfed/federation/200706', 'SecurityTokenServiceType'],
    ]);
    expect(e.flavour).toEqual({ flavour: 'adfs', reason: 'RoleDescriptor xsi:type=fed:SecurityTokenServiceType' });
  });

  it('lists the encryption key before the signing key, as AD FS does', () => {
    expect(thumbs(idp)).toEqual([
      ['encryption', [SHA1.idpEncryption]],
      ['signing', [SHA1.idpSigning]],
    ]);
    expect(signingCertificates(idp).map((c) => c.sha1Thumbprint)).toEqual([SHA1.idpSigning]);
    expect(encryptionCertificates(idp).map((c) => c.sha1Thumbprint)).toEqual([SHA1.idpEncryption]);
  });

  it('reads endpoints, NameIDFormats and claim attributes', () => {
    expect(idp.protocolSupportEnumeration).toEqual(['urn:oasis:names:tc:SAML:2.0:protocol']);
    expect(idp.singleSignOnServices.map((s) => [s.binding, s.location])).toEqual([
      [REDIRECT, 'https://adfs.partner.example/adfs/ls/'],
      [POST, 'https://adfs.partner.example/adfs/ls/'],
    ]);
    expect(idp.singleLogoutServices).toHaveLength(2);
    expect(idp.nameIdFormats).toEqual([
      'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
      'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
      'urn:oasis:names:tc:SAML:2.0:nameid-format:transient',
    ]);
    expect(idp.attributes.map((a) => [a.name, a.friendlyName])).toEqual([
      ['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress', 'E-Mail Address'],
      ['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn', 'UPN'],
      ['http://schemas.xmlsoap.org/claims/Group', 'Group'],
      ['http://schemas.microsoft.com/ws/2008/06/identity/claims/role', 'Role'],
    ]);
    expect(idp.attributes[0]!.nameFormat).toBe('urn:oasis:names:tc:SAML:2.0:attrname-format:uri');
    expect(idp.attributes[0]!.values).toEqual([]);
  });

  it('reads the SPSSODescriptor AD FS publishes too', () => {
    const sp = e.spSsoDescriptors[0]!;
    expect(sp.kind).toBe('sp');
    expect(sp.wantAssertionsSigned).toBe(true);
    expect(sp.assertionConsumerServices.map((a) => [a.index, a.isDefault])).toEqual([[0, true], [1, undefined], [2, undefined]]);
    expect(e.contacts.map((c) => c.contactType)).toEqual(['support']);
  });
});

describe('model: tenant.unsigned.xml', () => {
  const doc = parseMetadata(fixture('tenant.unsigned.xml'));
  const e = doc.entities[0]!;
  const idp = e.idpSsoDescriptors[0]!;

  it('reads the tenant IdP', () => {
    expect(e.entityId).toBe('https://partner.my.idaptive.app/5b1f9a7e-3c2d-4e8f-9a6b-0c1d2e3f4a5b');
    expect(e.signed).toBe(false);
    expect(doc.signature).toEqual({ status: 'unsigned' });
    expect(e.flavour.flavour).toBe('tenant');
    expect(e.flavour.reason).toContain('app key GUID');
    expect(e.flavour.reason).toContain('/applogin/appKey/');
    expect(idp.singleSignOnServices.map((s) => [s.binding, s.location])).toEqual([[POST, TENANT_SSO], [REDIRECT, TENANT_SSO]]);
    expect(idp.singleLogoutServices.map((s) => s.location)).toEqual(['https://partner.my.idaptive.app/applogout/appkey/5b1f9a7e-3c2d-4e8f-9a6b-0c1d2e3f4a5b/customerid/ABC1234']);
    expect(idp.nameIdFormats).toHaveLength(8);
    expect(idp.attributes).toEqual([expect.objectContaining({ name: 'Email Address', nameFormat: 'urn:oasis:names:tc:SAML:2.0:attrname-format:basic', values: [] })]);
  });

  it('a KeyDescriptor without use is unspecified and counts for signing AND encryption', () => {
    expect(idp.keyDescriptors).toHaveLength(1);
    expect(idp.keyDescriptors[0]!.use).toBe('unspecified');
    expect(idp.keyDescriptors[0]!.useAsWritten).toBeUndefined();
    expect(signingCertificates(idp).map((c) => c.sha1Thumbprint)).toEqual([SHA1.idpSigning]);
    expect(encryptionCertificates(idp).map((c) => c.sha1Thumbprint)).toEqual([SHA1.idpSigning]);
    expect(keyDescriptorsFor(idp, 'signing')).toEqual(keyDescriptorsFor(idp, 'encryption'));
  });
});

describe('model: generic.unsigned.xml', () => {
  const e = parseMetadata(fixture('generic.unsigned.xml')).entities[0]!;
  const idp = e.idpSsoDescriptors[0]!;

  it('trims NameIDFormat text and reads Organization, ContactPerson, attribute values', () => {
    expect(e.flavour).toEqual({ flavour: 'generic', reason: 'no AD FS or tenant markers' });
    expect(idp.wantAuthnRequestsSigned).toBe(false);
    expect(idp.nameIdFormats).toEqual(['urn:oasis:names:tc:SAML:2.0:nameid-format:persistent', 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient']);
    expect(idp.attributes[1]).toMatchObject({ name: 'urn:oid:1.3.6.1.4.1.5923.1.1.1.1', friendlyName: 'eduPersonAffiliation', values: ['member', 'staff'] });
    expect(e.organization).toMatchObject({ names: ['Generic Example'], displayNames: ['Generic Example IdP'], urls: ['https://www.generic.example/'] });
    expect(e.contacts).toEqual([
      expect.objectContaining({ contactType: 'technical', company: 'Generic Example', givenName: 'Ada', surName: 'Admin', emailAddresses: ['mailto:idp-admin@generic.example'], telephoneNumbers: ['+1 555 0100'] }),
    ]);
    expect(idp.line).toBe(2);
    expect(e.organization!.line).toBe(7);
  });
});

describe('model: aggregate.three-entities.xml', () => {
  const doc = parseMetadata(fixture('aggregate.three-entities.xml'));

  it('flattens nested EntitiesDescriptors in document order', () => {
    const root = doc.root as EntitiesDescriptor;
    expect(root.kind).toBe('entities');
    expect(root.name).toBe('https://federation.example/metadata');
    expect(root.id).toBe('_aggregate-0001');
    expect(root.validUntil).toBe('2045-01-01T00:00:00Z');
    expect(root.cacheDuration).toBe('PT6H');
    expect(root.signed).toBe(true);
    expect(root.children.map((c) => c.kind)).toEqual(['entity', 'entities', 'entity']);
    const inner = root.children[1] as EntitiesDescriptor;
    expect(inner.name).toBe('https://federation.example/tenants');
    expect(inner.signed).toBe(false);
    expect(doc.entities.map((e) => [e.entityId, e.flavour.flavour])).toEqual([
      ['http://adfs.partner.example/adfs/services/trust', 'adfs'],
      ['https://partner.my.idaptive.app/5b1f9a7e-3c2d-4e8f-9a6b-0c1d2e3f4a5b', 'tenant'],
      ['https://sp.generic.example/shibboleth', 'generic'],
    ]);
    expect(doc.entities[1]).toBe(inner.children[0]);
    const sp = doc.entities[2]!.spSsoDescriptors[0]!;
    expect(sp.authnRequestsSigned).toBe(true);
    expect(thumbs(sp as unknown as IdpSsoDescriptor)).toEqual([['signing', [SHA1.spEncryption]], ['encryption', [SHA1.spEncryption]]]);
    // every entity has a distinct source line
    expect(new Set(doc.entities.map((e) => e.line)).size).toBe(3);
  });
});

describe('model: tolerant of broken documents', () => {
  it('keeps an unparsable certificate as ok:false with the certs error code', () => {
    const idp = parseMetadata(fixture('tenant.bad-certificate.xml')).entities[0]!.idpSsoDescriptors[0]!;
    const entry = idp.keyDescriptors[0]!.certificates[0]!;
    expect(entry.ok).toBe(false);
    if (entry.ok) throw new Error('unreachable');
    expect(entry.error.code).toBe('ERR_CERT_BASE64');
    expect(entry.base64).toBe('MIIBroken!!notbase64');
    expect(signingCertificates(idp)).toEqual([]);
  });

  it('missing entityID is undefined; unknown bindings are kept as written', () => {
    const e: EntityDescriptor = parseMetadata(fixture('generic.missing-entityid.xml')).entities[0]!;
    expect(e.entityId).toBeUndefined();
    expect(e.idpSsoDescriptors[0]!.singleSignOnServices).toEqual([expect.objectContaining({ binding: 'urn:example:bindings:custom', location: 'https://idp.generic.example/custom' })]);
  });
});
