import { docsPath, type EntityRule, type RawFinding } from '../rule.js';
import { at } from '../util.js';

/** SAML metadata 2.0 §2.4.3: IDPSSODescriptor has one or more SingleSignOnService elements. */
export const rule: EntityRule = {
  id: 'no-sso-endpoint',
  scope: 'entity',
  defaultSeverity: 'error',
  description: 'An IDPSSODescriptor has no SingleSignOnService endpoint.',
  docs: docsPath('no-sso-endpoint'),
  check(entity): RawFinding[] {
    return entity.idpSsoDescriptors
      .filter((idp) => idp.singleSignOnServices.length === 0)
      .map((idp) => ({ message: 'IDPSSODescriptor has no SingleSignOnService; a service provider has nowhere to send users to sign in', ...at(idp) }));
  },
};
