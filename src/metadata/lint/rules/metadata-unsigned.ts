import { docsPath, type DocumentRule, type RawFinding } from '../rule.js';
import { at } from '../util.js';

/** SAML metadata 2.0 §3: metadata should be signed, or obtained over an authenticated channel. */
export const rule: DocumentRule = {
  id: 'metadata-unsigned',
  scope: 'document',
  defaultSeverity: 'info',
  description: 'The document root carries no signature (and no trust anchor was given): its integrity and origin depend on how it was obtained.',
  docs: docsPath('metadata-unsigned'),
  check(ctx): RawFinding[] {
    // With trust anchors, an unsigned document is a metadata-signature-invalid error instead.
    if (ctx.signature.status !== 'unsigned' || ctx.trustGiven) return [];
    return [{ message: 'Metadata is not signed; make sure it came over an authenticated channel (HTTPS from the partner, or a verified exchange)', ...at(ctx.document.root) }];
  },
};
