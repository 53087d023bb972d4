import type { CertificateEntry, Endpoint, EntityDescriptor, MetadataDocument, MetadataSignatureStatus } from './model.js';
import { keyDescriptorsFor } from './read-keys.js';
import { EMBEDDED_TRUST_NOTE } from './signature.js';

const DAY_MS = 86_400_000;

/** JSON output of `samlfed inspect --format json` (stable; documented in the README). */
export interface InspectReport {
  readonly input: string;
  readonly now: string;
  readonly root: { readonly kind: 'EntityDescriptor' | 'EntitiesDescriptor'; readonly name?: string; readonly validUntil?: string; readonly cacheDuration?: string };
  readonly signature: MetadataSignatureStatus & { readonly note?: string };
  readonly entities: readonly InspectEntity[];
}

export interface InspectEndpoint {
  readonly binding: string;
  /** `HTTP-POST`, `HTTP-Redirect`, ... or the binding as written when it is not a SAML 2.0 binding URI. */
  readonly bindingShort: string;
  readonly location: string;
  readonly index?: number;
  readonly isDefault?: boolean;
}

export type InspectCertificate =
  | { readonly ok: true; readonly use: string; readonly subject: string; readonly issuer: string; readonly sha1: string; readonly sha256: string; readonly notBefore: string; readonly notAfter: string; readonly daysLeft: number; readonly key: string; readonly line?: number }
  | { readonly ok: false; readonly use: string; readonly error: { readonly code: string; readonly message: string }; readonly line?: number };

export interface InspectRole {
  readonly kind: 'idp' | 'sp';
  readonly protocolSupportEnumeration: readonly string[];
  /** IdP: `WantAuthnRequestsSigned` as written (absent: not stated, which means false). */
  readonly wantAuthnRequestsSigned?: boolean;
  /** SP: `AuthnRequestsSigned` and `WantAssertionsSigned` as written. */
  readonly authnRequestsSigned?: boolean;
  readonly wantAssertionsSigned?: boolean;
  readonly singleSignOnServices?: readonly InspectEndpoint[];
  readonly assertionConsumerServices?: readonly InspectEndpoint[];
  readonly singleLogoutServices: readonly InspectEndpoint[];
  readonly nameIdFormats: readonly string[];
  readonly attributes?: readonly { readonly name: string; readonly nameFormat?: string; readonly friendlyName?: string; readonly values: readonly string[] }[];
  readonly signingCertificates: readonly InspectCertificate[];
  readonly encryptionCertificates: readonly InspectCertificate[];
}

export interface InspectEntity {
  readonly entityId: string | null;
  readonly line?: number;
  readonly flavour: string;
  readonly flavourReason: string;
  readonly validUntil?: string;
  /** md:Organization (all languages, document order). */
  readonly organization?: { readonly names: readonly string[]; readonly displayNames: readonly string[]; readonly urls: readonly string[] };
  /** md:ContactPerson elements, in document order. */
  readonly contacts: readonly { readonly contactType: string; readonly company?: string; readonly givenName?: string; readonly surName?: string; readonly emailAddresses: readonly string[]; readonly telephoneNumbers: readonly string[] }[];
  /** `IDPSSODescriptor`, `SPSSODescriptor`, then other role descriptors as written. */
  readonly roles: readonly string[];
  readonly idp: readonly InspectRole[];
  readonly sp: readonly InspectRole[];
}

function endpoint(e: Endpoint): InspectEndpoint {
  const m = /^urn:oasis:names:tc:SAML:2\.0:bindings:(.+)$/.exec(e.binding);
  return {
    binding: e.binding,
    bindingShort: m ? m[1]! : e.binding,
    location: e.location,
    ...(e.index === undefined ? {} : { index: e.index }),
    ...(e.isDefault === undefined ? {} : { isDefault: e.isDefault }),
  };
}

function certificate(entry: CertificateEntry, use: string, now: Date): InspectCertificate {
  const line = entry.line === undefined ? {} : { line: entry.line };
  if (!entry.ok) return { ok: false, use, error: entry.error, ...line };
  const c = entry.certificate;
  const key = c.key.type === 'EC' ? `EC ${c.key.curve}` : `${c.key.type} ${c.key.bits}`;
  return {
    ok: true, use, subject: c.subject, issuer: c.issuer, sha1: c.sha1Thumbprint, sha256: c.sha256Thumbprint,
    notBefore: c.notBefore.toISOString(), notAfter: c.notAfter.toISOString(),
    daysLeft: Math.floor((c.notAfter.getTime() - now.getTime()) / DAY_MS), key, ...line,
  };
}

