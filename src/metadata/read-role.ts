/**
 * IDPSSODescriptor and SPSSODescriptor (SAML metadata 2.0 §2.4.1 RoleDescriptorType,
 * §2.4.2 SSODescriptorType, §2.4.3 IDPSSODescriptor, §2.4.4 SPSSODescriptor).
 * One pass over the element's children.
 */
import type { Element } from '../xml/tree.js';
import { attr, childElements } from '../xml/dom.js';
import { NS } from '../xml/namespaces.js';
import type { AdvertisedAttribute, Endpoint, IdpSsoDescriptor, KeyDescriptor, SpSsoDescriptor } from './model.js';
import { boolAttr, readEndpoint, trimmedText, uriList, withPos } from './read-common.js';
import { readKeyDescriptor } from './read-keys.js';

/** `saml:Attribute` advertised by an IdP (metadata 2.0 §2.4.3; SAML core 2.0 §2.7.3.1). Values trimmed. */
export function readAdvertisedAttribute(el: Element): AdvertisedAttribute {
  const values: string[] = [];
  for (const v of childElements(el)) {
    if (v.namespaceURI === NS.SAML && v.localName === 'AttributeValue') values.push(trimmedText(v));
  }
  const out: { -readonly [K in keyof AdvertisedAttribute]: AdvertisedAttribute[K] } = withPos({ name: attr(el, 'Name') ?? '', values }, el);
  const nameFormat = attr(el, 'NameFormat');
  if (nameFormat !== undefined) out.nameFormat = nameFormat;
  const friendlyName = attr(el, 'FriendlyName');
  if (friendlyName !== undefined) out.friendlyName = friendlyName;
  return out;
}

/** The fields every SSODescriptor has, built in the order the model lists them. */
interface Common {
  protocolSupportEnumeration: string[];
  keyDescriptors: KeyDescriptor[];
  singleLogoutServices: Endpoint[];
  nameIdFormats: string[];
  validUntil?: string;
  cacheDuration?: string;
  errorUrl?: string;
}

/**
 * `{ kind, protocolSupportEnumeration, keyDescriptors, singleLogoutServices, nameIdFormats,
 * validUntil?, cacheDuration?, errorUrl? }`: the object the descriptor is then completed in place
 * (the same fields in the same order as the object spread `{ kind, ...common, ... }` this replaced,
 * without the copy: V8 runs a spread that follows other properties on a slow path).
 */
function common<K extends 'idp' | 'sp'>(el: Element, kind: K): Common & { kind: K } {
  const out: Common & { kind: K } = { kind, protocolSupportEnumeration: uriList(attr(el, 'protocolSupportEnumeration')), keyDescriptors: [], singleLogoutServices: [], nameIdFormats: [] };
  const validUntil = attr(el, 'validUntil');
  if (validUntil !== undefined) out.validUntil = validUntil;
  const cacheDuration = attr(el, 'cacheDuration');
  if (cacheDuration !== undefined) out.cacheDuration = cacheDuration;
  const errorUrl = attr(el, 'errorURL');
  if (errorUrl !== undefined) out.errorUrl = errorUrl;
  return out;
}

/** Children every SSODescriptor has; returns false when `child` is not one of them. */
function readCommonChild(out: Common, child: Element): boolean {
  if (child.namespaceURI !== NS.MD) return false;
  switch (child.localName) {
    case 'KeyDescriptor':
      out.keyDescriptors.push(readKeyDescriptor(child));
      return true;
    case 'SingleLogoutService':
      out.singleLogoutServices.push(readEndpoint(child, false));
      return true;
    case 'NameIDFormat':
      out.nameIdFormats.push(trimmedText(child));
      return true;
    default:
      return false;
  }
}

/** md:IDPSSODescriptor → model. */
export function readIdpSsoDescriptor(el: Element): IdpSsoDescriptor {
  const c = common(el, 'idp');
  const singleSignOnServices: Endpoint[] = [];
  const attributes: AdvertisedAttribute[] = [];
  for (const child of childElements(el)) {
    if (readCommonChild(c, child)) continue;
    if (child.namespaceURI === NS.MD && child.localName === 'SingleSignOnService') singleSignOnServices.push(readEndpoint(child, false));
    else if (child.namespaceURI === NS.SAML && child.localName === 'Attribute') attributes.push(readAdvertisedAttribute(child));
  }
  const out = c as Common & { -readonly [K in keyof IdpSsoDescriptor]: IdpSsoDescriptor[K] };
  out.singleSignOnServices = singleSignOnServices;
  out.attributes = attributes;
  withPos(out, el);
  const want = boolAttr(el, 'WantAuthnRequestsSigned');
  if (want !== undefined) out.wantAuthnRequestsSigned = want;
  return out;
}

/** md:SPSSODescriptor → model. */
export function readSpSsoDescriptor(el: Element): SpSsoDescriptor {
  const c = common(el, 'sp');
  const assertionConsumerServices: Endpoint[] = [];
  for (const child of childElements(el)) {
    if (readCommonChild(c, child)) continue;
    if (child.namespaceURI === NS.MD && child.localName === 'AssertionConsumerService') assertionConsumerServices.push(readEndpoint(child, true));
  }
  const out = c as Common & { -readonly [K in keyof SpSsoDescriptor]: SpSsoDescriptor[K] };
  out.assertionConsumerServices = assertionConsumerServices;
  withPos(out, el);
  const ars = boolAttr(el, 'AuthnRequestsSigned');
  if (ars !== undefined) out.authnRequestsSigned = ars;
  const was = boolAttr(el, 'WantAssertionsSigned');
  if (was !== undefined) out.wantAssertionsSigned = was;
  return out;
}
