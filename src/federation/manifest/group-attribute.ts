import type { Flavour } from '../../metadata/model.js';
import type { PartnerManifest } from './types.js';

/**
 * Default group attribute by flavour (docs/federation.md "groupAttribute"):
 * tenant -> `Group` (the attribute the tenant's B2B SAML app sends, partner roles as values);
 * adfs -> `http://schemas.xmlsoap.org/claims/Group` (AD FS's "Group" claim type);
 * generic -> `Group`.
 */
export const DEFAULT_GROUP_ATTRIBUTE: Readonly<Record<Flavour, string>> = Object.freeze({
  tenant: 'Group',
  adfs: 'http://schemas.xmlsoap.org/claims/Group',
  generic: 'Group',
});

/** The manifest's `groupAttribute`, else the default for the (detected) flavour. */
export function effectiveGroupAttribute(manifest: PartnerManifest, detected?: Flavour): string {
  if (manifest.groupAttribute !== undefined) return manifest.groupAttribute;
  const flavour: Flavour = manifest.flavor === 'auto' ? detected ?? 'generic' : manifest.flavor;
  return DEFAULT_GROUP_ATTRIBUTE[flavour];
}
