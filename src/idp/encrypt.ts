/**
 * Assertion encryption (SAML core 2.0 §2.3.4 saml:EncryptedAssertion, §6.1) with the
 * `xml-encryption` package: AES-256-GCM content encryption (xmlenc-core1 §5.2.4) and
 * RSA-OAEP-MGF1P key transport (xmlenc-core §5.4.2) to the SP's certificate, the EncryptedKey
 * inside the EncryptedData's KeyInfo. Independent of samlfed's decrypter (src/assertion/decrypt).
 */
import { createPublicKey } from 'node:crypto';
import xmlenc from 'xml-encryption';

/** Encrypt a signed, self-contained `saml:Assertion` and return the `saml:EncryptedAssertion` element. */
export function encryptAssertion(assertionXml: string, spCertPem: string, samlPrefix: string | null): Promise<string> {
  const publicKeyPem = createPublicKey(spCertPem).export({ type: 'spki', format: 'pem' }) as string;
  return new Promise((resolve, reject) => {
    xmlenc.encrypt(
      assertionXml,
      {
        rsa_pub: publicKeyPem,
        pem: spCertPem,
        encryptionAlgorithm: 'http://www.w3.org/2009/xmlenc11#aes256-gcm',
        keyEncryptionAlgorithm: 'http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p',
        disallowEncryptionWithInsecureAlgorithm: true,
        warnInsecureAlgorithm: false,
      },
      (err, encrypted) => {
        if (err) return reject(err);
        const name = samlPrefix ? `${samlPrefix}:EncryptedAssertion` : 'EncryptedAssertion';
        const decl = samlPrefix ? `xmlns:${samlPrefix}="urn:oasis:names:tc:SAML:2.0:assertion"` : 'xmlns="urn:oasis:names:tc:SAML:2.0:assertion"';
        resolve(`<${name} ${decl}>${encrypted}</${name}>`);
      },
    );
  });
}
