import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { certBase64 } from '../../scripts/fixtures/metadata-builders.js';
import type { InspectReport } from '../../src/metadata/report.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const F = 'test/fixtures/metadata';
const NOW = '2026-06-15T00:00:00Z';

describe('samlfed inspect', () => {
  it('text: AD FS entity with flavour, endpoints, attributes, certificates and integrity-only signature', async () => {
    const r = await cli(['inspect', `${F}/adfs.signed.xml`, '--now', NOW], { cwd: ROOT });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = r.stdout;
    expect(out).toContain('Entity http://adfs.partner.example/adfs/services/trust (line 1)');
    expect(out).toContain('Flavour: adfs (RoleDescriptor xsi:type=fed:SecurityTokenServiceType)');
    expect(out).toContain('Roles: IDPSSODescriptor, SPSSODescriptor, RoleDescriptor[fed:ApplicationServiceType], RoleDescriptor[fed:SecurityTokenServiceType]');
    expect(out).toContain('SSO: HTTP-POST     https://adfs.partner.example/adfs/ls/');
    expect(out).toContain('- http://schemas.xmlsoap.org/claims/Group (Group)');
    expect(out).toContain('SHA-1   2F4EF7D8BFC934A977578DEBCC3862C13691A1F1');
    expect(out).toContain('RSA 2048, not after 2045-01-01 (6775 days left)');
    expect(out).toContain('integrity only, authenticity not established');
  });

  it('text: a trust anchor makes the signature authentic', async () => {
    const r = await cli(['inspect', `${F}/adfs.signed.xml`, '--now', NOW, '--trust', 'test/keys/idp-signing.crt.pem'], { cwd: ROOT });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('verified with a trust anchor: authentic');
    const t = await cli(['inspect', `${F}/adfs.signed.xml`, '--now', NOW, '--trust-thumbprint', '2F4EF7D8BFC934A977578DEBCC3862C13691A1F1'], { cwd: ROOT });
    expect(t.stdout).toContain('verified with a trust anchor: authentic');
  });

  it('text: tampered signature is shown as INVALID with its code (exit 0: inspect reports, lint judges)', async () => {
    const r = await cli(['inspect', `${F}/adfs.signed.tampered.xml`, '--now', NOW], { cwd: ROOT });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Signature: INVALID: ERR_SIGNATURE_DIGEST_MISMATCH');
  });

  it('json: the documented report object', async () => {
    const r = await cli(['inspect', `${F}/tenant.unsigned.xml`, '--format', 'json', '--now', NOW], { cwd: ROOT });
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as InspectReport;
    expect(report.input).toBe(`${F}/tenant.unsigned.xml`);
    expect(report.now).toBe('2026-06-15T00:00:00.000Z');
    expect(report.root).toEqual({ kind: 'EntityDescriptor' });
    expect(report.signature).toEqual({ status: 'unsigned' });
    const e = report.entities[0]!;
    expect(e.entityId).toBe('https://partner.my.idaptive.app/5b1f9a7e-3c2d-4e8f-9a6b-0c1d2e3f4a5b');
    expect(e.flavour).toBe('tenant');
    expect(e.roles).toEqual(['IDPSSODescriptor']);
    const idp = e.idp[0]!;
    expect(idp.singleSignOnServices!.map((s) => s.bindingShort)).toEqual(['HTTP-POST', 'HTTP-Redirect']);
    expect(idp.nameIdFormats).toHaveLength(8);
    expect(idp.attributes).toEqual([{ name: 'Email Address', nameFormat: 'urn:oasis:names:tc:SAML:2.0:attrname-format:basic', values: [] }]);
    // the one KeyDescriptor without use is listed for both purposes
    expect(idp.signingCertificates).toEqual([expect.objectContaining({ ok: true, use: 'unspecified', sha1: '2F4EF7D8BFC934A977578DEBCC3862C13691A1F1', daysLeft: 6775, notAfter: '2045-01-01T00:00:00.000Z' })]);
    expect(idp.encryptionCertificates).toEqual(idp.signingCertificates);
  });

  it('organization, contacts and the request-signing flags (text and json)', async () => {
    const r = await cli(['inspect', `${F}/generic.unsigned.xml`, '--now', NOW], { cwd: ROOT });
    expect(r.stdout).toContain('\n  Organization: Generic Example IdP (https://www.generic.example/)\n  Contact (technical): Ada Admin <idp-admin@generic.example, +1 555 0100>\n  IdP (IDPSSODescriptor):\n');
    const e = (JSON.parse((await cli(['inspect', `${F}/generic.unsigned.xml`, '--format', 'json', '--now', NOW], { cwd: ROOT })).stdout) as InspectReport).entities[0]!;
    expect(e.organization).toEqual({ names: ['Generic Example'], displayNames: ['Generic Example IdP'], urls: ['https://www.generic.example/'] });
    expect(e.contacts).toEqual([{ contactType: 'technical', company: 'Generic Example', givenName: 'Ada', surName: 'Admin', emailAddresses: ['mailto:idp-admin@generic.example'], telephoneNumbers: ['+1 555 0100'] }]);
    expect(e.idp[0]!.wantAuthnRequestsSigned).toBe(false);
    const agg = JSON.parse((await cli(['inspect', `${F}/aggregate.three-entities.xml`, '--format', 'json', '--now', NOW], { cwd: ROOT })).stdout) as InspectReport;
    const sp = agg.entities.flatMap((x) => x.sp);
    expect(sp.map((x) => [x.authnRequestsSigned, x.wantAssertionsSigned])).toEqual([[undefined, true], [true, true]]);
    const text = (await cli(['inspect', `${F}/aggregate.three-entities.xml`, '--now', NOW], { cwd: ROOT })).stdout;
    expect(text).toContain('  SP (SPSSODescriptor; AuthnRequestsSigned=true, WantAssertionsSigned=true):\n');
  });

  it('json: aggregate with embedded-certificate note and an unreadable certificate', async () => {
    const r = await cli(['inspect', `${F}/aggregate.three-entities.xml`, '--format', 'json', '--now', NOW], { cwd: ROOT });
    const report = JSON.parse(r.stdout) as InspectReport;
    expect(report.root).toEqual({ kind: 'EntitiesDescriptor', name: 'https://federation.example/metadata', validUntil: '2045-01-01T00:00:00Z', cacheDuration: 'PT6H' });
    expect(report.signature).toMatchObject({ status: 'valid', trust: 'embedded-certificate', note: expect.stringContaining('authenticity not established') });
    expect(report.entities.map((e) => e.flavour)).toEqual(['adfs', 'tenant', 'generic']);
    const bad = await cli(['inspect', `${F}/tenant.bad-certificate.xml`, '--format', 'json', '--now', NOW], { cwd: ROOT });
    const c = (JSON.parse(bad.stdout) as InspectReport).entities[0]!.idp[0]!.signingCertificates[0]!;
    expect(c).toMatchObject({ ok: false, use: 'unspecified', error: { code: 'ERR_CERT_BASE64' } });
  });

  it('reads standard input with -', async () => {
    const xml = `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example/"><md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"><md:KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data><ds:X509Certificate>${certBase64('expired')}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor></md:IDPSSODescriptor></md:EntityDescriptor>`;
    const r = await cli(['inspect', '-', '--now', NOW], { stdin: xml, cwd: ROOT });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Metadata: <stdin>');
    expect(r.stdout).toContain('Entity https://idp.example/');
    expect(r.stdout).toMatch(/not after 2016-01-01 \(EXPIRED \d+ days ago\)/);
    expect(r.stdout).toContain('SSO: (none)');
  });

  it('exit 2: missing file, not metadata, not XML, bad options', async () => {
    const missing = await cli(['inspect', 'no/such/file.xml'], { cwd: ROOT });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read no/such/file.xml: no such file');
    const notMd = await cli(['inspect', '-'], { stdin: '<foo xmlns="urn:x"/>', cwd: ROOT });
    expect(notMd.code).toBe(2);
    expect(notMd.stderr).toContain('<stdin> is not readable SAML metadata: ERR_METADATA_ROOT');
    expect(notMd.stderr).toContain('found {urn:x}foo');
    const notXml = await cli(['inspect', 'package.json'], { cwd: ROOT });
    expect(notXml.code).toBe(2);
    expect(notXml.stderr).toContain('package.json is not readable SAML metadata: ERR_XML_');
    expect((await cli(['inspect', `${F}/adfs.signed.xml`, '--format', 'yaml'], { cwd: ROOT })).code).toBe(2);
    expect((await cli(['inspect', `${F}/adfs.signed.xml`, '--now', 'yesterday'], { cwd: ROOT })).code).toBe(2);
    // The same --now parser as lint: a day that does not exist is refused, not rolled over.
    expect((await cli(['inspect', `${F}/adfs.signed.xml`, '--now', '2026-02-30'], { cwd: ROOT })).stderr).toMatch(/^samlfed inspect: --now must be an ISO-8601 date/);
    expect((await cli(['inspect', `${F}/adfs.signed.xml`, '--trust-thumbprint', 'abc'], { cwd: ROOT })).stderr).toMatch(/--trust-thumbprint must be 40 \(SHA-1\) or 64 \(SHA-256\) hex digits, got "abc"/);
    expect((await cli(['inspect'], { cwd: ROOT })).code).toBe(2);
    expect((await cli(['inspect', 'http://127.0.0.1:9/md.xml'], { cwd: ROOT })).stderr).toContain('ERR_FETCH_SCHEME');
  });

  it('text: values from the document cannot drive the terminal or fake a line', async () => {
    const xml = '<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://evil.example/&#13;Entity https://trusted.example&#x9b;2J"><md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"><md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://a/&#13;&#10;    SSO: HTTP-POST https://trusted&#x2028;"/></md:IDPSSODescriptor></md:EntityDescriptor>';
    const r = await cli(['inspect', '-', '--now', NOW], { stdin: xml, cwd: ROOT });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/[\r\u009b\u2028]/);
    expect(r.stdout).toContain('Entity https://evil.example/\\x0dEntity https://trusted.example\\x9b2J (line 1)');
    expect(r.stdout).toContain('SSO: HTTP-POST     https://a/\\x0d\\x0a    SSO: HTTP-POST https://trusted\\u2028');
    expect(r.stdout.split('\n').filter((l) => l.includes('SSO:'))).toHaveLength(1);
  });

  it('--now without a zone is UTC', async () => {
    const json = async (now: string) => JSON.parse((await cli(['inspect', `${F}/tenant.unsigned.xml`, '--format', 'json', '--now', now], { cwd: ROOT })).stdout).now;
    expect(await json('2026-06-15T00:00:00')).toBe('2026-06-15T00:00:00.000Z');
    expect(await json('2026-06-15')).toBe('2026-06-15T00:00:00.000Z');
  });

  it('--help', async () => {
    const r = await cli(['inspect', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: samlfed inspect');
  });
});
