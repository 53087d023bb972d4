/**
 * IdP metadata shaped like the tenant's B2B / custom SAML app (compare ../shared/corpus/metadata/
 * centrify-tenant-idp.xml and centrify-legacy-idp.xml): unsigned, entityID `<base>/<app key>`,
 * one KeyDescriptor WITHOUT `use` (signing and encryption, SAML metadata 2.0 §2.4.1.1), the
 * applogout SLO, eight NameIDFormats, SSO on HTTP-POST and HTTP-Redirect at
 * `/applogin/appKey/<key>/customerId/<id>`, and the one advertised attribute `Email Address`.
 */
import { ATTRNAME_BASIC, BINDING, NAMEID_FORMAT } from './claims.js';
import type { IdpIdentity } from './identity.js';
import { esc, pemBody } from './xml-text.js';

export function buildTenantMetadata(id: IdpIdentity): string {
  const sso = esc(`${id.baseUrl}${id.ssoPath}`);
  const formats = [NAMEID_FORMAT.UNSPECIFIED, NAMEID_FORMAT.EMAIL, NAMEID_FORMAT.X509, NAMEID_FORMAT.WINDOWS, NAMEID_FORMAT.KERBEROS, NAMEID_FORMAT.ENTITY, NAMEID_FORMAT.PERSISTENT, NAMEID_FORMAT.TRANSIENT];
  return (
    `<EntityDescriptor xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" entityID="${esc(id.entityId)}" xmlns="urn:oasis:names:tc:SAML:2.0:metadata">` +
    `<IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">` +
    `<KeyDescriptor><KeyInfo xmlns="http://www.w3.org/2000/09/xmldsig#"><X509Data><X509Certificate>${pemBody(id.signing.certificatePem)}</X509Certificate></X509Data></KeyInfo></KeyDescriptor>` +
    `<SingleLogoutService Binding="${BINDING.REDIRECT}" Location="${esc(`${id.baseUrl}${id.sloPath}`)}" />` +
    formats.map((f) => `<NameIDFormat>${f}</NameIDFormat>`).join('') +
    `<SingleSignOnService Binding="${BINDING.POST}" Location="${sso}" />` +
    `<SingleSignOnService Binding="${BINDING.REDIRECT}" Location="${sso}" />` +
    `<Attribute Name="Email Address" NameFormat="${ATTRNAME_BASIC}" xmlns="urn:oasis:names:tc:SAML:2.0:assertion" />` +
    `</IDPSSODescriptor></EntityDescriptor>`
  );
}
