import type { KeyInfo } from '../../../certs/types.js';
import { docsPath, type EntityRule, type RawFinding } from '../rule.js';
import { at, certificates, certLabel, useLabel } from '../util.js';

/** Why a key is too weak, or `undefined`. NIST SP 800-131A rev. 2: RSA and DSA at least 2048 bits, EC at least 256. */
export function weakness(key: KeyInfo): string | undefined {
  if ((key.type === 'RSA' || key.type === 'DSA') && key.bits < 2048) return `${key.type} ${key.bits}-bit key (at least 2048 bits expected)`;
  if (key.type === 'EC' && key.bits < 256) return `EC ${key.curve} ${key.bits}-bit key (at least 256 bits expected)`;
  return undefined;
}

export const rule: EntityRule = {
  id: 'cert-weak-key',
  scope: 'entity',
  defaultSeverity: 'error',
  description: 'A certificate has a weak public key: RSA or DSA below 2048 bits, EC below 256 bits.',
  docs: docsPath('cert-weak-key'),
  check(entity): RawFinding[] {
    const out: RawFinding[] = [];
    for (const { entry, key } of certificates(entity)) {
      if (!entry.ok) continue;
      const why = weakness(entry.certificate.key);
      if (why) out.push({ message: `${certLabel(entry)} (${useLabel(key)}) has a weak ${why}`, ...at(entry.line !== undefined ? entry : key) });
    }
    return out;
  },
};
