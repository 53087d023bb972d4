import { readCertificate } from '../../certs/read.js';
import { formatTenantDate } from '../../certs/date.js';
import type { Certificate } from '../../certs/types.js';
import type { TenantState } from '../state/model.js';

/** The sandbox tenant's public URLs, all under its base URL (tenant-api.md §3.2, §3.3). */
export function spUrls(base: string): {
  metadata: string;
  acs: string;
  certificate: string;
  ca: string;
  logout: string;
  logoutReturn: string;
  entityId: string;
} {
  return {
    metadata: `${base}/Federation/federationmetadata?FederationType=SAML%202.0`,
    acs: `${base}/My`,
    certificate: `${base}/Federation/SPSigningCertificate`,
    ca: `${base}/Federation/SPSigningCertificateAuthority`,
    logout: `${base}/Security/Logout`,
    logoutReturn: `${base}/My`,
    // [I] tenant-api.md §3.3 leaves the SP entityID open: the sandbox uses its metadata URL's
    // base plus the documented path without the query, `https://<tenant>/Federation/federationmetadata`.
    entityId: `${base}/Federation/federationmetadata`,
  };
}

const cache = new WeakMap<TenantState['keys'], { cert: Certificate; ca: Certificate }>();

/** The parsed SP signing certificate and CA of the state (parsed once per keys object). */
export function spCertificates(state: TenantState): { cert: Certificate; ca: Certificate } {
  let hit = cache.get(state.keys);
  if (!hit) {
    hit = { cert: readCertificate(state.keys.certPem), ca: readCertificate(state.keys.caCertPem) };
    cache.set(state.keys, hit);
  }
  return hit;
}

/** The Result of GetGlobalFederationSettings for SAML 2.0 (tenant-api.md §3.2, every documented field). */
export function globalSettingsResult(state: TenantState, base: string): Record<string, unknown> {
  const u = spUrls(base);
  const { cert, ca } = spCertificates(state);
  return {
    GlobalMappings: state.globalMappings.map((m) => ({ [m.AttributeValue]: m.GroupName })),
    SPAutnenticationResponseUrl: u.acs,
    SPMetadataUrl: u.metadata,
    SPSigningCertificateCAExpires: formatTenantDate(ca.notAfter),
    SPSigningCertificateCASubject: ca.subject,
    SPSigningCertificateCAThumbprint: ca.sha1Thumbprint,
    SPSigningCertificateCAUrl: u.ca,
    SPSigningCertificateExpires: formatTenantDate(cert.notAfter),
    SPSigningCertificateSubject: cert.subject,
    SPSigningCertificateThumbprint: cert.sha1Thumbprint,
    SPSigningCertificateUrl: u.certificate,
    IDPEndpointUrl: base,
    RequestedAttributes: ['Description', 'DisplayName', 'EmailAddress', 'Group', 'HomeNumber', 'LoginName', 'MobileNumber', 'Name', 'OfficeNumber', 'Photo', 'UserPrincipalName'],
    SPLogoutUrl: u.logout,
    SPLogoutReturnUrl: u.logoutReturn,
  };
}
