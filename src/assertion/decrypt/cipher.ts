import { createDecipheriv } from 'node:crypto';
import type { BlockCipher } from './algorithms.js';

/**
 * Decrypt xenc:CipherValue octets with a block cipher. Returns `undefined` on *any* failure
 * (length, padding, authentication tag) so callers cannot tell them apart.
 *
 * - CBC (xmlenc-core §5.2): IV (16 bytes) ‖ ciphertext; padding per §5.2 — the last octet is
 *   the number of padding octets (1..16); the other padding octets are arbitrary, so they are
 *   *not* checked as PKCS#7.
 * - GCM (xmlenc-core1 §5.2.4): IV (12 bytes) ‖ ciphertext ‖ 128-bit tag.
 */
export function decryptBlock(alg: BlockCipher, key: Buffer, data: Buffer): Buffer | undefined {
  if (key.length !== alg.keyBytes) return undefined;
  if (alg.mode === 'gcm') {
    if (data.length < alg.ivBytes + 16) return undefined;
    const iv = data.subarray(0, alg.ivBytes);
    const tag = data.subarray(data.length - 16);
    const body = data.subarray(alg.ivBytes, data.length - 16);
    try {
      const d = createDecipheriv(alg.cipher as 'aes-256-gcm', key, iv, { authTagLength: 16 });
      d.setAuthTag(tag);
      return Buffer.concat([d.update(body), d.final()]);
    } catch {
      return undefined;
    }
  }
  const body = data.subarray(alg.ivBytes);
  if (data.length < alg.ivBytes + 16 || body.length % 16 !== 0) return undefined;
  let plain: Buffer;
  try {
    const d = createDecipheriv(alg.cipher, key, data.subarray(0, alg.ivBytes));
    d.setAutoPadding(false);
    plain = Buffer.concat([d.update(body), d.final()]);
  } catch {
    return undefined;
  }
  const pad = plain[plain.length - 1]!;
  if (pad < 1 || pad > 16) return undefined;
  return plain.subarray(0, plain.length - pad);
}
