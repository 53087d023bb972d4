import { SAML2_PROTOCOL } from '../../../xml/namespaces.js';
import { docsPath, type EntityRule, type RawFinding } from '../rule.js';
import { at, short } from '../util.js';

/** SAML metadata 2.0 §2.4.1: protocolSupportEnumeration must list the SAML 2.0 protocol URI for SAML 2.0 use. */
export const rule: EntityRule = {
  id: 'protocol-not-saml2',
  scope: 'entity',
  defaultSeverity: 'error',
  description: `An IDPSSODescriptor's protocolSupportEnumeration does not include ${SAML2_PROTOCOL}.`,
  docs: docsPath('protocol-not-saml2'),
  check(entity): RawFinding[] {
    const out: RawFinding[] = [];
    for (const idp of entity.idpSsoDescriptors) {
      if (idp.protocolSupportEnumeration.includes(SAML2_PROTOCOL)) continue;
      const found = idp.protocolSupportEnumeration.length === 0 ? 'nothing' : idp.protocolSupportEnumeration.map((p) => short(p, 80)).join(' ');
      out.push({ message: `IDPSSODescriptor protocolSupportEnumeration lacks ${SAML2_PROTOCOL}; found ${found}`, ...at(idp) });
    }
    return out;
  },
};
