import { describe, expect, it } from 'vitest';
import { detectFlavour, MetadataError, parseMetadata, signingCertificates, encryptionCertificates } from '../../src/metadata/index.js';
import { XmlError } from '../../src/xml/errors.js';
import { adfsMetadata, certBase64, genericMetadata, tenantMetadata, BINDING } from '../../scripts/fixtures/metadata-builders.js';
import { codeOf } from '../helpers/errors.js';

const MD = 'urn:oasis:names:tc:SAML:2.0:metadata';


describe('parseMetadata: root and XML errors', () => {
  it('refuses a root that is not metadata, naming expected and found QNames', () => {
    const xml = '<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_1"/>';
    let err: unknown;
    try {
      parseMetadata(xml);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(MetadataError);
    const m = err as MetadataError;
    expect(m.code).toBe('ERR_METADATA_ROOT');
    expect(m.message).toContain(`{${MD}}EntityDescriptor`);
    expect(m.message).toContain('{urn:oasis:names:tc:SAML:2.0:protocol}Response');
    expect(m.actual).toBe('{urn:oasis:names:tc:SAML:2.0:protocol}Response');
    expect(m.line).toBe(1);
  });

  it('refuses EntityDescriptor in the wrong namespace or no namespace', () => {
    expect(codeOf(() => parseMetadata('<EntityDescriptor entityID="x"/>'))).toBe('ERR_METADATA_ROOT');
    expect(codeOf(() => parseMetadata('<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:1.0:metadata" entityID="x"/>'))).toBe('ERR_METADATA_ROOT');
  });

  it('lets XmlError from parseXml through (DOCTYPE, malformed, empty, limits)', () => {
    expect(() => parseMetadata('<!DOCTYPE x><x/>')).toThrow(XmlError);
    expect(codeOf(() => parseMetadata('<!DOCTYPE x><x/>'))).toBe('ERR_XML_DOCTYPE');
    expect(codeOf(() => parseMetadata('<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata">'))).toBe('ERR_XML_MALFORMED');
    expect(codeOf(() => parseMetadata(''))).toBe('ERR_XML_EMPTY');
    expect(codeOf(() => parseMetadata(tenantMetadata(), { maxBytes: 100 }))).toBe('ERR_XML_TOO_LARGE');
    expect(codeOf(() => parseMetadata(tenantMetadata(), { maxDepth: 3 }))).toBe('ERR_XML_TOO_DEEP');
  });

  it('accepts bytes as well as strings', () => {
    const doc = parseMetadata(Buffer.from(tenantMetadata()));
    expect(doc.entities[0]!.entityId).toBe('https://partner.my.idaptive.app/5b1f9a7e-3c2d-4e8f-9a6b-0c1d2e3f4a5b');
  });
});

describe('parseMetadata: KeyDescriptor use', () => {
  it('use absent → unspecified (both); signing/encryption → one each; bad value → neither, kept in useAsWritten', () => {
    const extra = `<KeyDescriptor use="Signing"><KeyInfo xmlns="http://www.w3.org/2000/09/xmldsig#"><X509Data><X509Certificate>${certBase64('idp-signing-2')}</X509Certificate></X509Data></KeyInfo></KeyDescriptor>`;
    const xml = tenantMetadata({ encryptionCerts: ['idp-encryption'], extraRoleXml: extra });
    const idp = parseMetadata(xml).entities[0]!.idpSsoDescriptors[0]!;
    expect(idp.keyDescriptors.map((k) => [k.use, k.useAsWritten])).toEqual([
      ['unspecified', undefined],
      ['encryption', undefined],
      ['unspecified', 'Signing'],
    ]);
    expect(signingCertificates(idp).map((c) => c.subject)).toEqual(['CN=samlfed test IdP signing, OU=Identity, O=samlfed tests, L=Santa Clara, S=California, C=US']);
    expect(encryptionCertificates(idp).map((c) => c.subject)).toEqual([
      'CN=samlfed test IdP signing, OU=Identity, O=samlfed tests, L=Santa Clara, S=California, C=US',
      'CN=samlfed test IdP encryption, O=samlfed tests, C=US',
    ]);
  });

  it('reads base64 wrapped in whitespace, and KeyNames', () => {
    const xml = genericMetadata({ wrapCertificates: 64 });
    const kd = parseMetadata(xml).entities[0]!.idpSsoDescriptors[0]!.keyDescriptors[0]!;
    expect(kd.certificates[0]!.ok).toBe(true);
    expect(kd.certificates[0]!.base64).toBe(certBase64('idp-signing'));
    const named = parseMetadata(
      tenantMetadata({ omit: ['signingKey'], extraRoleXml: '<KeyDescriptor use="signing"><KeyInfo xmlns="http://www.w3.org/2000/09/xmldsig#"><KeyName> partner-2025 </KeyName></KeyInfo></KeyDescriptor>' }),
    ).entities[0]!.idpSsoDescriptors[0]!.keyDescriptors[0]!;
    expect(named.keyNames).toEqual(['partner-2025']);
    expect(named.certificates).toEqual([]);
  });

  it('an empty X509Certificate is an ok:false entry', () => {
    const idp = parseMetadata(tenantMetadata({ signingCerts: [{ base64: '  ' }] })).entities[0]!.idpSsoDescriptors[0]!;
    const entry = idp.keyDescriptors[0]!.certificates[0]!;
    expect(entry.ok).toBe(false);
    expect(entry.ok ? '' : entry.error.code).toBe('ERR_CERT_EMPTY');
  });
});

describe('parseMetadata: values as written', () => {
  it('validUntil/cacheDuration as written, protocolSupportEnumeration split, missing Binding/Location are empty strings', () => {
    const xml = tenantMetadata({
      validUntil: 'not-a-date',
      cacheDuration: 'P1D',
      protocolSupportEnumeration: ' urn:oasis:names:tc:SAML:2.0:protocol   urn:oasis:names:tc:SAML:1.1:protocol ',
      sso: [{ binding: BINDING.POST, location: 'https://x.example/sso' }],
      extraRoleXml: '<SingleSignOnService/>',
    });
    const e = parseMetadata(xml).entities[0]!;
    expect(e.validUntil).toBe('not-a-date');
    expect(e.cacheDuration).toBe('P1D');
    const idp = e.idpSsoDescriptors[0]!;
    expect(idp.protocolSupportEnumeration).toEqual(['urn:oasis:names:tc:SAML:2.0:protocol', 'urn:oasis:names:tc:SAML:1.1:protocol']);
    expect(idp.singleSignOnServices.map((s) => [s.binding, s.location])).toEqual([[BINDING.POST, 'https://x.example/sso'], ['', '']]);
  });

  it('comments never truncate text values', () => {
    const xml = tenantMetadata({ nameIdFormats: ['X'] }).replace('<NameIDFormat>X</NameIDFormat>', '<NameIDFormat>urn:oasis:names:tc:SAML:1.1:<!-- c -->nameid-format:emailAddress</NameIDFormat>');
    expect(parseMetadata(xml).entities[0]!.idpSsoDescriptors[0]!.nameIdFormats).toEqual(['urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress']);
  });
});

describe('detectFlavour', () => {
  const flavourOf = (xml: string) => parseMetadata(xml).entities[0]!.flavour;

  it('adfs by the STS RoleDescriptor, even with another prefix for the fed namespace', () => {
    const xml = adfsMetadata({ unsigned: true, entityId: 'https://sts.partner.example/' }).replace(/xmlns:fed=/g, 'xmlns:wsf=').replace(/"fed:/g, '"wsf:').replace(/<(\/?)fed:/g, '<$1wsf:');
    expect(flavourOf(xml)).toEqual({ flavour: 'adfs', reason: 'RoleDescriptor xsi:type=wsf:SecurityTokenServiceType' });
  });

  it('a SecurityTokenServiceType in another namespace is not AD FS', () => {
    const xml = adfsMetadata({ unsigned: true, entityId: 'https://sts.partner.example/' }).replace(/xmlns:fed="http:\/\/docs.oasis-open.org\/wsfed\/federation\/200706"/g, 'xmlns:fed="urn:example:other"');
    expect(flavourOf(xml).flavour).toBe('generic');
  });

  it('adfs by entityID suffix alone', () => {
    expect(flavourOf(adfsMetadata({ unsigned: true, omit: ['wsfedRoles'] }))).toEqual({ flavour: 'adfs', reason: 'entityID ends with /adfs/services/trust' });
  });

  it('tenant by entityID GUID alone, by SSO location alone (applogin or run?appkey, any case)', () => {
    expect(flavourOf(tenantMetadata({ sso: [{ binding: BINDING.POST, location: 'https://partner.example/sso' }] }))).toEqual({ flavour: 'tenant', reason: 'entityID is https://<host>/<app key GUID>' });
    const byLoc = flavourOf(tenantMetadata({ entityId: 'https://partner.example/saml', sso: [{ binding: BINDING.POST, location: 'https://t.example/APPLOGIN/APPKEY/abc/customerId/X' }] }));
    expect(byLoc.flavour).toBe('tenant');
    expect(byLoc.reason).toContain('SSO location https://t.example/APPLOGIN/APPKEY/abc/customerId/X');
    expect(flavourOf(tenantMetadata({ entityId: 'https://partner.example/saml', sso: [{ binding: BINDING.POST, location: 'https://t.example/run?appkey=abc&customerId=X' }] })).flavour).toBe('tenant');
  });

  it('generic for Azure AD-style https://sts.windows.net/<guid>/ and for no entityID', () => {
    expect(flavourOf(genericMetadata({ entityId: 'https://sts.windows.net/5b1f9a7e-3c2d-4e8f-9a6b-0c1d2e3f4a5b/' })).flavour).toBe('generic');
    expect(detectFlavour({ entityId: undefined, otherRoles: [], idpSsoDescriptors: [] }).flavour).toBe('generic');
  });

  it('works on a hand-built model without otherRoleDescriptors', () => {
    expect(detectFlavour({ entityId: 'x', otherRoles: ['RoleDescriptor[fed:SecurityTokenServiceType]'], idpSsoDescriptors: [] }).flavour).toBe('adfs');
  });
});
