/** Certificates the project's keys do not cover, made with openssl at test time: PSS, Ed25519, P-521, DN escaping, negative serials. */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCertificate, type Certificate } from '../../src/certs/index.js';
import { KEYS, openssl, tmp } from './helpers.js';

let dir = '';
const certs: Record<string, Certificate> = {};
const fp = (name: string, alg: string) => openssl(['x509', '-in', join(dir, `${name}.pem`), '-noout', '-fingerprint', `-${alg}`]).trim().split('=')[1]!.replace(/:/g, '');

beforeAll(() => {
  dir = tmp();
  const out = (n: string) => join(dir, n);
  openssl(['req', '-x509', '-key', join(KEYS, 'idp-signing.key.pem'), '-sha256', '-sigopt', 'rsa_padding_mode:pss', '-sigopt', 'rsa_pss_saltlen:32',
    '-subj', '/C=DE/O=Acme, Inc./CN=pss test/emailAddress=a@b.example', '-days', '10', '-out', out('pss.pem')]);
  openssl(['genpkey', '-algorithm', 'ed25519', '-out', out('ed.key')]);
  openssl(['req', '-x509', '-key', out('ed.key'), '-subj', '/CN=ed25519 test/2.5.4.97=VATDE-123+OU=multi', '-multivalue-rdn', '-days', '10', '-out', out('ed.pem')]);
  openssl(['ecparam', '-name', 'secp521r1', '-genkey', '-noout', '-out', out('p521.key')]);
  openssl(['req', '-x509', '-utf8', '-key', out('p521.key'), '-sha512', '-subj', '/CN=P-521 Ünïcode/DC=example/DC=com', '-set_serial', '-5', '-days', '10', '-out', out('p521.pem')]);
  // A CA and a leaf it issued (not self-signed), with a big serial whose top bit is set (sign byte in DER).
  openssl(['req', '-x509', '-key', join(KEYS, 'metadata-signing.key.pem'), '-subj', '/CN=test CA', '-days', '10', '-out', out('ca.pem')]);
  openssl(['req', '-new', '-key', join(KEYS, 'sp-encryption.key.pem'), '-subj', '/CN=leaf/O=x', '-out', out('leaf.csr')]);
  openssl(['x509', '-req', '-in', out('leaf.csr'), '-CA', out('ca.pem'), '-CAkey', join(KEYS, 'metadata-signing.key.pem'), '-set_serial', '0xF00DFACE', '-days', '10', '-out', out('leaf.pem')]);
  for (const n of ['pss', 'ed', 'p521', 'ca', 'leaf']) certs[n] = readCertificate(readFileSync(out(`${n}.pem`)));
});

describe('algorithms and names beyond the test keys', () => {
  it('RSASSA-PSS: name, key, self-signed verified with PSS parameters', () => {
    const c = certs.pss!;
    expect(c.signatureAlgorithm).toBe('RSASSA-PSS');
    expect(c.signatureHash).toBe('sha256'); // from the PSS parameters
    expect(c.key).toEqual({ type: 'RSA', bits: 2048 });
    expect(c.selfSigned).toBe(true);
    expect(c.sha1Thumbprint).toBe(fp('pss', 'sha1'));
  });
  it('DN quoting (.NET style) and E for emailAddress', () => {
    expect(certs.pss!.subject).toBe('E=a@b.example, CN=pss test, O="Acme, Inc.", C=DE');
  });
  it('Ed25519 and a multi-valued RDN with an unnamed attribute type shown as its OID', () => {
    const c = certs.ed!;
    expect(c.key).toEqual({ type: 'Ed25519', bits: 256 });
    expect(c.signatureAlgorithm).toBe('Ed25519');
    expect(c.selfSigned).toBe(true);
    expect(c.subject).toBe('OU=multi + 2.5.4.97=VATDE-123, CN=ed25519 test');
    expect(c.publicKey.asymmetricKeyType).toBe('ed25519');
  });
  it('P-521, UTF-8 values, DC, negative serial as openssl prints it', () => {
    const c = certs.p521!;
    expect(c.key).toEqual({ type: 'EC', curve: 'P-521', bits: 521 });
    expect(c.signatureAlgorithm).toBe('ecdsa-with-SHA512');
    expect(c.subject).toBe('DC=com, DC=example, CN=P-521 Ünïcode');
    expect(c.serialNumber).toBe('-05');
    expect(c.selfSigned).toBe(true);
    expect(c.sha256Thumbprint).toBe(fp('p521', 'sha256'));
  });
  it('a CA-issued leaf is not self-signed; the CA is; serial sign byte dropped like openssl', () => {
    expect(certs.leaf!.selfSigned).toBe(false);
    expect(certs.leaf!.issuer).toBe('CN=test CA');
    expect(certs.leaf!.subject).toBe('O=x, CN=leaf'); // -subj lists DER order; display reverses it
    expect(certs.ca!.selfSigned).toBe(true);
    expect(certs.leaf!.serialNumber).toBe('F00DFACE');
    expect(openssl(['x509', '-in', join(dir, 'leaf.pem'), '-noout', '-serial']).trim()).toBe('serial=F00DFACE');
  });
});
