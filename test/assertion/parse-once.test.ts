/**
 * Each message is parsed once (issue 3, item 3): the Response, and the decrypted plaintext of an
 * EncryptedAssertion, each go through parseXml exactly one time; the tree decryptAssertionElement
 * returns is the one every later check reads. A content key wrapped in several EncryptedKeys is
 * tried (decrypted and parsed) once, not once per copy.
 */
import { describe, expect, it, vi } from 'vitest';
import { createPrivateKey } from 'node:crypto';

const calls = vi.hoisted(() => ({ n: 0 }));
vi.mock('../../src/xml/parse.js', async (importOriginal) => {
  const mod = await importOriginal<typeof import('../../src/xml/parse.js')>();
  return { ...mod, parseXml: (...args: Parameters<typeof mod.parseXml>) => (calls.n++, mod.parseXml(...args)) };
});

const { verifyResponse } = await import('../../src/assertion/verify.js');
const { assertionXml, buildResponse, options, pem } = await import('./verify-helpers.js');
const { signEnveloped } = await import('../../scripts/fixtures/sign.js');
const { encryptAssertion } = await import('../../scripts/fixtures/response-builder.js');

const key = createPrivateKey(pem('sp-encryption.key.pem'));
const signed = (): string => signEnveloped(assertionXml(), { ref: {}, privateKeyPem: pem('idp-signing.key.pem'), certificatePem: pem('idp-signing.crt.pem') });

/** Repeat the inline xenc:EncryptedKey `n` times inside EncryptedData/ds:KeyInfo. */
function duplicateKeys(encrypted: string, n: number): string {
  const m = /<xenc:EncryptedKey[\s\S]*?<\/xenc:EncryptedKey>/.exec(encrypted);
  if (!m) throw new Error('no EncryptedKey');
  return encrypted.replace(m[0], m[0].repeat(n));
}

describe('one parse per message', () => {
  it('an encrypted response: parseXml runs twice (Response, plaintext) and the login verifies', async () => {
    const xml = buildResponse({ assertionXml: encryptAssertion(signed()) });
    calls.n = 0;
    const login = await verifyResponse(xml, options({ decryptionKeys: [key] }));
    expect(login.nameId.value).toBe('alice@partner.example');
    expect(calls.n).toBe(2);
  });

  it('the same content key in 6 EncryptedKeys: the plaintext is parsed once, not 6 times', async () => {
    // The plaintext is not an assertion, so every candidate key would be tried before giving up.
    const xml = buildResponse({ assertionXml: duplicateKeys(encryptAssertion('<saml:Response xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"/>'), 6) });
    calls.n = 0;
    await expect(verifyResponse(xml, options({ decryptionKeys: [key] }))).rejects.toMatchObject({ code: 'ERR_ASSERTION_DECRYPT_FAILED' });
    expect(calls.n).toBe(2);
  });

  it('a plain response: parseXml runs once', async () => {
    const { sign } = await import('./verify-helpers.js');
    const xml = sign(buildResponse());
    calls.n = 0;
    await verifyResponse(xml, options());
    expect(calls.n).toBe(1);
  });
});
