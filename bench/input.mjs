// Builds the benchmark input: deterministic for a given instant `now` (the parent picks one for the
// whole run, rounded to the minute, and passes it to every contender).
// (RSA-SHA256, exclusive c14n), 11 attributes, times around the real clock so that
// every verifier (peers use the wall clock) accepts it. Same input for everyone.
import { readFileSync } from 'node:fs';
import { SignedXml } from 'xml-crypto';

const keys = new URL('../test/keys/', import.meta.url);
export const privateKeyPem = readFileSync(new URL('idp-signing.key.pem', keys), 'utf8');
export const certPem = readFileSync(new URL('idp-signing.crt.pem', keys), 'utf8');
export const certBase64 = certPem.replace(/-----[^-]+-----|\s/g, '');

export const IDP = 'https://idp.partner.example/';
export const SP = 'https://sp.host.example/saml2';
export const ACS = 'https://sp.host.example/saml2/acs';

export function idpMetadata() {
  return `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="${IDP}"><md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol" WantAuthnRequestsSigned="false"><md:KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data><ds:X509Certificate>${certBase64}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor><md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</md:NameIDFormat><md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://idp.partner.example/sso"/><md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.partner.example/sso"/></md:IDPSSODescriptor></md:EntityDescriptor>`;
}

export function buildResponse(now = new Date()) {
  const iso = (ms) => new Date(now.getTime() + ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const attrs = [
    ['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress', ['alice@partner.example']],
    ['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn', ['alice@partner.example']],
    ['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname', ['Alice']],
    ['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname', ['Liddell']],
    ['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name', ['Alice Liddell']],
    ['http://schemas.xmlsoap.org/claims/Group', ['Sales Managers', 'Sales Team', 'Domain Users', 'VPN Users', 'Portal Users', 'EMEA Sales', 'Quote Approvers', 'CRM Users', 'Partner Portal', 'Expense Submitters', 'Travel Bookers', 'Wiki Editors']],
    ['http://schemas.microsoft.com/ws/2008/06/identity/claims/role', ['Approver', 'Viewer']],
    ['http://schemas.xmlsoap.org/claims/CommonName', ['Alice Liddell']],
    ['http://schemas.microsoft.com/identity/claims/displayname', ['Alice Liddell (Partner)']],
    ['department', ['Sales EMEA']],
    ['employeeNumber', ['0012345']],
  ];
  const attributeXml = attrs.map(([n, vs]) => `<saml:Attribute Name="${n}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri">${vs.map((v) => `<saml:AttributeValue xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="xs:string">${v}</saml:AttributeValue>`).join('')}</saml:Attribute>`).join('');
  const assertion = `<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_a${now.getTime()}" IssueInstant="${iso(0)}" Version="2.0"><saml:Issuer>${IDP}</saml:Issuer><saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">alice@partner.example</saml:NameID><saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData NotOnOrAfter="${iso(300_000)}" Recipient="${ACS}"/></saml:SubjectConfirmation></saml:Subject><saml:Conditions NotBefore="${iso(-60_000)}" NotOnOrAfter="${iso(3_600_000)}"><saml:AudienceRestriction><saml:Audience>${SP}</saml:Audience></saml:AudienceRestriction></saml:Conditions><saml:AuthnStatement AuthnInstant="${iso(0)}" SessionIndex="_s1"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement><saml:AttributeStatement>${attributeXml}</saml:AttributeStatement></saml:Assertion>`;
  const sig = new SignedXml({ privateKey: privateKeyPem, publicCert: certPem, signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256', canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#' });
  sig.addReference({ xpath: "//*[local-name(.)='Assertion']", digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256', transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/2001/10/xml-exc-c14n#'] });
  sig.computeSignature(assertion, { location: { reference: "//*[local-name(.)='Issuer']", action: 'after' } });
  const signedAssertion = sig.getSignedXml();
  const xml = `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_r${now.getTime()}" Version="2.0" IssueInstant="${iso(0)}" Destination="${ACS}"><saml:Issuer xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">${IDP}</saml:Issuer><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>${signedAssertion}</samlp:Response>`;
  return { xml, base64: Buffer.from(xml).toString('base64') };
}

/** The same Response with the signed NameID changed (same length): every verifier must refuse it. */
export function tamper(input) {
  const xml = input.xml.replace('>alice@partner.example</saml:NameID>', '>admin@partner.example</saml:NameID>');
  if (xml === input.xml) throw new Error('bench: tamper target not found');
  return { xml, base64: Buffer.from(xml).toString('base64') };
}
