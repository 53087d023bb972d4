import { createPrivateKey, type KeyObject } from 'node:crypto';
import type { Element } from '../xml/tree.js';
import { NS } from '../xml/namespaces.js';
import { indexIds } from '../xml/ids.js';
import { positionOfNode } from '../xml/dom.js';
import { decryptAssertionElement } from './decrypt/index.js';
import { KEY_TRANSPORT } from './decrypt/algorithms.js';
import { AssertionError } from './errors.js';
import { allAssertions } from './locate.js';

export interface DecryptionSettings {
  readonly decryptionKeys: readonly KeyObject[];
  readonly allowRsa15: boolean;
  readonly maxBytes: number;
}

/**
 * Decrypt a saml:EncryptedAssertion (SAML core 2.0 §2.3.4, §6.2) with the SP's keys and parse
 * the plaintext with the same hardened parser. The result must be exactly one saml:Assertion
 * (root), with no duplicate IDs and no nested assertions.
 *
 * @throws {AssertionError} ERR_ASSERTION_ENCRYPTED_NO_KEYS, ERR_ASSERTION_DECRYPT_*, ERR_ASSERTION_DECRYPTED_ROOT, ERR_RESPONSE_ASSERTION_COUNT
 * @throws {XmlError} when the plaintext is not acceptable XML
 */
export function openEncryptedAssertion(encrypted: Element, settings: DecryptionSettings, warnings: string[] = []): Element {
  if (settings.decryptionKeys.length === 0) {
    throw new AssertionError('ERR_ASSERTION_ENCRYPTED_NO_KEYS', 'Expected decryptionKeys to decrypt the saml:EncryptedAssertion, found none configured', {
      expected: 'SP decryption key(s)',
      actual: 'none',
      ...positionOfNode(encrypted),
    });
  }
  // Decrypts and parses the plaintext with the same hardened parseXml: the tree it returns is the
  // one every later check reads (the plaintext is parsed exactly once).
  const decrypted = decryptAssertionElement(encrypted, settings.decryptionKeys, { allowRsa15: settings.allowRsa15, maxBytes: settings.maxBytes });
  if (decrypted.keyTransports.includes(KEY_TRANSPORT.RSA_1_5)) {
    warnings.push('RSA PKCS#1 v1.5 key transport accepted because allowRsa15 is set (xmlenc-core1 §5.5.1: vulnerable to chosen-ciphertext attacks); ask the IdP for RSA-OAEP');
  }
  const root = decrypted.parsed.root;
  if (root.localName !== 'Assertion' || root.namespaceURI !== NS.SAML) {
    const found = root.namespaceURI ? `{${root.namespaceURI}}${root.localName}` : String(root.localName);
    throw new AssertionError('ERR_ASSERTION_DECRYPTED_ROOT', `Expected the decrypted content to be one saml:Assertion, found ${found}`, {
      expected: `{${NS.SAML}}Assertion`,
      actual: found,
    });
  }
  indexIds(root);
  const nested = allAssertions(root).length;
  if (nested !== 1) {
    throw new AssertionError('ERR_RESPONSE_ASSERTION_COUNT', `Expected exactly one assertion after decryption, found ${nested} (assertions nested inside the decrypted assertion)`, {
      expected: 1,
      actual: nested,
    });
  }
  return root;
}

const keyCache = new WeakMap<readonly (KeyObject | string)[], readonly KeyObject[]>();

/**
 * KeyObjects for `decryptionKeys` (PEM strings parsed once per array).
 * @throws {TypeError} for a value that is not a private key.
 */
export function decryptionKeyObjects(keys: readonly (KeyObject | string)[] | undefined): readonly KeyObject[] {
  if (keys === undefined) return [];
  if (!Array.isArray(keys)) throw new TypeError('verifyResponse: options.decryptionKeys must be an array');
  const hit = keyCache.get(keys);
  if (hit) return hit;
  const out = keys.map((k, i) => {
    if (typeof k === 'string') {
      try {
        return createPrivateKey(k);
      } catch (e) {
        throw new TypeError(`verifyResponse: options.decryptionKeys[${i}] is not a PEM private key (${(e as Error).message})`);
      }
    }
    if (k && typeof k === 'object' && (k as KeyObject).type === 'private') return k as KeyObject;
    throw new TypeError(`verifyResponse: options.decryptionKeys[${i}] must be a private KeyObject or PEM string`);
  });
  keyCache.set(keys, out);
  return out;
}
