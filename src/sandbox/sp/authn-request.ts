import { createSign } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { esc } from '../http/reply.js';
import type { Runtime } from '../runtime.js';
import type { Federation } from '../state/model.js';
import { spUrls } from './identity.js';

/** How long an issued AuthnRequest may be answered (its InResponseTo is accepted once). */
export const AUTHN_REQUEST_MS = 10 * 60 * 1000;
const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';

/**
 * An AuthnRequest to the partner's SSO endpoint over the HTTP-Redirect binding (SAML bindings 2.0
 * §3.4): DEFLATE + base64 `SAMLRequest`, `RelayState`, and the query signature (`SigAlg`,
 * `Signature`, RSA-SHA256 with the SP key, §3.4.4.1) since the SP metadata says
 * `AuthnRequestsSigned="true"`. The request ID is remembered for the ACS (InResponseTo, once).
 */
export function authnRequestUrl(rt: Runtime, federation: Federation, relayState: string): { url: string; id: string } {
  const u = spUrls(rt.url);
  const id = `_${rt.rng.hex(20)}`;
  const now = rt.now();
  const xml =
    `<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"` +
    ` ID="${id}" Version="2.0" IssueInstant="${now.toISOString().replace(/\.\d{3}Z$/, 'Z')}" Destination="${esc(federation.idpSignInUrl)}"` +
    ` AssertionConsumerServiceURL="${esc(u.acs)}" ProtocolBinding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST">` +
    `<saml:Issuer>${esc(u.entityId)}</saml:Issuer>` +
    `<samlp:NameIDPolicy Format="urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified" AllowCreate="true"/>` +
    `</samlp:AuthnRequest>`;
  const params = new URLSearchParams();
  params.set('SAMLRequest', deflateRawSync(Buffer.from(xml, 'utf8')).toString('base64'));
  params.set('RelayState', relayState);
  params.set('SigAlg', RSA_SHA256);
  const signed = params.toString();
  const signature = createSign('RSA-SHA256').update(signed).sign(rt.state.keys.keyPem, 'base64');
  const sep = federation.idpSignInUrl.includes('?') ? '&' : '?';
  rt.authnRequests.set(id, { federationUuid: federation.uuid, expiresAt: now.getTime() + AUTHN_REQUEST_MS, relayState });
  for (const [k, v] of rt.authnRequests) if (v.expiresAt <= now.getTime()) rt.authnRequests.delete(k);
  return { url: `${federation.idpSignInUrl}${sep}${signed}&Signature=${encodeURIComponent(signature)}`, id };
}
