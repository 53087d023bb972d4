import { docsPath, type DocumentRule, type RawFinding } from '../rule.js';
import { at } from '../util.js';

/**
 * xmldsig-core §4.4 (KeyInfo is optional: "the recipient may be expected to identify the key based
 * on application context") and SAML metadata 2.0 §3: federation aggregates (Skolfederation, Sambi)
 * sign without KeyInfo because the federation key is distributed separately. Without trust anchors
 * there is no key to check with: the signature is unverifiable, which is not the same as invalid.
 */
export const rule: DocumentRule = {
  id: 'metadata-signature-unverifiable',
  scope: 'document',
  defaultSeverity: 'warning',
  description: 'The document is signed, but the signature cannot be checked: its KeyInfo carries no usable certificate and no trust anchor was given (--trust).',
  docs: docsPath('metadata-signature-unverifiable'),
  check(ctx): RawFinding[] {
    const s = ctx.signature;
    if (ctx.trustGiven || s.status !== 'invalid' || s.code !== 'ERR_METADATA_SIGNATURE_NO_KEY') return [];
    return [{ message: `Metadata signature cannot be checked: ${s.message}; give the federation's signing certificate with --trust to verify it`, ...at(ctx.document.root) }];
  },
};
