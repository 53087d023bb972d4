import { describe, expect, it } from 'vitest';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';

const KEYS = new URL('../keys/', import.meta.url).pathname;
const NOW = ['--now', '2026-06-15T00:00:00Z'];
const b64 = (name: string) => readFileSync(`${KEYS}${name}.crt.der`).toString('base64');

const METADATA = `<?xml version="1.0"?>
<md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#">
  <md:EntityDescriptor entityID="https://idp.example.org/saml">
    <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
      <md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>
        ${b64('idp-signing').replace(/(.{60})/g, '$1 \n        ')}
      </ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
      <md:KeyDescriptor><ds:KeyInfo><ds:X509Data><ds:X509Certificate>not!base64</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
      <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.example.org/sso"/>
    </md:IDPSSODescriptor>
  </md:EntityDescriptor>
  <md:EntityDescriptor entityID="https://sp.example.org">
    <md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
      <md:KeyDescriptor use="encryption"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${b64('ec-p256')}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
      <md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://sp.example.org/acs" index="0"/>
    </md:SPSSODescriptor>
  </md:EntityDescriptor>
</md:EntitiesDescriptor>
`;

describe('samlfed certs', () => {
  it('--help prints usage with the JSON fields to stdout, exit 0', async () => {
    const r = await cli(['certs', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: samlfed certs');
    expect(r.stdout).toContain('sha1Thumbprint');
    expect(r.stdout).toContain('notAfterDisplay');
  });
  it('text report for a PEM file', async () => {
    const r = await cli(['certs', 'idp-signing.crt.pem', ...NOW], { cwd: KEYS });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('certificate 1 of 1 in idp-signing.crt.pem');
    expect(r.stdout).toMatch(/subject: +CN=samlfed test IdP signing, OU=Identity, O=samlfed tests, L=Santa Clara, S=California, C=US\n/);
    expect(r.stdout).toMatch(/serial: +0A01\n/);
    expect(r.stdout).toMatch(/valid from: +2024-01-01T00:00:00Z {2}\(1\/1\/2024 12:00:00 AM\)\n/);
    expect(r.stdout).toMatch(/valid to: +2045-01-01T00:00:00Z {2}\(1\/1\/2045 12:00:00 AM\)\n/);
    expect(r.stdout).toMatch(/days left: +6775\n/);
    expect(r.stdout).toMatch(/SHA-1 thumbprint: +2F4EF7D8BFC934A977578DEBCC3862C13691A1F1\n/);
    expect(r.stdout).toMatch(/SHA-256 thumbprint: +[0-9A-F]{64}\n/);
    expect(r.stdout).toMatch(/key: +RSA 2048 bits\n/);
    expect(r.stdout).toMatch(/signature algorithm: +sha256WithRSAEncryption\n/);
    expect(r.stdout).toMatch(/self-signed: +yes\n/);
  });
  it('JSON for DER, expired certificate', async () => {
    const r = await cli(['certs', `${KEYS}expired.crt.der`, '--format', 'json', ...NOW]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { certificates: Array<Record<string, unknown>> };
    expect(out.certificates).toHaveLength(1);
    expect(out.certificates[0]).toMatchObject({ index: 1, serialNumber: '0A08', expired: true, daysLeft: -3818, notAfterDisplay: '1/1/2016 12:00:00 AM', key: { type: 'RSA', bits: 2048 } });
  });
  it('text marks expired certificates', async () => {
    const r = await cli(['certs', `${KEYS}expired.crt.pem`, ...NOW]);
    expect(r.stdout).toMatch(/days left: +-3818 \(EXPIRED 3818 days ago\)/);
  });
  it('several PEM blocks from stdin, and several files', async () => {
    const bundle = readFileSync(`${KEYS}idp-signing.crt.pem`, 'utf8') + readFileSync(`${KEYS}ec-p384.crt.pem`, 'utf8');
    const r = await cli(['certs', '-', '--format', 'json', ...NOW], { stdin: bundle });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { certificates: Array<Record<string, unknown>> };
    expect(out.certificates.map((c) => [c.source, c.index, c.keyDescription])).toEqual([['<stdin>', 1, 'RSA 2048 bits'], ['<stdin>', 2, 'EC P-384 (384 bits)']]);
    const two = await cli(['certs', 'weak-rsa-1024.crt.pem', 'ec-p256.crt.der', ...NOW], { cwd: KEYS });
    expect(two.stdout).toContain('certificate 1 of 1 in weak-rsa-1024.crt.pem');
    expect(two.stdout).toContain('certificate 1 of 1 in ec-p256.crt.der');
    expect(two.stdout).toMatch(/key: +EC P-256 \(256 bits\)/);
  });
  it('PKCS#12 with --password / --password-env: private key reported', async () => {
    const r = await cli(['certs', `${KEYS}idp-signing.pfx`, '--password', 'test-password', '--format', 'json', ...NOW]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).certificates[0]).toMatchObject({ hasPrivateKey: true, key: { type: 'RSA', bits: 2048 } });
    const env = await cli(['certs', `${KEYS}idp-signing.pfx`, '--password-env', 'PFX_PW', ...NOW], { env: { PFX_PW: 'test-password' } });
    expect(env.code).toBe(0);
    expect(env.stdout).toMatch(/private key: +present/);
  });
  it('PKCS#12 wrong or missing password: exit 2 with the code', async () => {
    const r = await cli(['certs', `${KEYS}idp-signing.pfx`, '--password', 'nope']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('ERR_CERT_PKCS12_PASSWORD');
    expect((await cli(['certs', `${KEYS}idp-signing.pfx`])).stderr).toContain('ERR_CERT_PKCS12_PASSWORD');
  });
  it('metadata: every ds:X509Certificate with entityID, role and use; a broken one listed with its error, exit 1', async () => {
    const r = await cli(['certs', '-', '--format', 'json', ...NOW], { stdin: METADATA });
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { certificates: Array<Record<string, unknown>> };
    expect(out.certificates.map((c) => [c.entityId, c.role, c.use, c.sha1Thumbprint ?? (c.error as { code: string }).code])).toEqual([
      ['https://idp.example.org/saml', 'idp', 'signing', '2F4EF7D8BFC934A977578DEBCC3862C13691A1F1'],
      ['https://idp.example.org/saml', 'idp', 'unspecified', 'ERR_CERT_BASE64'],
      ['https://sp.example.org', 'sp', 'encryption', out.certificates[2]!.sha1Thumbprint],
    ]);
    expect(out.certificates[2]!.keyDescription).toBe('EC P-256 (256 bits)');
    expect(out.certificates[0]!.line).toBe(5);
    const text = await cli(['certs', '-', ...NOW], { stdin: METADATA });
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/entity: +https:\/\/idp\.example\.org\/saml {2}\(IdP, use=signing, line 5\)/);
    expect(text.stdout).toMatch(/error: +ERR_CERT_BASE64/);
  });
  it('metadata without certificates: exit 0, says so', async () => {
    const xml = '<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="x"><md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"/></md:EntityDescriptor>';
    const r = await cli(['certs', '-'], { stdin: xml });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('no certificates in <stdin>');
  });
  it('unreadable input: exit 2 (missing file, garbage, empty, truncated DER, broken XML)', async () => {
    const missing = await cli(['certs', 'nope.pem'], { cwd: KEYS });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read nope.pem: no such file or directory');
    const garbage = await cli(['certs', '-'], { stdin: 'hello world!' });
    expect([garbage.code, garbage.stderr.includes('ERR_CERT_FORMAT')]).toEqual([2, true]);
    const empty = await cli(['certs', '-'], { stdin: '' });
    expect([empty.code, empty.stderr.includes('ERR_CERT_EMPTY')]).toEqual([2, true]);
    const truncated = await cli(['certs', '-'], { stdin: readFileSync(`${KEYS}idp-signing.crt.der`).subarray(0, 300) });
    expect([truncated.code, truncated.stderr.includes('ERR_CERT_DER')]).toEqual([2, true]);
    const xml = await cli(['certs', '-'], { stdin: '<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata">' });
    expect([xml.code, /ERR_XML_/.test(xml.stderr)]).toEqual([2, true]);
  });
  it('errors name the input and say what was expected and found', async () => {
    const r = await cli(['certs', 'idp-signing.crt.pem', 'idp-signing.pfx', '--password', 'nope'], { cwd: KEYS });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('samlfed certs: idp-signing.pfx: ERR_CERT_PKCS12_PASSWORD: The PKCS#12 password is wrong (integrity check failed)\n');
    const garbage = await cli(['certs', '-'], { stdin: 'hello world!' });
    expect(garbage.stderr).toBe('samlfed certs: <stdin>: ERR_CERT_FORMAT: Expected a certificate as base64 (ds:X509Certificate), PEM, DER or PKCS#12, found text starting "hello world!"\n');
    const empty = await cli(['certs', '-'], { stdin: '  \n' });
    expect(empty.stderr).toBe('samlfed certs: <stdin>: ERR_CERT_EMPTY: Expected a certificate (base64, PEM, DER or PKCS#12), found only whitespace\n');
  });
  it('text: a file name with control characters is shown escaped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'samlfed-certs-'));
    copyFileSync(`${KEYS}idp-signing.crt.pem`, join(dir, 'a\x1b[2J.pem'));
    const r = await cli(['certs', 'a\x1b[2J.pem', ...NOW], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('certificate 1 of 1 in a\\x1b[2J.pem');
    expect(r.stdout).not.toContain('\x1b');
  });
  it('--now without a zone is UTC (the same parser as lint and inspect)', async () => {
    const days = async (now: string) => JSON.parse((await cli(['certs', `${KEYS}idp-signing.crt.pem`, '--format', 'json', '--now', now])).stdout).certificates[0].daysLeft;
    expect(await days('2044-12-31T12:00:00')).toBe(0);
    expect(await days('2044-12-31T12:00:00Z')).toBe(0);
    expect(await days('2044-12-30')).toBe(2);
    expect((await cli(['certs', `${KEYS}idp-signing.crt.pem`, '--now', '2026-02-30'])).code).toBe(2);
  });
  it('bad usage: exit 2', async () => {
    expect((await cli(['certs'])).code).toBe(2);
    expect((await cli(['certs', 'x', '--format', 'yaml'])).stderr).toContain('--format must be text or json');
    expect((await cli(['certs', 'x', '--now', 'tomorrow'])).code).toBe(2);
    expect((await cli(['certs', 'x', '--bogus'])).code).toBe(2);
    expect((await cli(['certs', 'x', '--password-env', 'UNSET_VAR'])).stderr).toContain('UNSET_VAR is not set');
  });
});

describe('samlfed certs: input limits', () => {
  it('a character device is read as a stream (issue 11 defect 8): /dev/null is empty input, exit 2', async () => {
    const r = await cli(['certs', '/dev/null']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^samlfed certs: \/dev\/null: ERR_CERT_/);
  });
});
