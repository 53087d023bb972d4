// The peers, configured as an SP app would, on the same input.
import * as samlify from 'samlify';
import { SAML } from '@node-saml/node-saml';
import { SignedXml } from 'xml-crypto';
import { DOMParser } from '@xmldom/xmldom';
import { ACS, IDP, SP, certPem, idpMetadata } from './input.mjs';

samlify.setSchemaValidator({ validate: () => Promise.resolve('skipped') });

export function samlifyVerifier() {
  const sp = samlify.ServiceProvider({ entityID: SP, assertionConsumerService: [{ Binding: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST', Location: ACS }], wantAssertionsSigned: true });
  const idp = samlify.IdentityProvider({ metadata: idpMetadata() });
  return async (input) => {
    const r = await sp.parseLoginResponse(idp, 'post', { body: { SAMLResponse: input.base64 } });
    return r.extract.nameID;
  };
}

export function nodeSamlVerifier() {
  const saml = new SAML({ callbackUrl: ACS, idpCert: certPem, issuer: SP, audience: SP, wantAssertionsSigned: true, wantAuthnResponseSigned: false, validateInResponseTo: 'never', acceptedClockSkewMs: 180_000 });
  return async (input) => {
    const r = await saml.validatePostResponseAsync({ SAMLResponse: input.base64 });
    return r.profile?.nameID;
  };
}

/** xml-crypto alone: parse + XPath + checkSignature with the certificate (no SAML checks). */
export function xmlCryptoVerifier() {
  return async (input) => {
    const doc = new DOMParser().parseFromString(input.xml, 'text/xml');
    const sig = new SignedXml({ publicCert: certPem });
    const node = doc.getElementsByTagNameNS('http://www.w3.org/2000/09/xmldsig#', 'Signature')[0];
    sig.loadSignature(node);
    if (!sig.checkSignature(input.xml)) throw new Error('xml-crypto: signature did not verify');
    return 'ok';
  };
}
export { IDP };
