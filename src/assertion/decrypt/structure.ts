import type { Element } from '../../xml/tree.js';
import { NS } from '../../xml/namespaces.js';
import { attr, childElements, childNamed, childrenNamed, positionOfNode, textOf } from '../../xml/dom.js';
import { describeValue } from '../../errors.js';
import { AssertionError, type AssertionErrorCode } from '../errors.js';
import { BLOCK_CIPHERS, KEY_TRANSPORT, MGF_ALGORITHMS, OAEP_DIGESTS, TYPE_ELEMENT, TYPE_ENCRYPTED_KEY, type BlockCipher, type HashName } from './algorithms.js';
import type { RsaTransport } from './rsa.js';

/**
 * Reads the *public* structure of a saml:EncryptedAssertion (SAML core 2.0 §2.3.4,
 * EncryptedElementType: one xenc:EncryptedData then zero or more xenc:EncryptedKey)
 * before any cryptography runs. Everything rejected here is about what the message
 * says, not about secret-dependent results, so the messages may be specific.
 */

export interface EncryptedKeyPart {
  readonly element: Element;
  readonly transport: RsaTransport;
  readonly algorithm: string;
  readonly cipherValue: Buffer;
  /** DER of the ds:X509Certificate(s) in the EncryptedKey's ds:KeyInfo (names the recipient key). */
  readonly certificates: readonly Buffer[];
}

export interface EncryptedAssertionParts {
  readonly cipher: BlockCipher;
  readonly cipherValue: Buffer;
  /** Usable key transports, in document order (inline ones first). */
  readonly keys: readonly EncryptedKeyPart[];
}

