/**
 * decryptAssertion: XML Encryption 1.1 of saml:EncryptedAssertion (SAML core 2.0 §2.3.4,
 * xmlenc-core §5.2/§5.4, xmlenc-core1 §5.2.4/§5.5). Cross-checked against two independent
 * implementations: Node's own RSA-OAEP encoder and the xml-encryption package.
 */
import { constants, createCipheriv, publicEncrypt, randomBytes, X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import xmlenc from 'xml-encryption';
import type { Element } from '../../src/xml/tree.js';
import { DECRYPT_FAILED_MESSAGE, decryptAssertion, decryptAssertionElement } from '../../src/assertion/decrypt/index.js';
import { AssertionError } from '../../src/assertion/errors.js';
import { parseXml } from '../../src/xml/parse.js';
import { childNamed } from '../../src/xml/dom.js';
import { NS } from '../../src/xml/namespaces.js';
import { buildAssertion, encryptAssertion, type EncryptOpts } from '../../scripts/fixtures/response-builder.js';
import { SP_DECRYPTION_KEY, WRONG_DECRYPTION_KEY, fixture, pem } from './fixtures.js';

const XENC = 'http://www.w3.org/2001/04/xmlenc#';
const XENC11 = 'http://www.w3.org/2009/xmlenc11#';
const KEYS = [SP_DECRYPTION_KEY];
const PLAIN = buildAssertion({});

/** The saml:EncryptedAssertion of a response fixture. */
function encryptedOf(file: string): Element {
  const { root } = parseXml(fixture(file));
  return childNamed(root, NS.SAML, 'EncryptedAssertion')!;
}
/** Parse a standalone `<saml:EncryptedAssertion>` string. */
const ea = (xml: string): Element => parseXml(xml).root;
const encrypt = (o: EncryptOpts = {}, plain = PLAIN): Element => ea(encryptAssertion(plain, o));

function failure(fn: () => unknown): AssertionError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AssertionError) return e;
    throw e;
  }
  throw new Error('expected decryption to fail');
}

/** Flip one bit of the base64 in the n-th CipherValue (0 = EncryptedKey's when inline, last = EncryptedData's). */
function tamper(xml: string, which: 'data' | 'key', byteFromEnd = 1): string {
  const values = [...xml.matchAll(/<xenc:CipherValue>([^<]*)<\/xenc:CipherValue>/g)];
  // encryptAssertion writes the inline EncryptedKey's CipherValue first, the EncryptedData's last.
  const m = which === 'key' ? values[0]! : values[values.length - 1]!;
  const bytes = Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64');
  bytes[bytes.length - byteFromEnd]! ^= 0x01;
  return xml.replace(m[1]!, bytes.toString('base64'));
}

describe('decryptAssertion: fixtures', () => {
  it('response.encrypted-assertion.gcm.xml: AES-256-GCM + RSA-OAEP-MGF1P', () => {
    const text = decryptAssertion(encryptedOf('response.encrypted-assertion.gcm.xml'), KEYS);
    const { root } = parseXml(text);
    expect(root.localName).toBe('Assertion');
    expect(root.namespaceURI).toBe(NS.SAML);
    expect(root.getAttribute('ID')).toBe('_assert-1');
    expect(childNamed(root, NS.DS, 'Signature')).toBeDefined();
  });

  it('response.encrypted-assertion.cbc.xml: AES-128-CBC + xmlenc11 RSA-OAEP (SHA-256, MGF1-SHA-256), EncryptedKey via RetrievalMethod', () => {
    const { parsed } = decryptAssertionElement(encryptedOf('response.encrypted-assertion.cbc.xml'), KEYS);
    expect(parsed.root.getAttribute('ID')).toBe('_assert-1');
  });

  it('response.encrypted-assertion.rsa15.xml: refused by default, decrypted with allowRsa15', () => {
    const el = encryptedOf('response.encrypted-assertion.rsa15.xml');
    expect(failure(() => decryptAssertion(el, KEYS)).code).toBe('ERR_ASSERTION_DECRYPT_ALGORITHM');
    expect(parseXml(decryptAssertion(el, KEYS, { allowRsa15: true })).root.getAttribute('ID')).toBe('_assert-1');
  });

  it('the decrypted text is exactly the encrypted assertion', () => {
    expect(decryptAssertion(encrypt({ block: 'aes256-gcm' }), KEYS)).toBe(PLAIN);
  });
});