function certs(role: EntityDescriptor['idpSsoDescriptors'][number] | EntityDescriptor['spSsoDescriptors'][number], purpose: 'signing' | 'encryption', now: Date): InspectCertificate[] {
  return keyDescriptorsFor(role, purpose).flatMap((k) => k.certificates.map((c) => certificate(c, k.use, now)));
}

function entityReport(e: EntityDescriptor, now: Date): InspectEntity {
  const idp: InspectRole[] = e.idpSsoDescriptors.map((r) => ({
    kind: 'idp',
    protocolSupportEnumeration: r.protocolSupportEnumeration,
    ...(r.wantAuthnRequestsSigned === undefined ? {} : { wantAuthnRequestsSigned: r.wantAuthnRequestsSigned }),
    singleSignOnServices: r.singleSignOnServices.map(endpoint),
    singleLogoutServices: r.singleLogoutServices.map(endpoint),
    nameIdFormats: r.nameIdFormats,
    attributes: r.attributes.map((a) => ({ name: a.name, ...(a.nameFormat === undefined ? {} : { nameFormat: a.nameFormat }), ...(a.friendlyName === undefined ? {} : { friendlyName: a.friendlyName }), values: a.values })),
    signingCertificates: certs(r, 'signing', now),
    encryptionCertificates: certs(r, 'encryption', now),
  }));
  const sp: InspectRole[] = e.spSsoDescriptors.map((r) => ({
    kind: 'sp',
    protocolSupportEnumeration: r.protocolSupportEnumeration,
    ...(r.authnRequestsSigned === undefined ? {} : { authnRequestsSigned: r.authnRequestsSigned }),
    ...(r.wantAssertionsSigned === undefined ? {} : { wantAssertionsSigned: r.wantAssertionsSigned }),
    assertionConsumerServices: r.assertionConsumerServices.map(endpoint),
    singleLogoutServices: r.singleLogoutServices.map(endpoint),
    nameIdFormats: r.nameIdFormats,
    signingCertificates: certs(r, 'signing', now),
    encryptionCertificates: certs(r, 'encryption', now),
  }));
  const roles = [...e.idpSsoDescriptors.map(() => 'IDPSSODescriptor'), ...e.spSsoDescriptors.map(() => 'SPSSODescriptor'), ...e.otherRoles];
  return {
    entityId: e.entityId ?? null,
    ...(e.line === undefined ? {} : { line: e.line }),
    flavour: e.flavour.flavour,
    flavourReason: e.flavour.reason,
    ...(e.validUntil === undefined ? {} : { validUntil: e.validUntil }),
    ...(e.organization === undefined ? {} : { organization: { names: e.organization.names, displayNames: e.organization.displayNames, urls: e.organization.urls } }),
    contacts: e.contacts.map((c) => ({
      contactType: c.contactType,
      ...(c.company === undefined ? {} : { company: c.company }),
      ...(c.givenName === undefined ? {} : { givenName: c.givenName }),
      ...(c.surName === undefined ? {} : { surName: c.surName }),
      emailAddresses: c.emailAddresses,
      telephoneNumbers: c.telephoneNumbers,
    })),
    roles, idp, sp,
  };
}

/**
 * What `samlfed inspect` shows, as data: per entity its flavour (and why), roles, endpoints,
 * NameID formats, attributes, certificates with both thumbprints and days left at `now`, and
 * the metadata signature status. `input` names the document in the report.
 */
export function buildInspectReport(input: string, doc: MetadataDocument, now: Date): InspectReport {
  const r = doc.root;
  const root = {
    kind: r.kind === 'entity' ? ('EntityDescriptor' as const) : ('EntitiesDescriptor' as const),
    ...(r.kind === 'entities' && r.name !== undefined ? { name: r.name } : {}),
    ...(r.validUntil === undefined ? {} : { validUntil: r.validUntil }),
    ...(r.cacheDuration === undefined ? {} : { cacheDuration: r.cacheDuration }),
  };
  const s = doc.signature;
  const signature = s.status === 'valid' && s.trust === 'embedded-certificate' ? { ...s, note: EMBEDDED_TRUST_NOTE } : s;
  return { input, now: now.toISOString(), root, signature, entities: doc.entities.map((e) => entityReport(e, now)) };
}