function fail(code: AssertionErrorCode, message: string, node: Element, expected: unknown, actual: unknown): AssertionError {
  return new AssertionError(code, message, { expected, actual, ...positionOfNode(node) });
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Most xenc:EncryptedKey elements considered for one EncryptedAssertion (one per recipient key is usual). */
export const MAX_ENCRYPTED_KEYS = 8;

/** Base64 of a xenc:CipherData/xenc:CipherValue (xmlenc-core §3.3; CipherReference is not supported). */
function cipherValueOf(owner: Element, what: string): Buffer {
  const cipherData = childNamed(owner, NS.XENC, 'CipherData');
  const value = cipherData && childNamed(cipherData, NS.XENC, 'CipherValue');
  if (!cipherData || !value) {
    const found = cipherData && childNamed(cipherData, NS.XENC, 'CipherReference') ? 'xenc:CipherReference (not supported)' : 'no xenc:CipherValue';
    throw fail('ERR_ASSERTION_DECRYPT_FAILED', `Expected xenc:CipherData/xenc:CipherValue in the ${what}, found ${found}`, owner, 'xenc:CipherValue', found);
  }
  const b64 = textOf(value).replace(/[\s]+/g, '');
  if (b64.length === 0 || b64.length % 4 !== 0 || !BASE64.test(b64)) {
    throw fail('ERR_ASSERTION_DECRYPT_FAILED', `Expected base64 in the ${what}'s xenc:CipherValue, found ${describeValue(b64, 40)}`, value, 'base64', describeValue(b64, 40));
  }
  return Buffer.from(b64, 'base64');
}

/** Parse one xenc:EncryptedKey; throws ERR_ASSERTION_DECRYPT_ALGORITHM for a transport we do not (or may not) use. */
function readEncryptedKey(ek: Element, allowRsa15: boolean): EncryptedKeyPart {
  const method = childNamed(ek, NS.XENC, 'EncryptionMethod');
  const algorithm = method ? attr(method, 'Algorithm') : undefined;
  if (!method || !algorithm) {
    throw fail('ERR_ASSERTION_DECRYPT_ALGORITHM', 'Expected xenc:EncryptedKey/xenc:EncryptionMethod with an Algorithm, found none', ek, 'an EncryptionMethod', '(absent)');
  }
  let transport: RsaTransport;
  if (algorithm === KEY_TRANSPORT.RSA_1_5) {
    // xmlenc-core1 §5.5.1: RSA v1.5 is vulnerable to chosen-ciphertext attacks; opt-in only.
    if (!allowRsa15) {
      throw fail('ERR_ASSERTION_DECRYPT_ALGORITHM', `Key transport ${algorithm} (RSA PKCS#1 v1.5) is refused; the IdP should use RSA-OAEP (set allowRsa15 to accept it)`, method, [KEY_TRANSPORT.RSA_OAEP_MGF1P, KEY_TRANSPORT.RSA_OAEP], algorithm);
    }
    transport = { kind: 'pkcs1' };
  } else if (algorithm === KEY_TRANSPORT.RSA_OAEP_MGF1P || algorithm === KEY_TRANSPORT.RSA_OAEP) {
    // xmlenc-core §5.4.2 / xmlenc-core1 §5.5.2: DigestMethod defaults to SHA-1; mgf1p fixes MGF1-SHA1.
    const dm = childNamed(method, NS.DS, 'DigestMethod');
    const digestUri = dm ? attr(dm, 'Algorithm') : undefined;
    const hash = digestUri === undefined ? 'sha1' : OAEP_DIGESTS.get(digestUri);
    if (!hash) throw fail('ERR_ASSERTION_DECRYPT_ALGORITHM', `Expected a known OAEP ds:DigestMethod, found ${describeValue(digestUri)}`, dm ?? method, [...OAEP_DIGESTS.keys()], digestUri);
    let mgf: HashName | undefined = 'sha1';
    if (algorithm === KEY_TRANSPORT.RSA_OAEP) {
      const mgfEl = childNamed(method, NS.XENC11, 'MGF');
      const mgfUri = mgfEl ? attr(mgfEl, 'Algorithm') : undefined;
      mgf = mgfUri === undefined ? 'sha1' : MGF_ALGORITHMS.get(mgfUri);
      if (!mgf) throw fail('ERR_ASSERTION_DECRYPT_ALGORITHM', `Expected a known xenc11:MGF algorithm, found ${describeValue(mgfUri)}`, mgfEl ?? method, [...MGF_ALGORITHMS.keys()], mgfUri);
    }
    const params = childNamed(method, NS.XENC, 'OAEPparams');
    const labelB64 = params ? textOf(params).replace(/\s+/g, '') : '';
    if (!BASE64.test(labelB64) || labelB64.length % 4 !== 0) {
      throw fail('ERR_ASSERTION_DECRYPT_FAILED', 'Expected base64 in xenc:OAEPparams', params ?? method, 'base64', describeValue(labelB64, 40));
    }
    transport = { kind: 'oaep', hash, mgfHash: mgf, label: Buffer.from(labelB64, 'base64') };
  } else {
    throw fail('ERR_ASSERTION_DECRYPT_ALGORITHM', `Expected RSA-OAEP key transport, found ${describeValue(algorithm)}`, method, [KEY_TRANSPORT.RSA_OAEP_MGF1P, KEY_TRANSPORT.RSA_OAEP], algorithm);
  }
  const certificates: Buffer[] = [];
  const keyInfo = childNamed(ek, NS.DS, 'KeyInfo');
  if (keyInfo) {
    for (const x509 of childrenNamed(keyInfo, NS.DS, 'X509Data')) {
      for (const c of childrenNamed(x509, NS.DS, 'X509Certificate')) {
        const b64 = textOf(c).replace(/\s+/g, '');
        if (BASE64.test(b64) && b64.length % 4 === 0 && b64.length > 0) certificates.push(Buffer.from(b64, 'base64'));
      }
    }
  }
  return { element: ek, transport, algorithm, cipherValue: cipherValueOf(ek, 'xenc:EncryptedKey'), certificates };
}

/**
 * Split a saml:EncryptedAssertion into its cipher, cipher text and candidate encrypted keys.
 * Keys come from EncryptedData/ds:KeyInfo (inline xenc:EncryptedKey, or ds:RetrievalMethod
 * pointing at a sibling by Id), else every sibling xenc:EncryptedKey (SAML core §2.3.4).
 * Keys are never looked up outside the EncryptedAssertion.
 */
export function readEncryptedAssertion(ea: Element, allowRsa15: boolean): EncryptedAssertionParts {
  const children = childElements(ea);
  const data = children[0];
  if (!data || data.namespaceURI !== NS.XENC || data.localName !== 'EncryptedData') {
    throw fail('ERR_ASSERTION_DECRYPT_FAILED', `Expected xenc:EncryptedData as the first child of saml:EncryptedAssertion, found ${data ? `<${data.nodeName}>` : 'nothing'}`, data ?? ea, 'xenc:EncryptedData', data?.nodeName ?? '(absent)');
  }
  const siblings = children.slice(1);
  for (const s of siblings) {
    if (s.namespaceURI !== NS.XENC || s.localName !== 'EncryptedKey') {
      throw fail('ERR_ASSERTION_DECRYPT_FAILED', `Expected only xenc:EncryptedKey after xenc:EncryptedData, found <${s.nodeName}>`, s, 'xenc:EncryptedKey', s.nodeName);
    }
  }
  const type = attr(data, 'Type');
  if (type !== undefined && type !== TYPE_ELEMENT) {
    throw fail('ERR_ASSERTION_DECRYPT_FAILED', `Expected xenc:EncryptedData Type ${TYPE_ELEMENT}, found ${describeValue(type)}`, data, TYPE_ELEMENT, type);
  }
  const method = childNamed(data, NS.XENC, 'EncryptionMethod');
  const algorithm = method ? attr(method, 'Algorithm') : undefined;
  const cipher = algorithm === undefined ? undefined : BLOCK_CIPHERS.get(algorithm);
  if (!cipher) {
    throw fail('ERR_ASSERTION_DECRYPT_ALGORITHM', `Expected an AES-CBC or AES-GCM xenc:EncryptionMethod on xenc:EncryptedData, found ${describeValue(algorithm)}`, method ?? data, [...BLOCK_CIPHERS.keys()], algorithm);
  }

  const keyElements: Element[] = [];
  const keyInfo = childNamed(data, NS.DS, 'KeyInfo');
  if (keyInfo) {
    for (const c of childElements(keyInfo)) {
      if (c.namespaceURI === NS.XENC && c.localName === 'EncryptedKey') keyElements.push(c);
      else if (c.namespaceURI === NS.DS && c.localName === 'RetrievalMethod') {
        const uri = attr(c, 'URI') ?? '';
        const rtype = attr(c, 'Type');
        const target = uri.startsWith('#') ? siblings.find((s) => attr(s, 'Id') === uri.slice(1)) : undefined;
        if ((rtype !== undefined && rtype !== TYPE_ENCRYPTED_KEY) || !target) {
          throw fail('ERR_ASSERTION_DECRYPT_FAILED', `Expected ds:RetrievalMethod to point at a sibling xenc:EncryptedKey, found URI ${describeValue(uri)}`, c, 'URI="#<Id of a sibling xenc:EncryptedKey>"', uri);
        }
        keyElements.push(target);
      }
    }
  }
  if (keyElements.length === 0) keyElements.push(...siblings);
  if (keyElements.length === 0) {
    throw fail('ERR_ASSERTION_DECRYPT_NO_KEY', 'Expected an xenc:EncryptedKey in the saml:EncryptedAssertion, found none', data, 'xenc:EncryptedKey', '(absent)');
  }
  const unique = [...new Set(keyElements)];
  if (unique.length > MAX_ENCRYPTED_KEYS) {
    // Each EncryptedKey costs an RSA private-key operation per SP key: cap the work an
    // unauthenticated message can ask for.
    throw fail('ERR_ASSERTION_DECRYPT_FAILED', `Expected at most ${MAX_ENCRYPTED_KEYS} xenc:EncryptedKey elements, found ${unique.length}`, ea, MAX_ENCRYPTED_KEYS, unique.length);
  }
  const keys: EncryptedKeyPart[] = [];
  let firstError: unknown;
  for (const ek of unique) {
    try {
      keys.push(readEncryptedKey(ek, allowRsa15));
    } catch (e) {
      firstError ??= e;
    }
  }
  if (keys.length === 0) throw firstError;
  return { cipher, cipherValue: cipherValueOf(data, 'xenc:EncryptedData'), keys };
}