describe('decryptAssertion: algorithms and key placement', () => {
  const cases: Array<[string, EncryptOpts]> = [
    ['aes128-gcm + rsa-oaep-mgf1p', { block: 'aes128-gcm' }],
    ['aes192-gcm + rsa-oaep-mgf1p', { block: 'aes192-gcm' }],
    ['aes256-cbc + rsa-oaep-mgf1p', { block: 'aes256-cbc' }],
    ['aes192-cbc + rsa-oaep-mgf1p', { block: 'aes192-cbc' }],
    ['rsa-oaep-mgf1p with DigestMethod sha256 (OAEP SHA-256, MGF1 stays SHA-1)', { transport: 'rsa-oaep-mgf1p', oaepDigest: 'sha256' }],
    ['xmlenc11 rsa-oaep, default digest and MGF (SHA-1)', { transport: 'rsa-oaep' }],
    ['xmlenc11 rsa-oaep, SHA-512 digest, MGF1-SHA-1', { transport: 'rsa-oaep', oaepDigest: 'sha512', mgf: 'sha1' }],
    ['xmlenc11 rsa-oaep, SHA-256 digest, MGF1-SHA-512', { transport: 'rsa-oaep', oaepDigest: 'sha256', mgf: 'sha512' }],
    ['EncryptedKey as a sibling referenced by RetrievalMethod', { keyPlacement: 'retrieval-method' }],
    ['EncryptedKey as a plain sibling, no KeyInfo in EncryptedData', { keyPlacement: 'sibling' }],
    ['EncryptedKey without the recipient certificate', { includeCertificate: false }],
  ];
  for (const [label, o] of cases) {
    it(label, () => {
      expect(decryptAssertion(encrypt(o), KEYS)).toBe(PLAIN);
    });
  }

  it('tries each SP key in turn (old key first, then the right one)', () => {
    expect(decryptAssertion(encrypt({ includeCertificate: false }), [WRONG_DECRYPTION_KEY, SP_DECRYPTION_KEY])).toBe(PLAIN);
    expect(decryptAssertion(encrypt(), [WRONG_DECRYPTION_KEY, SP_DECRYPTION_KEY])).toBe(PLAIN);
  });

  it('rsa-1_5 is refused by default and accepted with allowRsa15', () => {
    const el = encrypt({ transport: 'rsa-1_5' });
    const err = failure(() => decryptAssertion(el, KEYS));
    expect(err.code).toBe('ERR_ASSERTION_DECRYPT_ALGORITHM');
    expect(err.actual).toBe(`${XENC}rsa-1_5`);
    expect(decryptAssertion(el, KEYS, { allowRsa15: true })).toBe(PLAIN);
  });
});

