/**
 * Algorithm identifiers for XML Encryption of SAML assertions (SAML core 2.0 §2.3.4,
 * §6.1: xenc:EncryptedData of Type Element inside saml:EncryptedAssertion).
 *
 * URIs: xmlenc-core (2002) §5.2.2 (aes*-cbc), §5.4 (rsa-1_5, rsa-oaep-mgf1p);
 * xmlenc-core1 (1.1) §5.2.4 (aes*-gcm), §5.5.2 (rsa-oaep with xenc11:MGF), §5.1 (MGF URIs);
 * digests: xmldsig-core §6.2, xmlenc-core §5.7, RFC 6931 §2.1 (sha224, sha384).
 */

export type HashName = 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512';

const XENC = 'http://www.w3.org/2001/04/xmlenc#';
const XENC11 = 'http://www.w3.org/2009/xmlenc11#';

/** xenc:EncryptedData Type for an encrypted element (xmlenc-core §3.5.1). */
export const TYPE_ELEMENT = `${XENC}Element`;
/** ds:RetrievalMethod Type pointing at an xenc:EncryptedKey (xmlenc-core §3.5.1). */
export const TYPE_ENCRYPTED_KEY = `${XENC}EncryptedKey`;

export interface BlockCipher {
  readonly uri: string;
  readonly name: string;
  /** Node cipher name. */
  readonly cipher: 'aes-128-cbc' | 'aes-192-cbc' | 'aes-256-cbc' | 'aes-128-gcm' | 'aes-192-gcm' | 'aes-256-gcm';
  readonly mode: 'cbc' | 'gcm';
  readonly keyBytes: number;
  /** IV length prepended to the cipher text: 16 for CBC (§5.2.2), 12 for GCM (xmlenc11 §5.2.4). */
  readonly ivBytes: number;
}

const block = (name: string, uri: string, cipher: BlockCipher['cipher'], mode: 'cbc' | 'gcm', keyBytes: number): BlockCipher =>
  Object.freeze({ uri, name, cipher, mode, keyBytes, ivBytes: mode === 'cbc' ? 16 : 12 });

/** Content encryption algorithms (xenc:EncryptedData/xenc:EncryptionMethod/@Algorithm). */
export const BLOCK_CIPHERS: ReadonlyMap<string, BlockCipher> = new Map(
  [
    block('aes128-cbc', `${XENC}aes128-cbc`, 'aes-128-cbc', 'cbc', 16),
    block('aes192-cbc', `${XENC}aes192-cbc`, 'aes-192-cbc', 'cbc', 24),
    block('aes256-cbc', `${XENC}aes256-cbc`, 'aes-256-cbc', 'cbc', 32),
    block('aes128-gcm', `${XENC11}aes128-gcm`, 'aes-128-gcm', 'gcm', 16),
    block('aes192-gcm', `${XENC11}aes192-gcm`, 'aes-192-gcm', 'gcm', 24),
    block('aes256-gcm', `${XENC11}aes256-gcm`, 'aes-256-gcm', 'gcm', 32),
  ].map((b) => [b.uri, b] as const),
);

/** Key transport algorithms (xenc:EncryptedKey/xenc:EncryptionMethod/@Algorithm). */
export const KEY_TRANSPORT = Object.freeze({
  RSA_1_5: `${XENC}rsa-1_5`,
  RSA_OAEP_MGF1P: `${XENC}rsa-oaep-mgf1p`,
  RSA_OAEP: `${XENC11}rsa-oaep`,
});

/** Digest URIs allowed in ds:DigestMethod of an RSA-OAEP EncryptionMethod. */
export const OAEP_DIGESTS: ReadonlyMap<string, HashName> = new Map<string, HashName>([
  ['http://www.w3.org/2000/09/xmldsig#sha1', 'sha1'],
  ['http://www.w3.org/2001/04/xmldsig-more#sha224', 'sha224'],
  ['http://www.w3.org/2001/04/xmlenc#sha256', 'sha256'],
  ['http://www.w3.org/2001/04/xmldsig-more#sha384', 'sha384'],
  ['http://www.w3.org/2001/04/xmlenc#sha512', 'sha512'],
]);

/** xenc11:MGF/@Algorithm values (xmlenc-core1 §5.5.2). */
export const MGF_ALGORITHMS: ReadonlyMap<string, HashName> = new Map<string, HashName>([
  [`${XENC11}mgf1sha1`, 'sha1'],
  [`${XENC11}mgf1sha224`, 'sha224'],
  [`${XENC11}mgf1sha256`, 'sha256'],
  [`${XENC11}mgf1sha384`, 'sha384'],
  [`${XENC11}mgf1sha512`, 'sha512'],
]);

/** Output length in bytes of each hash. */
export const HASH_BYTES: Readonly<Record<HashName, number>> = Object.freeze({ sha1: 20, sha224: 28, sha256: 32, sha384: 48, sha512: 64 });
