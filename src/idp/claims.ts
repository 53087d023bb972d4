/** AD FS claim types (URIs, display names) and the tenant's attribute names, as the products publish them. */

export const ADFS_CLAIMS = Object.freeze({
  EMAIL: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress',
  GIVEN_NAME: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname',
  NAME: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name',
  UPN: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn',
  COMMON_NAME: 'http://schemas.xmlsoap.org/claims/CommonName',
  GROUP: 'http://schemas.xmlsoap.org/claims/Group',
  ROLE: 'http://schemas.microsoft.com/ws/2008/06/identity/claims/role',
  SURNAME: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname',
  NAME_ID: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier',
});

/** The claim descriptions AD FS puts in ClaimTypesOffered / IDPSSODescriptor Attribute (a subset of its ~60). */
export const ADFS_CLAIM_LIST: ReadonlyArray<readonly [uri: string, displayName: string, description: string]> = [
  [ADFS_CLAIMS.EMAIL, 'E-Mail Address', 'The e-mail address of the user'],
  [ADFS_CLAIMS.GIVEN_NAME, 'Given Name', 'The given name of the user'],
  [ADFS_CLAIMS.NAME, 'Name', 'The unique name of the user'],
  [ADFS_CLAIMS.UPN, 'UPN', 'The user principal name (UPN) of the user'],
  [ADFS_CLAIMS.COMMON_NAME, 'Common Name', 'The common name of the user'],
  [ADFS_CLAIMS.GROUP, 'Group', 'A group that the user is a member of'],
  [ADFS_CLAIMS.ROLE, 'Role', 'A role that the user has'],
  [ADFS_CLAIMS.SURNAME, 'Surname', 'The surname of the user'],
  [ADFS_CLAIMS.NAME_ID, 'Name ID', 'The SAML name identifier of the user'],
];

/** Attribute names of the tenant's B2B SAML app (tenant-to-tenant federation). */
export const TENANT_ATTRIBUTES = Object.freeze({
  EMAIL: 'Email Address',
  UPN: 'UserPrincipalName',
  GROUP: 'Group',
});

export const NAMEID_FORMAT = Object.freeze({
  UNSPECIFIED: 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified',
  EMAIL: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
  X509: 'urn:oasis:names:tc:SAML:1.1:nameid-format:X509SubjectName',
  WINDOWS: 'urn:oasis:names:tc:SAML:1.1:nameid-format:WindowsDomainQualifiedName',
  KERBEROS: 'urn:oasis:names:tc:SAML:2.0:nameid-format:kerberos',
  ENTITY: 'urn:oasis:names:tc:SAML:2.0:nameid-format:entity',
  PERSISTENT: 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
  TRANSIENT: 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient',
});

export const BINDING = Object.freeze({
  POST: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST',
  REDIRECT: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect',
});

export const ATTRNAME_URI = 'urn:oasis:names:tc:SAML:2.0:attrname-format:uri';
export const ATTRNAME_BASIC = 'urn:oasis:names:tc:SAML:2.0:attrname-format:basic';
