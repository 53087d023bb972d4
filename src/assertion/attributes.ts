import type { Element } from '../xml/tree.js';
import { NS } from '../xml/namespaces.js';
import { attr, childElements, childrenNamed, textOf } from '../xml/dom.js';
import type { Verified } from '../xml/dsig/types.js';
import type { AttributeDetail } from './types.js';

export interface AttributesResult {
  readonly attributes: Record<string, string[]>;
  readonly attributeDetails: AttributeDetail[];
}

/**
 * Attributes from every AttributeStatement (SAML core 2.0 §2.7.3). Values are the whole text
 * of each AttributeValue (`textOf`); `xsi:nil` values are skipped. Attributes with the same
 * Name are merged. `attributes` is keyed by Name, and also by FriendlyName when that neither
 * equals another attribute's Name nor is shared by two attributes. EncryptedAttribute is not
 * decrypted: it is skipped with a warning.
 */
export function readAttributes(assertion: Verified<Element>, warnings: string[]): AttributesResult {
  const byName = new Map<string, { friendlyName?: string; nameFormat?: string; values: string[] }>();
  let encrypted = 0;
  for (const statement of childrenNamed(assertion, NS.SAML, 'AttributeStatement')) {
    for (const el of childElements(statement)) {
      if (el.namespaceURI === NS.SAML && el.localName === 'EncryptedAttribute') {
        encrypted++;
        continue;
      }
      if (el.namespaceURI !== NS.SAML || el.localName !== 'Attribute') continue;
      const name = attr(el, 'Name');
      if (name === undefined) continue;
      const values: string[] = [];
      for (const v of childrenNamed(el, NS.SAML, 'AttributeValue')) {
        const nil = v.getAttributeNodeNS(NS.XSI, 'nil')?.value;
        if (nil === 'true' || nil === '1') continue;
        values.push(textOf(v));
      }
      const prev = byName.get(name);
      if (prev) {
        // A loop, not push(...values): a spread of tens of thousands of values overflows the call stack.
        for (const v of values) prev.values.push(v);
        continue;
      }
      const friendlyName = attr(el, 'FriendlyName');
      const nameFormat = attr(el, 'NameFormat');
      byName.set(name, { ...(friendlyName !== undefined ? { friendlyName } : {}), ...(nameFormat !== undefined ? { nameFormat } : {}), values });
    }
  }
  if (encrypted > 0) warnings.push(`${encrypted} saml:EncryptedAttribute element(s) ignored: encrypted attributes are not decrypted`);

  const attributes: Record<string, string[]> = {};
  const attributeDetails: AttributeDetail[] = [];
  const friendlyCount = new Map<string, number>();
  for (const [name, a] of byName) {
    define(attributes, name, a.values);
    attributeDetails.push({ name, ...(a.friendlyName !== undefined ? { friendlyName: a.friendlyName } : {}), ...(a.nameFormat !== undefined ? { nameFormat: a.nameFormat } : {}), values: a.values });
    if (a.friendlyName) friendlyCount.set(a.friendlyName, (friendlyCount.get(a.friendlyName) ?? 0) + 1);
  }
  for (const [name, a] of byName) {
    const f = a.friendlyName;
    if (!f || f === name || byName.has(f) || friendlyCount.get(f) !== 1) continue;
    define(attributes, f, a.values);
  }
  return { attributes, attributeDetails };
}

/** Own enumerable property, also for names like `__proto__` (no prototype pollution from partner data). */
function define(target: Record<string, string[]>, key: string, values: string[]): void {
  Object.defineProperty(target, key, { value: values, enumerable: true, writable: true, configurable: true });
}
