import { describe, expect, it } from 'vitest';
import { lintMetadata } from '../../src/metadata/lint/index.js';

// Issue 11 item 13: no-signing-cert said "no certificate that parses" for a KeyDescriptor holding only a ds:KeyName.
const NOW = new Date('2026-06-15T00:00:00Z');
const md = (keyInfo: string) => `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="https://idp.example/"><md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"><md:KeyDescriptor use="signing"><ds:KeyInfo>${keyInfo}</ds:KeyInfo></md:KeyDescriptor><md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://idp.example/sso"/></md:IDPSSODescriptor></md:EntityDescriptor>`;
const message = (xml: string) => lintMetadata(xml, { now: NOW }).findings.find((f) => f.ruleId === 'no-signing-cert')?.message;

describe('no-signing-cert says what the KeyDescriptor holds', () => {
  it('only a ds:KeyName', () => {
    expect(message(md('<ds:KeyName>adfs-signing-2026</ds:KeyName>'))).toBe('IDPSSODescriptor has no usable signing certificate: its signing KeyDescriptors carry only a ds:KeyName ("adfs-signing-2026"), no ds:X509Certificate: ask the partner for metadata with the certificate');
  });
  it('nothing at all in KeyInfo', () => {
    expect(message(md(''))).toBe('IDPSSODescriptor has no usable signing certificate: its signing KeyDescriptors carry no ds:X509Certificate');
  });
  it('a certificate that does not parse', () => {
    expect(message(md('<ds:X509Data><ds:X509Certificate>MIIBroken</ds:X509Certificate></ds:X509Data>'))).toBe('IDPSSODescriptor has no usable signing certificate: its signing KeyDescriptors carry no certificate that parses');
  });
});
