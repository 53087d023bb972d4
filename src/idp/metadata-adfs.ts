/**
 * FederationMetadata shaped like AD FS 2.0-2019 (compare ../shared/corpus/metadata/
 * adfs-v3-federationmetadata.xml): a signed EntityDescriptor with an ID; WS-Federation
 * RoleDescriptors (ApplicationServiceType with the encryption key, SecurityTokenServiceType with
 * the signing key); an SPSSODescriptor; the IDPSSODescriptor listing the encryption
 * KeyDescriptor before the signing one, both bindings at /adfs/ls/, and the claim URIs as
 * saml:Attribute with FriendlyName (SAML metadata 2.0 §2.4.3); `<ContactPerson contactType="support"/>`.
 */
import { randomUUID } from 'node:crypto';
import { ADFS_CLAIM_LIST, ATTRNAME_URI, BINDING, NAMEID_FORMAT } from './claims.js';
import type { IdpIdentity } from './identity.js';
import { signElement } from './sign.js';
import { esc, pemBody } from './xml-text.js';

const FED = 'http://docs.oasis-open.org/wsfed/federation/200706';
const AUTH = 'http://docs.oasis-open.org/wsfed/authorization/200706';
const WSA = 'http://www.w3.org/2005/08/addressing';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const WS_PROTOCOLS = 'http://docs.oasis-open.org/ws-sx/ws-trust/200512 http://schemas.xmlsoap.org/ws/2005/02/trust http://docs.oasis-open.org/wsfed/federation/200706';

const keyDescriptor = (use: 'signing' | 'encryption', certPem: string): string =>
  `<KeyDescriptor use="${use}"><KeyInfo xmlns="http://www.w3.org/2000/09/xmldsig#"><X509Data><X509Certificate>${pemBody(certPem)}</X509Certificate></X509Data></KeyInfo></KeyDescriptor>`;

const epr = (address: string): string => `<EndpointReference xmlns="${WSA}"><Address>${esc(address)}</Address></EndpointReference>`;

const claimTypes = (): string =>
  ADFS_CLAIM_LIST.map(([uri, name, description]) => `<auth:ClaimType Uri="${uri}" Optional="true" xmlns:auth="${AUTH}"><auth:DisplayName>${esc(name)}</auth:DisplayName><auth:Description>${esc(description)}</auth:Description></auth:ClaimType>`).join('');

/** Build and sign (xml-crypto, the signing key) the AD FS FederationMetadata document. */
export function buildAdfsMetadata(id: IdpIdentity, host: string): string {
  const encryption = id.encryption ?? id.signing;
  const ls = `${id.baseUrl}${id.ssoPath}`;
  const display = `${esc(host)} AD FS`;
  const docId = `_${randomUUID()}`;
  const roleAttrs = `protocolSupportEnumeration="${WS_PROTOCOLS}" ServiceDisplayName="${display}" xmlns:xsi="${XSI}" xmlns:fed="${FED}"`;
  const xml =
    `<EntityDescriptor ID="${docId}" entityID="${esc(id.entityId)}" xmlns="urn:oasis:names:tc:SAML:2.0:metadata">` +
    `<RoleDescriptor xsi:type="fed:ApplicationServiceType" ${roleAttrs}>${keyDescriptor('encryption', encryption.certificatePem)}` +
    `<fed:ClaimTypesRequested>${claimTypes()}</fed:ClaimTypesRequested>` +
    `<fed:TargetScopes>${epr(ls)}${epr(id.entityId)}</fed:TargetScopes>` +
    `<fed:PassiveRequestorEndpoint>${epr(ls)}</fed:PassiveRequestorEndpoint></RoleDescriptor>` +
    `<RoleDescriptor xsi:type="fed:SecurityTokenServiceType" ${roleAttrs}>${keyDescriptor('signing', id.signing.certificatePem)}` +
    `<fed:TokenTypesOffered><fed:TokenType Uri="urn:oasis:names:tc:SAML:2.0:assertion"/><fed:TokenType Uri="urn:oasis:names:tc:SAML:1.0:assertion"/></fed:TokenTypesOffered>` +
    `<fed:ClaimTypesOffered>${claimTypes()}</fed:ClaimTypesOffered>` +
    `<fed:PassiveRequestorEndpoint>${epr(ls)}</fed:PassiveRequestorEndpoint></RoleDescriptor>` +
    `<SPSSODescriptor WantAssertionsSigned="true" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">` +
    `${keyDescriptor('encryption', encryption.certificatePem)}${keyDescriptor('signing', id.signing.certificatePem)}` +
    `<SingleLogoutService Binding="${BINDING.REDIRECT}" Location="${esc(ls)}"/><SingleLogoutService Binding="${BINDING.POST}" Location="${esc(ls)}"/>` +
    `<NameIDFormat>${NAMEID_FORMAT.EMAIL}</NameIDFormat><NameIDFormat>${NAMEID_FORMAT.PERSISTENT}</NameIDFormat><NameIDFormat>${NAMEID_FORMAT.TRANSIENT}</NameIDFormat>` +
    `<AssertionConsumerService Binding="${BINDING.POST}" Location="${esc(ls)}" index="0" isDefault="true"/>` +
    `<AssertionConsumerService Binding="${BINDING.REDIRECT}" Location="${esc(ls)}" index="1"/></SPSSODescriptor>` +
    `<IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">` +
    `${keyDescriptor('encryption', encryption.certificatePem)}${keyDescriptor('signing', id.signing.certificatePem)}` +
    `<SingleLogoutService Binding="${BINDING.REDIRECT}" Location="${esc(ls)}"/><SingleLogoutService Binding="${BINDING.POST}" Location="${esc(ls)}"/>` +
    `<NameIDFormat>${NAMEID_FORMAT.EMAIL}</NameIDFormat><NameIDFormat>${NAMEID_FORMAT.PERSISTENT}</NameIDFormat><NameIDFormat>${NAMEID_FORMAT.TRANSIENT}</NameIDFormat>` +
    `<SingleSignOnService Binding="${BINDING.REDIRECT}" Location="${esc(ls)}"/><SingleSignOnService Binding="${BINDING.POST}" Location="${esc(ls)}"/>` +
    ADFS_CLAIM_LIST.map(([uri, name]) => `<Attribute Name="${uri}" NameFormat="${ATTRNAME_URI}" FriendlyName="${esc(name)}" xmlns="urn:oasis:names:tc:SAML:2.0:assertion"/>`).join('') +
    `</IDPSSODescriptor><ContactPerson contactType="support"/></EntityDescriptor>`;
  return signElement(xml, { id: docId, privateKeyPem: id.signing.privateKeyPem, certificatePem: id.signing.certificatePem, placement: 'first-child' });
}
