import { docsPath, type EntityRule, type RawFinding } from '../rule.js';
import { at } from '../util.js';

/**
 * SAML metadata 2.0 §2.4.3: an IdP publishes an IDPSSODescriptor. Only for a single
 * EntityDescriptor document: SP-only entities are normal in a federation aggregate.
 */
export const rule: EntityRule = {
  id: 'no-idp-descriptor',
  scope: 'entity',
  defaultSeverity: 'error',
  description: 'A single-entity metadata document has no IDPSSODescriptor, so it cannot describe an identity provider.',
  docs: docsPath('no-idp-descriptor'),
  check(entity, ctx): RawFinding[] {
    if (!ctx.single || entity.idpSsoDescriptors.length > 0) return [];
    const has = [
      ...(entity.spSsoDescriptors.length > 0 ? ['SPSSODescriptor'] : []),
      ...entity.otherRoles,
    ];
    return [{ message: `Expected an IDPSSODescriptor (SAML 2.0 identity provider), found ${has.length > 0 ? has.join(', ') : 'no role descriptors'}`, ...at(entity) }];
  },
};
