import { generateKeyPairSync } from 'node:crypto';
import forge from 'node-forge';
import type { Rng } from './rng.js';

/** The tenant's SP signing identity as the sandbox keeps it in its state (PEM text). */
export interface SpKeys {
  readonly caCertPem: string;
  readonly caKeyPem: string;
  readonly certPem: string;
  readonly keyPem: string;
}

/** The tenant's certificates expire at the start of 2039 (tenant-api.md §3.2, S23). */
export const SP_CERT_NOT_AFTER = new Date(Date.UTC(2039, 0, 1, 0, 0, 0));

function rsaPair(): { publicKeyPem: string; privateKeyPem: string } {
  // node:crypto generates the key (native, fast); node-forge only builds the certificates.
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

/**
 * Generate the SP signing CA (`CN=Centrify Customer <ID>`) and the signing certificate it issues
 * (`CN=Centrify Customer <ID> Application Signing Certificate`), both valid until 2039-01-01
 * (tenant-api.md §3.2). Serial numbers come from the seeded `rng`; `now` is the notBefore.
 */
export function generateSpKeys(tenantId: string, rng: Rng, now: Date): SpKeys {
  const ca = rsaPair();
  const leaf = rsaPair();
  const caKey = forge.pki.privateKeyFromPem(ca.privateKeyPem);
  const caSubject = [{ name: 'commonName', value: `Centrify Customer ${tenantId}` }];
  const caCert = forge.pki.createCertificate();
  caCert.publicKey = forge.pki.publicKeyFromPem(ca.publicKeyPem);
  caCert.serialNumber = `01${rng.hex(15)}`;
  caCert.validity.notBefore = new Date(now.getTime() - 24 * 3600 * 1000);
  caCert.validity.notAfter = SP_CERT_NOT_AFTER;
  caCert.setSubject(caSubject);
  caCert.setIssuer(caSubject);
  caCert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
  ]);
  caCert.sign(caKey, forge.md.sha256.create());

  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(leaf.publicKeyPem);
  cert.serialNumber = `02${rng.hex(15)}`;
  cert.validity.notBefore = new Date(now.getTime() - 24 * 3600 * 1000);
  cert.validity.notAfter = SP_CERT_NOT_AFTER;
  cert.setSubject([{ name: 'commonName', value: `Centrify Customer ${tenantId} Application Signing Certificate` }]);
  cert.setIssuer(caSubject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
  ]);
  cert.sign(caKey, forge.md.sha256.create());
  return {
    caCertPem: forge.pki.certificateToPem(caCert),
    caKeyPem: ca.privateKeyPem,
    certPem: forge.pki.certificateToPem(cert),
    keyPem: leaf.privateKeyPem,
  };
}
