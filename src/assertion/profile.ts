import type { Flavour } from '../metadata/model.js';
import type { AttributesResult } from './attributes.js';
import type { PartnerProfile } from './types.js';

export const ADFS_GROUP_CLAIM = 'http://schemas.xmlsoap.org/claims/Group';
export const ADFS_ROLE_CLAIM = 'http://schemas.microsoft.com/ws/2008/06/identity/claims/role';

/**
 * Default group attribute Name(s) for a partner flavour: AD FS sends group claims as
 * `…/claims/Group` and role claims as `…/identity/claims/role`; tenant-to-tenant and
 * generic partners send `Group`.
 */
export function groupAttributesFor(flavour: Flavour): readonly string[] {
  switch (flavour) {
    case 'adfs':
      return [ADFS_GROUP_CLAIM, ADFS_ROLE_CLAIM];
    case 'tenant':
    case 'generic':
    default:
      return ['Group'];
  }
}

/**
 * Apply the partner profile: collect the values of the group attribute(s) (the profile's
 * `groupAttribute` if set, else the flavour default), de-duplicated in document order.
 * Tenant-to-tenant partners are expected to send `UserPrincipalName`; a warning is added if not.
 */
export function applyProfile(flavour: Flavour, profile: PartnerProfile | undefined, attrs: AttributesResult, warnings: string[]): string[] {
  const configured = profile?.groupAttribute;
  const names = configured === undefined ? groupAttributesFor(flavour) : typeof configured === 'string' ? [configured] : configured;
  const seen = new Set<string>();
  const groups: string[] = [];
  for (const n of names) {
    for (const v of Object.hasOwn(attrs.attributes, n) ? attrs.attributes[n]! : []) {
      if (seen.has(v)) continue;
      seen.add(v);
      groups.push(v);
    }
  }
  if (flavour === 'tenant' && !Object.hasOwn(attrs.attributes, 'UserPrincipalName')) {
    warnings.push('tenant-to-tenant partner sent no UserPrincipalName attribute');
  }
  return groups;
}
