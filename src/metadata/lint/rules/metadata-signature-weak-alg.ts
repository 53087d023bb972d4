import { docsPath, type DocumentRule, type RawFinding } from '../rule.js';
import { at } from '../util.js';

/** True for SHA-1 algorithm URIs (xmldsig-core §6.2.1 sha1, §6.4.2 rsa-sha1, RFC 6931 ecdsa-sha1 …). */
export function isSha1Uri(uri: string): boolean {
  return /[#-]sha1$/i.test(uri);
}

/** RFC 6931 §2.2.1 / §2.3.2 and xmldsig-core1 §6.1: SHA-1 based algorithms are deprecated (collisions). */
export const rule: DocumentRule = {
  id: 'metadata-signature-weak-alg',
  scope: 'document',
  defaultSeverity: 'warning',
  description: 'The metadata signature uses SHA-1 (rsa-sha1 signature or sha1 digest).',
  docs: docsPath('metadata-signature-weak-alg'),
  check(ctx): RawFinding[] {
    const s = ctx.signature;
    if (s.status !== 'valid') return [];
    const weak = [s.signatureAlgorithm, s.digestAlgorithm].filter(isSha1Uri);
    if (weak.length === 0 && !s.warnings.includes('metadata-signature-weak-alg')) return [];
    return [{ message: `Metadata signature uses SHA-1: ${weak.length > 0 ? weak.join(', ') : `${s.signatureAlgorithm}, ${s.digestAlgorithm}`}; ask the publisher to sign with rsa-sha256 and a sha256 digest`, ...at(ctx.document.root) }];
  },
};
