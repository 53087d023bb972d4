import { docsPath, type DocumentRule, type RawFinding } from '../rule.js';
import { at } from '../util.js';

/** xmldsig-core §3.2 (core validation) and SAML metadata 2.0 §3: a signature that does not verify means the document was altered. */
export const rule: DocumentRule = {
  id: 'metadata-signature-invalid',
  scope: 'document',
  defaultSeverity: 'error',
  description: "The document's enveloped signature does not verify (altered content, wrong key, untrusted signer, or a malformed Signature).",
  docs: docsPath('metadata-signature-invalid'),
  check(ctx): RawFinding[] {
    const s = ctx.signature;
    if (s.status !== 'invalid') return [];
    return [{ message: `Metadata signature is invalid: ${s.code}: ${s.message}`, ...at(ctx.document.root) }];
  },
};
