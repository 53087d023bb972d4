export { decryptAssertion, decryptAssertionElement, DECRYPT_FAILED_MESSAGE, type DecryptAssertionOptions, type DecryptedAssertion } from './decrypt-assertion.js';
export { BLOCK_CIPHERS, KEY_TRANSPORT, OAEP_DIGESTS, MGF_ALGORITHMS, type BlockCipher } from './algorithms.js';
