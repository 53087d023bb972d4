/**
 * The simulator's key pairs: given as PEM (`--key`/`--cert`, e.g. the project's test keys) or
 * generated at start (RSA-2048 with node's crypto; the self-signed X.509 certificate is
 * built with node-forge (src/certs/issue.ts, shared with the sandbox), independent of samlfed's own
 * certificate reader).
 */
import { createPrivateKey, createPublicKey, randomBytes, X509Certificate } from 'node:crypto';
import { generateRsaPair, issueCertificate } from '../certs/issue.js';
import { IdpError } from './errors.js';

export interface KeyPair {
  readonly privateKeyPem: string;
  readonly certificatePem: string;
}

/** Ten years from `now`, like AD FS's default long-lived self-signed tokens certificates in labs. */
const VALIDITY_YEARS = 10;

/**
 * A fresh RSA-2048 key and a self-signed sha256WithRSA certificate whose subject is
 * `CN=<commonName>` (the flavour decides the name: `ADFS Signing - <host>`,
 * `Centrify Customer <ID> Application Signing Certificate`).
 */
export function generateKeyPair(commonName: string, now: Date): KeyPair {
  const pair = generateRsaPair();
  const certificatePem = issueCertificate({
    publicKeyPem: pair.publicKeyPem,
    signingKeyPem: pair.privateKeyPem,
    // RFC 5280 §4.1.2.2: positive serial, at most 20 octets. A leading 01 octet keeps the DER
    // INTEGER minimal whatever the random octets are (a leading 0 hex digit made it 00 + a random
    // octet: when that octet was 00 too, the encoding had illegal padding and OpenSSL refused the
    // certificate, ~1 start in 400).
    serialHex: `01${randomBytes(15).toString('hex')}`,
    notBefore: new Date(now.getTime() - 24 * 3600 * 1000),
    notAfter: new Date(now.getTime() + VALIDITY_YEARS * 365 * 24 * 3600 * 1000),
    commonName,
    extensions: [{ name: 'basicConstraints', cA: false }, { name: 'keyUsage', digitalSignature: true, keyEncipherment: true }],
  });
  return { privateKeyPem: pair.privateKeyPem, certificatePem };
}

/**
 * Check a given key and certificate: both readable, RSA (the AD FS and tenant flavours sign with
 * rsa-sha256), and the certificate's public key matches the private key.
 *
 * @throws {IdpError} ERR_IDP_KEY_INVALID (the message never includes key material).
 */
export function checkKeyPair(pair: KeyPair, what: string): KeyPair {
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(pair.certificatePem);
  } catch {
    throw new IdpError('ERR_IDP_KEY_INVALID', `Expected a PEM X.509 certificate for the ${what}, found something else`, { expected: 'PEM certificate' });
  }
  let key: ReturnType<typeof createPrivateKey>;
  try {
    key = createPrivateKey(pair.privateKeyPem);
  } catch {
    throw new IdpError('ERR_IDP_KEY_INVALID', `Expected a PEM private key for the ${what}, found something unreadable (encrypted keys are not supported)`, { expected: 'unencrypted PEM private key' });
  }
  if (key.asymmetricKeyType !== 'rsa') {
    throw new IdpError('ERR_IDP_KEY_INVALID', `Expected an RSA key for the ${what} (rsa-sha256), found ${key.asymmetricKeyType ?? 'an unknown key type'}`, { expected: 'rsa', actual: key.asymmetricKeyType });
  }
  if (!cert.checkPrivateKey(key)) {
    throw new IdpError('ERR_IDP_KEY_INVALID', `The ${what} certificate (${cert.subject.replace(/\n/g, ', ')}) does not belong to the given private key`, { expected: 'matching key and certificate' });
  }
  return pair;
}

/**
 * Check an SP encryption certificate (`--encrypt-to`): a readable X.509 certificate with an RSA key.
 *
 * @throws {IdpError} ERR_IDP_ENCRYPT_CERT_INVALID
 */
export function checkEncryptionCert(certPem: string): string {
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(certPem);
  } catch {
    throw new IdpError('ERR_IDP_ENCRYPT_CERT_INVALID', 'Expected the SP encryption certificate as a PEM X.509 certificate, found something else', { expected: 'PEM certificate' });
  }
  const type = createPublicKey(cert.publicKey.export({ type: 'spki', format: 'pem' })).asymmetricKeyType;
  if (type !== 'rsa') {
    throw new IdpError('ERR_IDP_ENCRYPT_CERT_INVALID', `Expected an RSA key in the SP encryption certificate (RSA-OAEP key transport), found ${type ?? 'an unknown key type'}`, { expected: 'rsa', actual: type });
  }
  return cert.toString();
}
