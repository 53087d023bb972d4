import { docsPath, type EntityRule, type RawFinding } from '../rule.js';
import { keyDescriptorsFor } from '../../read-keys.js';
import { at, useLabel } from '../util.js';

/**
 * SAML metadata 2.0 §2.4.1.1: a KeyDescriptor with use="signing", or without `use`, carries a
 * key the IdP signs with. Without one no SP can verify its assertions.
 */
export const rule: EntityRule = {
  id: 'no-signing-cert',
  scope: 'entity',
  defaultSeverity: 'error',
  description: 'An IDPSSODescriptor has no KeyDescriptor (use="signing" or no use) with a certificate that parses.',
  docs: docsPath('no-signing-cert'),
  check(entity): RawFinding[] {
    const out: RawFinding[] = [];
    for (const idp of entity.idpSsoDescriptors) {
      const signing = keyDescriptorsFor(idp, 'signing');
      if (signing.some((k) => k.certificates.some((c) => c.ok))) continue;
      const why =
        idp.keyDescriptors.length === 0
          ? 'it has no KeyDescriptor at all'
          : signing.length === 0
            ? `expected a KeyDescriptor use="signing" or without use, found ${idp.keyDescriptors.map(useLabel).join(', ')}`
            : signing.every((k) => k.certificates.length === 0)
              ? signing.some((k) => k.keyNames.length > 0)
                ? `its signing KeyDescriptors carry only a ds:KeyName (${signing.flatMap((k) => k.keyNames).slice(0, 3).map((n) => JSON.stringify(n)).join(', ')}), no ds:X509Certificate: ask the partner for metadata with the certificate`
                : 'its signing KeyDescriptors carry no ds:X509Certificate'
              : 'its signing KeyDescriptors carry no certificate that parses';
      out.push({ message: `IDPSSODescriptor has no usable signing certificate: ${why}`, ...at(idp) });
    }
    return out;
  },
};