describe('decryptAssertion: interoperability', () => {
  /** Hand-made EncryptedAssertion: Node's RSA-OAEP encoder and cipher, not the fixture code. */
  function handmade(o: { block: 'aes128-cbc' | 'aes256-gcm'; oaepHash?: 'sha1' | 'sha256'; padding?: (len: number) => Buffer; plain?: string }): Element {
    const cert = new X509Certificate(pem('sp-encryption.crt.pem'));
    const key = randomBytes(o.block === 'aes128-cbc' ? 16 : 32);
    const plain = Buffer.from(o.plain ?? PLAIN, 'utf8');
    let data: Buffer;
    if (o.block === 'aes256-gcm') {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      data = Buffer.concat([iv, c.update(plain), c.final(), c.getAuthTag()]);
    } else {
      const iv = randomBytes(16);
      const padLen = 16 - (plain.length % 16);
      const pad = o.padding ? o.padding(padLen) : Buffer.concat([randomBytes(padLen - 1), Buffer.from([padLen])]);
      const c = createCipheriv('aes-128-cbc', key, iv).setAutoPadding(false);
      data = Buffer.concat([iv, c.update(Buffer.concat([plain, pad])), c.final()]);
    }
    const hash = o.oaepHash ?? 'sha1';
    const wrapped = publicEncrypt({ key: cert.publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: hash }, key);
    const method =
      hash === 'sha1'
        ? `<xenc:EncryptionMethod Algorithm="${XENC}rsa-oaep-mgf1p"/>`
        : `<xenc:EncryptionMethod Algorithm="${XENC11}rsa-oaep"><ds:DigestMethod Algorithm="${XENC}sha256"/><xenc11:MGF xmlns:xenc11="${XENC11}" Algorithm="${XENC11}mgf1sha256"/></xenc:EncryptionMethod>`;
    const blockUri = o.block === 'aes128-cbc' ? `${XENC}aes128-cbc` : `${XENC11}aes256-gcm`;
    return ea(
      `<saml:EncryptedAssertion xmlns:saml="${NS.SAML}" xmlns:xenc="${XENC}" xmlns:ds="http://www.w3.org/2000/09/xmldsig#">` +
        `<xenc:EncryptedData Type="${XENC}Element"><xenc:EncryptionMethod Algorithm="${blockUri}"/>` +
        `<ds:KeyInfo><xenc:EncryptedKey>${method}<xenc:CipherData><xenc:CipherValue>${wrapped.toString('base64')}</xenc:CipherValue></xenc:CipherData></xenc:EncryptedKey></ds:KeyInfo>` +
        `<xenc:CipherData><xenc:CipherValue>${data.toString('base64')}</xenc:CipherValue></xenc:CipherData></xenc:EncryptedData></saml:EncryptedAssertion>`,
    );
  }

  it("decrypts Node's RSA-OAEP (SHA-1) + AES-128-CBC with arbitrary (non-PKCS#7) padding octets", () => {
    expect(decryptAssertion(handmade({ block: 'aes128-cbc' }), KEYS)).toBe(PLAIN);
  });

  it("decrypts Node's RSA-OAEP SHA-256/MGF1-SHA-256 + AES-256-GCM", () => {
    expect(decryptAssertion(handmade({ block: 'aes256-gcm', oaepHash: 'sha256' }), KEYS)).toBe(PLAIN);
  });

  it('CBC padding length out of range (0 or 17) is a decryption failure', () => {
    for (const last of [0, 17]) {
      const el = handmade({ block: 'aes128-cbc', padding: (n) => Buffer.concat([Buffer.alloc(n - 1, 7), Buffer.from([last])]) });
      const err = failure(() => decryptAssertion(el, KEYS));
      expect(err.code).toBe('ERR_ASSERTION_DECRYPT_FAILED');
      expect(err.message).toBe(DECRYPT_FAILED_MESSAGE);
    }
  });

  it('decrypts what the xml-encryption package encrypts (aes256-gcm and aes128-cbc, rsa-oaep-mgf1p)', async () => {
    for (const alg of ['http://www.w3.org/2009/xmlenc11#aes256-gcm', 'http://www.w3.org/2001/04/xmlenc#aes128-cbc'] as const) {
      const encryptedData = await new Promise<string>((resolve, reject) =>
        xmlenc.encrypt(
          PLAIN,
          { rsa_pub: pem('sp-encryption.crt.pem'), pem: pem('sp-encryption.crt.pem'), encryptionAlgorithm: alg, keyEncryptionAlgorithm: `${XENC}rsa-oaep-mgf1p` },
          (err: Error | null, out: string) => (err ? reject(err) : resolve(out)),
        ),
      );
      expect(decryptAssertion(ea(`<saml:EncryptedAssertion xmlns:saml="${NS.SAML}">${encryptedData}</saml:EncryptedAssertion>`), KEYS)).toBe(PLAIN);
    }
  });

  it('the xml-encryption package decrypts the gcm fixture (the fixture encryptor is standard)', async () => {
    const xml = fixture('response.encrypted-assertion.gcm.xml');
    const encryptedData = /<xenc:EncryptedData[\s\S]*<\/xenc:EncryptedData>/.exec(xml)![0];
    const out = await new Promise<string>((resolve, reject) =>
      xmlenc.decrypt(encryptedData, { key: pem('sp-encryption.key.pem') }, (err: Error | null, res: string) => (err ? reject(err) : resolve(res))),
    );
    expect(parseXml(out).root.getAttribute('ID')).toBe('_assert-1');
  });
});

