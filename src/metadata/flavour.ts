/**
 * Which kind of partner IdP published an entity: AD FS, a Centrify/Idaptive/CyberArk tenant,
 * or anything else. Drives flavour-specific lint rules and federation defaults.
 */
import type { EntityDescriptor, FlavourDetection, OtherRoleDescriptor } from './model.js';
import { NS } from '../xml/namespaces.js';

const ADFS_ENTITY_SUFFIX = '/adfs/services/trust';
const GUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/**
 * Tenant entityID: `https://<host>/<app key GUID>`, exactly one path segment, no trailing slash.
 * (Azure AD's `https://sts.windows.net/<tenant GUID>/` ends with a slash and stays generic.)
 */
const TENANT_ENTITY_ID = new RegExp(`^https://[^/?#]+/${GUID}$`, 'i');
/** Tenant SSO locations: `/applogin/appKey/<key>/...` (SAML apps) or `/run?appkey=` (app launch URL). */
const TENANT_SSO = /\/applogin\/appkey\/|\/run\?appkey=/i;

function isStsRole(r: OtherRoleDescriptor): boolean {
  return r.element === 'RoleDescriptor' && r.xsiTypeLocalName === 'SecurityTokenServiceType' && r.xsiTypeNamespace === NS.FED;
}

/**
 * Detect the flavour of an entity:
 * - `adfs`: a WS-Federation `RoleDescriptor` whose `xsi:type` resolves to
 *   `{http://docs.oasis-open.org/wsfed/federation/200706}SecurityTokenServiceType`,
 *   or an entityID ending in `/adfs/services/trust` (AD FS default identifier);
 * - `tenant`: an entityID `https://<host>/<GUID>` and/or an IdP SSO location under
 *   `/applogin/appKey/` or `/run?appkey=` (case-insensitive);
 * - `generic` otherwise.
 * `reason` says which evidence decided it.
 */
export function detectFlavour(entity: Pick<EntityDescriptor, 'entityId' | 'otherRoles' | 'otherRoleDescriptors' | 'idpSsoDescriptors'>): FlavourDetection {
  const roles = entity.otherRoleDescriptors;
  const sts = roles ? roles.find(isStsRole) : undefined;
  if (sts) return { flavour: 'adfs', reason: `RoleDescriptor xsi:type=${sts.xsiType ?? 'fed:SecurityTokenServiceType'}` };
  if (!roles && entity.otherRoles.some((r) => /^RoleDescriptor\[(?:[^:\]]+:)?SecurityTokenServiceType\]$/.test(r))) {
    return { flavour: 'adfs', reason: 'RoleDescriptor xsi:type=SecurityTokenServiceType' };
  }
  const id = entity.entityId?.trim();
  if (id !== undefined && id.toLowerCase().endsWith(ADFS_ENTITY_SUFFIX)) {
    return { flavour: 'adfs', reason: `entityID ends with ${ADFS_ENTITY_SUFFIX}` };
  }
  // The pattern ends in `/` and a 36-character GUID after at least `https://` and one host character:
  // a value too short or without that `/` cannot match, and skips the case-insensitive regex.
  const guidEntity = id !== undefined && id.length >= 46 && id.charCodeAt(id.length - 37) === 0x2f && TENANT_ENTITY_ID.test(id);
  let ssoLocation: string | undefined;
  for (const idp of entity.idpSsoDescriptors) {
    const hit = idp.singleSignOnServices.find((e) => TENANT_SSO.test(e.location));
    if (hit) {
      ssoLocation = hit.location;
      break;
    }
  }
  if (guidEntity && ssoLocation !== undefined) {
    return { flavour: 'tenant', reason: `entityID is https://<host>/<app key GUID> and SSO location ${ssoLocation} is a tenant app login URL` };
  }
  if (guidEntity) return { flavour: 'tenant', reason: 'entityID is https://<host>/<app key GUID>' };
  if (ssoLocation !== undefined) return { flavour: 'tenant', reason: `SSO location ${ssoLocation} is a tenant app login URL (/applogin/appKey/ or /run?appkey=)` };
  return { flavour: 'generic', reason: 'no AD FS or tenant markers' };
}
