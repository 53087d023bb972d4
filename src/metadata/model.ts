import type { Certificate } from '../certs/types.js';

/**
 * The metadata model (SAML metadata 2.0, saml-metadata-2.0-os). Every node carries
 * its 1-based source `line`/`column` so lint findings can point at it.
 * Values are taken as written, except where noted (whitespace-trimmed text).
 */
export interface SourcePosition {
  readonly line?: number;
  readonly column?: number;
}

export interface Endpoint extends SourcePosition {
  readonly binding: string;
  readonly location: string;
  readonly responseLocation?: string;
  /** IndexedEndpointType only (ACS). */
  readonly index?: number;
  readonly isDefault?: boolean;
}

/** `use` as written; a KeyDescriptor without `use` counts for both (metadata 2.0 §2.4.1.1). */
export type KeyUse = 'signing' | 'encryption' | 'unspecified';

export interface KeyDescriptor extends SourcePosition {
  readonly use: KeyUse;
  /** Certificates from `ds:KeyInfo/ds:X509Data/ds:X509Certificate`, in order. */
  readonly certificates: readonly CertificateEntry[];
  /** `ds:KeyName` values, if any. */
  readonly keyNames: readonly string[];
  /** Set only when `use` has a value other than `signing`/`encryption` (schema-invalid); `use` is then `unspecified` but the key counts for neither purpose. */
  readonly useAsWritten?: string;
}

/** A role descriptor other than IDPSSODescriptor/SPSSODescriptor (e.g. WS-Fed `RoleDescriptor`). */
export interface OtherRoleDescriptor extends SourcePosition {
  /** Local name of the element, e.g. `RoleDescriptor`, `AttributeAuthorityDescriptor`. */
  readonly element: string;
  /** `xsi:type` as written, e.g. `fed:SecurityTokenServiceType`. */
  readonly xsiType?: string;
  /** Namespace the `xsi:type` prefix resolves to (in scope at the element), when it resolves. */
  readonly xsiTypeNamespace?: string;
  /** Local part of `xsi:type`. */
  readonly xsiTypeLocalName?: string;
}

/** One `ds:X509Certificate`: either it parsed, or the reason it did not. */
export type CertificateEntry =
  | ({ readonly ok: true; readonly certificate: Certificate; readonly base64: string } & SourcePosition)
  | ({ readonly ok: false; readonly error: { readonly code: string; readonly message: string }; readonly base64: string } & SourcePosition);

export interface AdvertisedAttribute extends SourcePosition {
  readonly name: string;
  readonly nameFormat?: string;
  readonly friendlyName?: string;
  readonly values: readonly string[];
}

interface RoleDescriptorBase extends SourcePosition {
  /** Whitespace-separated URIs of `protocolSupportEnumeration`. */
  readonly protocolSupportEnumeration: readonly string[];
  readonly keyDescriptors: readonly KeyDescriptor[];
  readonly validUntil?: string;
  readonly cacheDuration?: string;
  readonly errorUrl?: string;
  readonly singleLogoutServices: readonly Endpoint[];
  readonly nameIdFormats: readonly string[];
}

export interface IdpSsoDescriptor extends RoleDescriptorBase {
  readonly kind: 'idp';
  readonly wantAuthnRequestsSigned?: boolean;
  readonly singleSignOnServices: readonly Endpoint[];
  readonly attributes: readonly AdvertisedAttribute[];
}

export interface SpSsoDescriptor extends RoleDescriptorBase {
  readonly kind: 'sp';
  readonly authnRequestsSigned?: boolean;
  readonly wantAssertionsSigned?: boolean;
  readonly assertionConsumerServices: readonly Endpoint[];
}

export interface Organization extends SourcePosition {
  readonly names: readonly string[];
  readonly displayNames: readonly string[];
  readonly urls: readonly string[];
}

export interface ContactPerson extends SourcePosition {
  readonly contactType: string;
  readonly company?: string;
  readonly givenName?: string;
  readonly surName?: string;
  readonly emailAddresses: readonly string[];
  readonly telephoneNumbers: readonly string[];
}

export type Flavour = 'adfs' | 'tenant' | 'generic';

export interface FlavourDetection {
  readonly flavour: Flavour;
  /** Human-readable reason, e.g. `RoleDescriptor xsi:type=fed:SecurityTokenServiceType`. */
  readonly reason: string;
}

export interface EntityDescriptor extends SourcePosition {
  readonly kind: 'entity';
  /** entityID as written (not trimmed), `undefined` when the attribute is missing. */
  readonly entityId: string | undefined;
  readonly id?: string;
  readonly validUntil?: string;
  readonly cacheDuration?: string;
  readonly idpSsoDescriptors: readonly IdpSsoDescriptor[];
  readonly spSsoDescriptors: readonly SpSsoDescriptor[];
  /** Local names of other role descriptors (e.g. `RoleDescriptor[fed:SecurityTokenServiceType]`, `AttributeAuthorityDescriptor`). */
  readonly otherRoles: readonly string[];
  /** The same role descriptors with their resolved `xsi:type` (always set by `parseMetadata`). */
  readonly otherRoleDescriptors?: readonly OtherRoleDescriptor[];
  readonly organization?: Organization;
  readonly contacts: readonly ContactPerson[];
  readonly flavour: FlavourDetection;
  /** True when this element carries its own `ds:Signature` child. */
  readonly signed: boolean;
}

export interface EntitiesDescriptor extends SourcePosition {
  readonly kind: 'entities';
  readonly name?: string;
  readonly id?: string;
  readonly validUntil?: string;
  readonly cacheDuration?: string;
  /** Children in document order: entities and nested groups. */
  readonly children: readonly (EntityDescriptor | EntitiesDescriptor)[];
  readonly signed: boolean;
}

/** Outcome of checking the root element's enveloped signature. */
export type MetadataSignatureStatus =
  | { readonly status: 'unsigned' }
  | {
      readonly status: 'valid';
      /** `trust-anchor`: a caller-given certificate or thumbprint matched. `embedded-certificate`: integrity only, authenticity NOT established. */
      readonly trust: 'trust-anchor' | 'embedded-certificate';
      readonly signatureAlgorithm: string;
      readonly digestAlgorithm: string;
      /** SHA-1 thumbprint of the certificate whose key verified it. */
      readonly signerThumbprint?: string;
      readonly warnings: readonly string[];
    }
  | { readonly status: 'invalid'; readonly code: string; readonly message: string };

export interface MetadataDocument {
  readonly root: EntityDescriptor | EntitiesDescriptor;
  /** Every EntityDescriptor, flattened in document order. */
  readonly entities: readonly EntityDescriptor[];
  readonly signature: MetadataSignatureStatus;
}
