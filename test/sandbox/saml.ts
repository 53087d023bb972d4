/**
 * A partner IdP's signed SAML Response for the sandbox SP tests, signed by the fixture signer
 * (xml-crypto) with the test keys, never with samlfed's own XML code.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { signEnveloped } from '../../scripts/fixtures/sign.js';

const KEYS = join(import.meta.dirname, '..', 'keys');
const pem = (name: string) => readFileSync(join(KEYS, name), 'utf8');
export const NOW = new Date('2026-06-15T12:00:00Z');
const at = (s: number) => new Date(NOW.getTime() + s * 1000).toISOString().replace(/\.000Z$/, 'Z');
/** The IdP of test/fixtures/metadata/tenant.unsigned.xml (signing key test/keys/idp-signing). */
export const TENANT_IDP = 'https://partner.my.idaptive.app/5b1f9a7e-3c2d-4e8f-9a6b-0c1d2e3f4a5b';

export interface PartnerResponse {
  acs: string;
  audience: string;
  inResponseTo?: string;
  user: string;
  groups: string[];
  issuer?: string;
  key?: string;
  id?: string;
  /** Seconds from NOW of NotOnOrAfter (default 300). */
  expiresIn?: number;
}

/** A Response (assertion signed) as a tenant-flavour partner sends it; base64 for the form. */
export function partnerResponse(o: PartnerResponse): string {
  const id = o.id ?? `_a${Math.random().toString(16).slice(2)}`;
  const issuer = o.issuer ?? TENANT_IDP;
  const irt = o.inResponseTo ? ` InResponseTo="${o.inResponseTo}"` : '';
  const exp = at(o.expiresIn ?? 300);
  const attr = (name: string, values: string[]) => `<saml:Attribute Name="${name}">${values.map((v) => `<saml:AttributeValue>${v}</saml:AttributeValue>`).join('')}</saml:Attribute>`;
  const assertion =
    `<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${id}" Version="2.0" IssueInstant="${at(0)}"><saml:Issuer>${issuer}</saml:Issuer>` +
    `<saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified">${o.user}</saml:NameID><saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData${irt} NotOnOrAfter="${exp}" Recipient="${o.acs}"/></saml:SubjectConfirmation></saml:Subject>` +
    `<saml:Conditions NotBefore="${at(-60)}" NotOnOrAfter="${exp}"><saml:AudienceRestriction><saml:Audience>${o.audience}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
    `<saml:AuthnStatement AuthnInstant="${at(-10)}" SessionIndex="_s1"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>` +
    `<saml:AttributeStatement>${attr('UserPrincipalName', [o.user])}${attr('Group', o.groups)}</saml:AttributeStatement></saml:Assertion>`;
  const signed = signEnveloped(assertion, { ref: { id }, privateKeyPem: pem(`${o.key ?? 'idp-signing'}.key.pem`), certificatePem: pem(`${o.key ?? 'idp-signing'}.crt.pem`) });
  const response =
    `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_r${id}" Version="2.0" IssueInstant="${at(0)}" Destination="${o.acs}"${irt}>` +
    `<saml:Issuer>${issuer}</saml:Issuer><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>${signed.replace(/^<\?xml[^>]*>/, '')}</samlp:Response>`;
  return Buffer.from(response, 'utf8').toString('base64');
}
