import { docsPath, type DocumentRule, type RawFinding } from '../rule.js';
import { at } from '../util.js';

/** SAML metadata 2.0 §3 and xmldsig-core §3.2: a key taken from the document itself proves integrity, not origin. */
export const rule: DocumentRule = {
  id: 'metadata-signature-untrusted',
  scope: 'document',
  defaultSeverity: 'info',
  description: 'The metadata signature verifies only with the certificate embedded in it; no trust anchor vouches for the signer.',
  docs: docsPath('metadata-signature-untrusted'),
  check(ctx): RawFinding[] {
    const s = ctx.signature;
    if (s.status !== 'valid' || s.trust !== 'embedded-certificate') return [];
    const who = s.signerThumbprint ? ` (signer SHA-1 ${s.signerThumbprint})` : '';
    return [{ message: `Metadata signature verifies with its own embedded certificate${who} only; pin the signer with --trust or --trust-thumbprint to establish who signed it`, ...at(ctx.document.root) }];
  },
};
