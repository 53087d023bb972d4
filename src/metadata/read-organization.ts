/** md:Organization and md:ContactPerson (SAML metadata 2.0 §2.3.2.1, §2.3.2.2). Text values trimmed. */
import type { Element } from '../xml/tree.js';
import { attr, childElements } from '../xml/dom.js';
import { NS } from '../xml/namespaces.js';
import type { ContactPerson, Organization } from './model.js';
import { trimmedText, withPos } from './read-common.js';

/** md:Organization: every OrganizationName / DisplayName / URL, in document order (all languages). */
export function readOrganization(el: Element): Organization {
  const names: string[] = [];
  const displayNames: string[] = [];
  const urls: string[] = [];
  for (const c of childElements(el)) {
    if (c.namespaceURI !== NS.MD) continue;
    if (c.localName === 'OrganizationName') names.push(trimmedText(c));
    else if (c.localName === 'OrganizationDisplayName') displayNames.push(trimmedText(c));
    else if (c.localName === 'OrganizationURL') urls.push(trimmedText(c));
  }
  return withPos({ names, displayNames, urls }, el);
}

/** md:ContactPerson. A missing `contactType` (schema-required) is `''`. */
export function readContactPerson(el: Element): ContactPerson {
  const out: { -readonly [K in keyof ContactPerson]: ContactPerson[K] } = withPos({
    contactType: attr(el, 'contactType') ?? '',
    emailAddresses: [] as string[],
    telephoneNumbers: [] as string[],
  }, el);
  const emails: string[] = [];
  const phones: string[] = [];
  for (const c of childElements(el)) {
    if (c.namespaceURI !== NS.MD) continue;
    switch (c.localName) {
      case 'Company': out.company = trimmedText(c); break;
      case 'GivenName': out.givenName = trimmedText(c); break;
      case 'SurName': out.surName = trimmedText(c); break;
      case 'EmailAddress': emails.push(trimmedText(c)); break;
      case 'TelephoneNumber': phones.push(trimmedText(c)); break;
    }
  }
  out.emailAddresses = emails;
  out.telephoneNumbers = phones;
  return out;
}