describe('decryptAssertion: failures', () => {
  it('wrong key, recipient certificate named in KeyInfo → ERR_ASSERTION_DECRYPT_NO_KEY', () => {
    expect(failure(() => decryptAssertion(encrypt(), [WRONG_DECRYPTION_KEY])).code).toBe('ERR_ASSERTION_DECRYPT_NO_KEY');
  });

  it('wrong key, no certificate in KeyInfo → ERR_ASSERTION_DECRYPT_FAILED with the single failure message', () => {
    const err = failure(() => decryptAssertion(encrypt({ includeCertificate: false }), [WRONG_DECRYPTION_KEY]));
    expect(err.code).toBe('ERR_ASSERTION_DECRYPT_FAILED');
    expect(err.message).toBe(DECRYPT_FAILED_MESSAGE);
  });

  it('encrypted for the attacker certificate → ERR_ASSERTION_DECRYPT_NO_KEY', () => {
    expect(failure(() => decryptAssertion(encrypt({ certificatePem: pem('attacker.crt.pem') }), KEYS)).code).toBe('ERR_ASSERTION_DECRYPT_NO_KEY');
  });

  it('every tampering after key selection gives one code and one message (no padding/format oracle)', () => {
    const variants: Array<[string, string]> = [
      ['GCM tag', tamper(encryptAssertion(PLAIN, { block: 'aes256-gcm' }), 'data', 1)],
      ['GCM body', tamper(encryptAssertion(PLAIN, { block: 'aes256-gcm' }), 'data', 40)],
      ['CBC last block (padding)', tamper(encryptAssertion(PLAIN, { block: 'aes128-cbc' }), 'data', 17)],
      // Flipping a bit in an earlier CBC block garbles the plaintext but keeps the padding valid.
      ['CBC early block (XML garbled)', tamper(encryptAssertion(PLAIN, { block: 'aes128-cbc' }), 'data', 200)],
      ['wrapped key (OAEP)', tamper(encryptAssertion(PLAIN, {}), 'key', 1)],
      ['wrapped key (RSA 1.5)', tamper(encryptAssertion(PLAIN, { transport: 'rsa-1_5', block: 'aes128-cbc' }), 'key', 1)],
      ['wrapped key (RSA 1.5, CBC)', tamper(encryptAssertion(PLAIN, { transport: 'rsa-1_5', block: 'aes256-cbc' }), 'key', 100)],
    ];
    const seen = new Set<string>();
    for (const [label, xml] of variants) {
      const err = failure(() => decryptAssertion(ea(xml), KEYS, { allowRsa15: true }));
      expect.soft({ label, code: err.code, message: err.message }).toEqual({ label, code: 'ERR_ASSERTION_DECRYPT_FAILED', message: DECRYPT_FAILED_MESSAGE });
      expect.soft(err.cause, label).toBeUndefined();
      seen.add(JSON.stringify(err.toJSON()));
    }
    // Everything a caller could log or return is identical across the failure causes.
    expect(seen.size).toBe(1);
  });

  it('decrypted content that is not one saml:Assertion fails with the same message', () => {
    for (const plain of ['<saml:Foo xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"/>', '<a/><b/>', 'not xml at all', '<!DOCTYPE x [<!ENTITY a "b">]><x/>']) {
      const err = failure(() => decryptAssertion(encrypt({}, plain), KEYS));
      expect(err.code).toBe('ERR_ASSERTION_DECRYPT_FAILED');
      expect(err.message).toBe(DECRYPT_FAILED_MESSAGE);
    }
  });

  it('unknown or forbidden algorithms → ERR_ASSERTION_DECRYPT_ALGORITHM', () => {
    const xml = encryptAssertion(PLAIN, {});
    const swaps: Array<[string, string]> = [
      [`${XENC11}aes256-gcm`, `${XENC}tripledes-cbc`],
      [`${XENC11}aes256-gcm`, 'urn:example:unknown-cipher'],
      [`${XENC}rsa-oaep-mgf1p`, `${XENC}kw-aes256`],
      [`${XENC}rsa-oaep-mgf1p`, 'urn:example:unknown-transport'],
    ];
    for (const [from, to] of swaps) {
      const err = failure(() => decryptAssertion(ea(xml.replace(from, to)), KEYS));
      expect.soft({ to, code: err.code }).toEqual({ to, code: 'ERR_ASSERTION_DECRYPT_ALGORITHM' });
    }
    const badDigest = encryptAssertion(PLAIN, { transport: 'rsa-oaep', oaepDigest: 'sha256' }).replace(`${XENC}sha256`, 'http://www.w3.org/2001/04/xmldsig-more#md5');
    expect(failure(() => decryptAssertion(ea(badDigest), KEYS)).code).toBe('ERR_ASSERTION_DECRYPT_ALGORITHM');
    const badMgf = encryptAssertion(PLAIN, { transport: 'rsa-oaep', mgf: 'sha256' }).replace(`${XENC11}mgf1sha256`, `${XENC11}mgf1md5`);
    expect(failure(() => decryptAssertion(ea(badMgf), KEYS)).code).toBe('ERR_ASSERTION_DECRYPT_ALGORITHM');
  });

  it('malformed structure → ERR_ASSERTION_DECRYPT_FAILED with a specific message', () => {
    const xml = encryptAssertion(PLAIN, { keyPlacement: 'retrieval-method' });
    const cases: Array<[string, string]> = [
      ['RetrievalMethod to a missing key', xml.replace('URI="#_ek-1"', 'URI="#_elsewhere"')],
      ['Type Content', xml.replace(`Type="${XENC}Element"`, `Type="${XENC}Content"`)],
      ['CipherValue not base64', xml.replace(/(<xenc:EncryptedData[\s\S]*<xenc:CipherValue>)[^<]*/, '$1!!not-base64!!')],
      ['extra child', xml.replace('</saml:EncryptedAssertion>', '<saml:Assertion/></saml:EncryptedAssertion>')],
    ];
    for (const [label, bad] of cases) {
      const err = failure(() => decryptAssertion(ea(bad), KEYS));
      expect.soft({ label, code: err.code }).toEqual({ label, code: 'ERR_ASSERTION_DECRYPT_FAILED' });
      expect.soft(err.message, label).not.toBe(DECRYPT_FAILED_MESSAGE);
    }
  });

  it('more than 8 EncryptedKeys → ERR_ASSERTION_DECRYPT_FAILED before any RSA operation (CPU cap)', () => {
    const xml = encryptAssertion(PLAIN, { keyPlacement: 'sibling' });
    const key = /<xenc:EncryptedKey[\s\S]*<\/xenc:EncryptedKey>/.exec(xml)![0];
    const many = xml.replace(key, key.repeat(9));
    const err = failure(() => decryptAssertion(ea(many), KEYS));
    expect(err.code).toBe('ERR_ASSERTION_DECRYPT_FAILED');
    expect(err.message).toMatch(/at most 8/);
    expect(decryptAssertion(ea(xml.replace(key, key.repeat(8))), KEYS)).toBe(PLAIN);
  });

  it('no EncryptedKey at all → ERR_ASSERTION_DECRYPT_NO_KEY', () => {
    const xml = encryptAssertion(PLAIN, { keyPlacement: 'sibling' }).replace(/<xenc:EncryptedKey[\s\S]*<\/xenc:EncryptedKey>/, '');
    expect(failure(() => decryptAssertion(ea(xml), KEYS)).code).toBe('ERR_ASSERTION_DECRYPT_NO_KEY');
  });

  it('no keys configured → ERR_ASSERTION_ENCRYPTED_NO_KEYS; caller mistakes are TypeErrors', () => {
    const el = encrypt();
    expect(failure(() => decryptAssertion(el, [])).code).toBe('ERR_ASSERTION_ENCRYPTED_NO_KEYS');
    expect(() => decryptAssertion(parseXml('<a/>').root, KEYS)).toThrow(TypeError);
    expect(() => decryptAssertion(el, ['not a key' as never])).toThrow(TypeError);
  });
});
