import { docsPath, type EntityRule, type RawFinding } from '../rule.js';
import { at, short } from '../util.js';

/** SAML bindings 2.0 §3.4 (HTTP-Redirect) and §3.5 (HTTP-POST): the browser SSO profile's request bindings. */
export const SSO_BINDINGS: readonly string[] = ['urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect', 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST'];

/** SAML profiles 2.0 §4.1.2: the SP sends the AuthnRequest over HTTP-Redirect or HTTP-POST. */
export const rule: EntityRule = {
  id: 'sso-binding-unsupported',
  scope: 'entity',
  defaultSeverity: 'error',
  description: 'An IDPSSODescriptor has SingleSignOnService endpoints, but none with the HTTP-POST or HTTP-Redirect binding.',
  docs: docsPath('sso-binding-unsupported'),
  check(entity): RawFinding[] {
    const out: RawFinding[] = [];
    for (const idp of entity.idpSsoDescriptors) {
      const sso = idp.singleSignOnServices;
      if (sso.length === 0 || sso.some((e) => SSO_BINDINGS.includes(e.binding))) continue;
      const found = [...new Set(sso.map((e) => short(e.binding, 90)))].join(', ');
      out.push({ message: `No SingleSignOnService uses HTTP-POST or HTTP-Redirect; found ${found}`, ...at(idp) });
    }
    return out;
  },
};
