import type { TenantState, Federation } from '../state/model.js';
import { spCertificates } from '../sp/identity.js';
import { formatTenantDate } from '../../certs/date.js';

/** A federation as CreateFederation / GetFederations return it (tenant-api.md §3.4 Result, §3.5). */
export function federationResult(state: TenantState, f: Federation): Record<string, unknown> {
  const { cert } = spCertificates(state);
  const first = f.idpSigningSummaries[0];
  return {
    NormalizedFederationName: f.normalizedName,
    FederationName: f.name,
    Config: {
      SPSigningCertificateThumbprint: cert.sha1Thumbprint,
      IDPMetadataUrl: f.idpMetadataUrl,
      IDPSigningCertificateThumbprint: first?.thumbprint ?? '',
      IDPSigningCertificateSubject: first?.subject ?? '',
      IDPSignInUrl: f.idpSignInUrl,
      SPSigningCertificateSubject: cert.subject,
      SPSigningCertificateExpires: formatTenantDate(cert.notAfter),
      IDPSigningCertificateCollection: f.idpSigningSummaries.map((s) => ({
        IDPSigningCertificateExpires: s.expires,
        IDPSigningCertificateSubject: s.subject,
        IDPSigningCertificateThumbprint: s.thumbprint,
      })),
      IDPSigningCertificateExpires: first?.expires ?? '',
      IDPLogoutUrl: f.idpLogoutUrl,
    },
    Domains: [...f.domains],
    DirectLoginSupported: true,
    Active: f.active,
    PartnerManageable: true,
    FederationType: 'SAML 2.0',
    FederationUuid: f.uuid,
    Mappings: f.mappings.map((m) => ({ AttributeValue: m.AttributeValue, GroupName: m.GroupName })),
  };
}

/** [I] NormalizedFederationName: trimmed, internal whitespace collapsed, lower-cased (tenant-api.md §3.4). */
export function normaliseFederationName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Make sure an FDS group exists for every name (mappings create host groups, tenant-api.md §3.4, §3.7). */
export function ensureGroups(state: TenantState, names: readonly string[], newId: () => string): void {
  for (const name of names) {
    if (!state.fdsGroups.some((g) => g.systemName.toLowerCase() === name.toLowerCase())) state.fdsGroups.push({ internalName: newId(), systemName: name });
  }
}
