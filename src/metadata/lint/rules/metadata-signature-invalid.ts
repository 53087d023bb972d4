import { docsPath, type DocumentRule, type RawFinding } from '../rule.js';
import { at } from '../util.js';

/** xmldsig-core §3.2 (core validation) and SAML metadata 2.0 §3: a signature that does not verify means the document was altered. */
export const rule: DocumentRule = {
  id: 'metadata-signature-invalid',
  scope: 'document',
  defaultSeverity: 'error',
  description: "The document's enveloped signature does not verify (altered content, wrong key, untrusted signer, or a malformed Signature), or trust anchors were given and the document is unsigned. A signature that cannot be checked for want of a key is metadata-signature-unverifiable.",
  docs: docsPath('metadata-signature-invalid'),
  check(ctx): RawFinding[] {
    const s = ctx.signature;
    // Shibboleth's SignatureValidationFilter (requireSignedRoot, its default): once a signer is
    // pinned, an unsigned document cannot be authenticated and is refused, not passed as "unsigned".
    if (s.status === 'unsigned' && ctx.trustGiven) {
      return [{ message: 'Expected the metadata to be signed by a trust anchor (--trust / --trust-thumbprint), found no ds:Signature on the document root', ...at(ctx.document.root) }];
    }
    if (s.status !== 'invalid') return [];
    // No key to check with (no KeyInfo certificate, no trust anchor): metadata-signature-unverifiable.
    if (s.code === 'ERR_METADATA_SIGNATURE_NO_KEY' && !ctx.trustGiven) return [];
    return [{ message: `Metadata signature is invalid: ${s.code}: ${s.message}`, ...at(ctx.document.root) }];
  },
};
