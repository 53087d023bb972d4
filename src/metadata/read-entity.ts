/**
 * One md:EntityDescriptor → model (SAML metadata 2.0 §2.3.2). Self-contained on purpose:
 * a streaming splitter can hand it one EntityDescriptor element at a time.
 */
import type { Element } from '../xml/tree.js';
import { attr, childElements } from '../xml/dom.js';
import { NS } from '../xml/namespaces.js';
import { detectFlavour } from './flavour.js';
import type { ContactPerson, EntityDescriptor, IdpSsoDescriptor, Organization, OtherRoleDescriptor, SpSsoDescriptor } from './model.js';
import { withPos } from './read-common.js';
import { readContactPerson, readOrganization } from './read-organization.js';
import { readIdpSsoDescriptor, readSpSsoDescriptor } from './read-role.js';

const OTHER_ROLES = new Set(['RoleDescriptor', 'AuthnAuthorityDescriptor', 'AttributeAuthorityDescriptor', 'PDPDescriptor', 'AffiliationDescriptor']);

/** A non-SSO role descriptor, with its `xsi:type` resolved against the namespaces in scope. */
export function readOtherRole(el: Element): OtherRoleDescriptor {
  const out: { -readonly [K in keyof OtherRoleDescriptor]: OtherRoleDescriptor[K] } = withPos({ element: el.localName ?? el.nodeName }, el);
  const type = el.getAttributeNS(NS.XSI, 'type');
  if (type !== null && type !== '' && el.hasAttributeNS(NS.XSI, 'type')) {
    const t = type.trim();
    out.xsiType = t;
    const colon = t.indexOf(':');
    const prefix = colon === -1 ? null : t.slice(0, colon);
    out.xsiTypeLocalName = colon === -1 ? t : t.slice(colon + 1);
    // XML Schema Part 1 §3.14.4: the QName's prefix resolves against the in-scope namespaces.
    const ns = el.lookupNamespaceURI(prefix);
    if (ns) out.xsiTypeNamespace = ns;
  }
  return out;
}

/**
 * Read one md:EntityDescriptor. Tolerant: a missing entityID is `undefined`, unknown children
 * are skipped, unparsable certificates are kept as `{ ok: false }` entries.
 */
export function readEntityDescriptor(el: Element): EntityDescriptor {
  const idpSsoDescriptors: IdpSsoDescriptor[] = [];
  const spSsoDescriptors: SpSsoDescriptor[] = [];
  const otherRoles: string[] = [];
  const otherRoleDescriptors: OtherRoleDescriptor[] = [];
  const contacts: ContactPerson[] = [];
  let organization: Organization | undefined;
  let signed = false;
  for (const child of childElements(el)) {
    const ns = child.namespaceURI;
    const name = child.localName;
    if (ns === NS.DS && name === 'Signature') {
      signed = true;
    } else if (ns === NS.MD) {
      if (name === 'IDPSSODescriptor') idpSsoDescriptors.push(readIdpSsoDescriptor(child));
      else if (name === 'SPSSODescriptor') spSsoDescriptors.push(readSpSsoDescriptor(child));
      else if (name === 'Organization') organization ??= readOrganization(child);
      else if (name === 'ContactPerson') contacts.push(readContactPerson(child));
      else if (name !== null && OTHER_ROLES.has(name)) {
        const role = readOtherRole(child);
        otherRoleDescriptors.push(role);
        otherRoles.push(role.xsiType === undefined ? role.element : `${role.element}[${role.xsiType}]`);
      }
    }
  }
  const base: { -readonly [K in keyof EntityDescriptor]: EntityDescriptor[K] } = withPos({
    kind: 'entity' as const,
    entityId: attr(el, 'entityID'),
    idpSsoDescriptors,
    spSsoDescriptors,
    otherRoles,
    otherRoleDescriptors,
    contacts,
    flavour: { flavour: 'generic', reason: '' } as EntityDescriptor['flavour'],
    signed,
  }, el);
  const id = attr(el, 'ID');
  if (id !== undefined) base.id = id;
  const validUntil = attr(el, 'validUntil');
  if (validUntil !== undefined) base.validUntil = validUntil;
  const cacheDuration = attr(el, 'cacheDuration');
  if (cacheDuration !== undefined) base.cacheDuration = cacheDuration;
  if (organization !== undefined) base.organization = organization;
  base.flavour = detectFlavour(base);
  return base;
}
