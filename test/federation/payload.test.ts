import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCreateFederationPayload, loadManifest, parseManifest, PayloadError, type CreateFederationPayload } from '../../src/federation/index.js';
import { parseGlobalFederationSettings } from '../../src/tenant/readers.js';
import { parseMultipart, type ParsedPart } from './busboy-parse.js';

const EXAMPLES = resolve(__dirname, '../../examples');
const ADFS_XML = join(EXAMPLES, 'adfs-partner/federationmetadata.xml');
const TENANT_XML = join(EXAMPLES, 'tenant-partner/idp-metadata.xml');
const NOW = new Date('2026-06-01T00:00:00Z');
const BOUNDARY = '----samlfedTestBoundary0123456789';
const IDP_SHA1 = '2F4EF7D8BFC934A977578DEBCC3862C13691A1F1';
const PFX_SHA1 = '2F4EF7D8BFC934A977578DEBCC3862C13691A1F1';
const ATTACKER_SHA1 = 'A3D915F4AE9CAB80DD6BF27123FDEEA648C9116C';
const settings = parseGlobalFederationSettings(readFileSync(join(EXAMPLES, 'global-settings.json'), 'utf8'));

const ORDER = ['FederationName', 'FederationType', 'Domains', 'Name', 'Mappings', 'IDPMetadataUrl', 'IDPSignInUrl', 'IDPLogoutUrl', 'IDPSigningCert_name', 'IDPSigningCertPassword', 'FederationUuid', 'IDPSigningCertificateThumbprint', 'IsMetaData', 'SPMetadataUrl', 'SPAutnenticationResponseUrl', 'SPSigningCertificate_name', 'SPSigningCertificateCA_name', 'IDPMetadataFileContents', 'IDPSigningCert', 'SPSigningCertificate', 'SPSigningCertificateCA'];
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const fieldsOf = (parts: ParsedPart[]) => Object.fromEntries(parts.filter((p) => p.kind === 'field').map((p) => [p.name, p.value]));
const fileOf = (parts: ParsedPart[], name: string) => parts.find((p) => p.name === name && p.kind === 'file')!;

async function parsed(p: CreateFederationPayload): Promise<ParsedPart[]> {
  expect(p.contentType).toBe(`multipart/form-data; boundary=${p.boundary}`);
  return parseMultipart(p.body, p.contentType);
}

describe('buildCreateFederationPayload: AD FS example', async () => {
  const manifest = await loadManifest(join(EXAMPLES, 'adfs-partner/partner.yaml'));
  const p = await buildCreateFederationPayload(manifest, { settings, now: NOW, boundary: BOUNDARY });
  const parts = await parsed(p);

  it('has every part, in order, with the exact names', () => {
    expect(parts.map((x) => x.name)).toEqual(ORDER);
    expect(p.fields.map((f) => f.name)).toEqual(ORDER);
    expect(parts.slice(0, 17).every((x) => x.kind === 'field')).toBe(true);
    expect(parts.slice(17).every((x) => x.kind === 'file')).toBe(true);
  });

  it('carries the field values', () => {
    expect(fieldsOf(parts)).toEqual({
      FederationName: 'acmeco',
      FederationType: 'SAML 2.0',
      Domains: 'acme.example,acme-corp.example',
      Name: 'acmeco',
      Mappings: JSON.stringify([
        { AttributeValue: 'Sales Managers', GroupName: 'Mgrs-Sales' },
        { AttributeValue: 'SalesTeamManagers', GroupName: 'Mgrs-Sales' },
        { AttributeValue: 'Finance Approvers', GroupName: 'Partner-Finance' },
        { AttributeValue: 'Contractors', GroupName: 'Partner-Guests' },
      ]),
      IDPMetadataUrl: '',
      IDPSignInUrl: '',
      IDPLogoutUrl: '',
      IDPSigningCert_name: '',
      IDPSigningCertPassword: '',
      FederationUuid: '',
      IDPSigningCertificateThumbprint: IDP_SHA1,
      IsMetaData: 'true',
      SPMetadataUrl: 'https://aaa1234.my.idaptive.app/Federation/federationmetadata?FederationType=SAML%202.0',
      SPAutnenticationResponseUrl: 'https://aaa1234.my.idaptive.app/My',
      SPSigningCertificate_name: '',
      SPSigningCertificateCA_name: '',
    });
  });

  it('embeds the partner metadata byte for byte, named after the file, as text/xml', () => {
    const f = fileOf(parts, 'IDPMetadataFileContents');
    expect(f.filename).toBe('federationmetadata.xml');
    expect(f.mimeType).toBe('text/xml');
    expect(Buffer.compare(f.bytes!, readFileSync(ADFS_XML))).toBe(0);
  });

  it('sends unused file parts empty, with an empty filename, as application/octet-stream', () => {
    for (const name of ['IDPSigningCert', 'SPSigningCertificate', 'SPSigningCertificateCA']) {
      const f = fileOf(parts, name);
      // busboy reports `filename=""` as no filename; the raw header is checked below.
      expect([f.filename, f.mimeType, f.bytes!.length]).toEqual([undefined, 'application/octet-stream', 0]);
      expect(p.body.toString('latin1')).toContain(`\r\n--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"; filename=""\r\nContent-Type: application/octet-stream\r\n\r\n\r\n--${BOUNDARY}`);
    }
    expect(p.body.toString('latin1')).toContain(`Content-Disposition: form-data; name="SPSigningCertificateCA"; filename=""\r\nContent-Type: application/octet-stream\r\n\r\n\r\n--${BOUNDARY}--\r\n`);
  });

  it('returns the thumbprint, flavour, group attribute, lint and warnings', () => {
    expect(p.thumbprint).toBe(IDP_SHA1);
    expect(p.thumbprints).toEqual([IDP_SHA1]);
    expect(p.signingCertificate.subject).toContain('CN=samlfed test IdP signing');
    expect(p.flavour).toBe('adfs');
    expect(p.groupAttribute).toBe('http://schemas.xmlsoap.org/claims/Group');
    expect(p.lint?.errorCount).toBe(0);
    expect(p.forced).toBe(false);
    expect(p.warnings.some((w) => w.startsWith('requireMfa:'))).toBe(true);
    expect(p.warnings.some((w) => w.startsWith('WARNING'))).toBe(false);
  });

  it('gives a reviewable JSON view: values, and files by filename, type, size, SHA-256', () => {
    expect(p.fields[0]).toEqual({ name: 'FederationName', value: 'acmeco' });
    const xml = readFileSync(ADFS_XML);
    expect(p.fields[17]).toEqual({ name: 'IDPMetadataFileContents', file: { filename: 'federationmetadata.xml', contentType: 'text/xml', size: xml.length, sha256: sha256(xml) } });
    expect(p.fields[20]).toEqual({ name: 'SPSigningCertificateCA', file: { filename: '', contentType: 'application/octet-stream', size: 0, sha256: sha256(new Uint8Array(0)) } });
    expect(JSON.parse(JSON.stringify(p.fields))).toEqual(p.fields);
  });

  it('is deterministic with a fixed boundary, random without', async () => {
    const again = await buildCreateFederationPayload(manifest, { settings, now: NOW, boundary: BOUNDARY });
    expect(Buffer.compare(again.body, p.body)).toBe(0);
    const r1 = await buildCreateFederationPayload(manifest, { settings, now: NOW });
    const r2 = await buildCreateFederationPayload(manifest, { settings, now: NOW });
    expect(r1.boundary).not.toBe(r2.boundary);
    expect((await parsed(r1)).map((x) => x.name)).toEqual(ORDER);
  });
});

describe('buildCreateFederationPayload: tenant example', async () => {
  const manifest = await loadManifest(join(EXAMPLES, 'tenant-partner/partner.yaml'));
  const p = await buildCreateFederationPayload(manifest, { now: NOW, boundary: BOUNDARY });
  const parts = await parsed(p);

  it('builds with Group as attribute and empty SP fields without settings (with a warning)', () => {
    expect(p.flavour).toBe('tenant');
    expect(p.groupAttribute).toBe('Group');
    const f = fieldsOf(parts);
    expect([f.FederationName, f.Domains, f.SPMetadataUrl, f.SPAutnenticationResponseUrl, f.IsMetaData]).toEqual(['globex', 'globex.example', '', '', 'true']);
    expect(JSON.parse(f.Mappings!)).toEqual([{ AttributeValue: 'Globex Sales', GroupName: 'Partner-Sales' }, { AttributeValue: 'Globex Support Engineers', GroupName: 'Partner-Support' }]);
    expect(p.warnings.some((w) => w.includes('no global federation settings'))).toBe(true);
  });

  it('embeds the metadata byte-identically', () => {
    const f = fileOf(parts, 'IDPMetadataFileContents');
    expect(f.filename).toBe('idp-metadata.xml');
    expect(Buffer.compare(f.bytes!, readFileSync(TENANT_XML))).toBe(0);
  });

  it('sends FederationUuid for an update', async () => {
    const u = await buildCreateFederationPayload(manifest, { now: NOW, boundary: BOUNDARY, federationUuid: '45e14203-aaaa-bbbb-cccc-0123456789ab' });
    expect(fieldsOf(await parsed(u)).FederationUuid).toBe('45e14203-aaaa-bbbb-cccc-0123456789ab');
    await expect(buildCreateFederationPayload(manifest, { now: NOW, federationUuid: 'x"; y' })).rejects.toThrow(TypeError);
  });
});

describe('buildCreateFederationPayload: pinned thumbprint', () => {
  const text = (pin: string) => `name: globex\ndomains: [globex.example]\nmetadata: ./idp-metadata.xml\nexpectedThumbprint: ${pin}\n`;
  const base = join(EXAMPLES, 'tenant-partner');

  it('a matching pin builds', async () => {
    const p = await buildCreateFederationPayload(parseManifest(text(IDP_SHA1.toLowerCase()), { baseDir: base }), { now: NOW });
    expect(p.thumbprint).toBe(IDP_SHA1);
  });

  it('a pin matching no IdP signing certificate: ERR_PAYLOAD_THUMBPRINT_MISMATCH with expected vs found', async () => {
    const err = await buildCreateFederationPayload(parseManifest(text(ATTACKER_SHA1), { baseDir: base }), { now: NOW }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PayloadError);
    expect(err).toMatchObject({ code: 'ERR_PAYLOAD_THUMBPRINT_MISMATCH', expected: ATTACKER_SHA1, actual: [IDP_SHA1] });
    expect((err as Error).message).toContain(`expected an IdP signing certificate with SHA-1 ${ATTACKER_SHA1} (expectedThumbprint), found ${IDP_SHA1}. Do not build this federation`);
  });
});

describe('buildCreateFederationPayload: lint gate', async () => {
  const manifest = await loadManifest(join(EXAMPLES, 'tenant-partner/partner.yaml'));
  const LATER = new Date('2050-01-01T00:00:00Z'); // the IdP certificate has expired by then

  it('refuses metadata with lint errors, carrying the findings', async () => {
    const err = await buildCreateFederationPayload(manifest, { now: LATER }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'ERR_PAYLOAD_LINT_FAILED', actual: 1 });
    expect((err as PayloadError).findings?.filter((f) => f.severity === 'error').map((f) => f.ruleId)).toEqual(['cert-expired']);
    expect((err as Error).message).toContain('cert-expired');
  });

  it('force builds anyway with a loud warning', async () => {
    const p = await buildCreateFederationPayload(manifest, { now: LATER, force: true, boundary: BOUNDARY });
    expect(p.forced).toBe(true);
    expect(p.lint?.errorCount).toBe(1);
    expect(p.warnings[0]).toMatch(/^WARNING: --force: building a federation from IdP metadata with 1 lint error\(s\):\n {2}cert-expired/);
    expect((await parsed(p)).map((x) => x.name)).toEqual(ORDER);
  });
});

describe('buildCreateFederationPayload: metadataUrl', () => {
  const m = parseManifest('name: globex\ndomains: [globex.example]\nmetadataUrl: https://partner.my.idaptive.app/saasManage/DownloadSAMLMetadataForApp?appkey=5b1f\n', { baseDir: EXAMPLES });

  it('lints the fetched document, sends the URL and an empty metadata file part', async () => {
    const seen: string[] = [];
    const p = await buildCreateFederationPayload(m, { now: NOW, boundary: BOUNDARY, fetch: async (url) => (seen.push(url), readFileSync(TENANT_XML)) });
    expect(seen).toEqual(['https://partner.my.idaptive.app/saasManage/DownloadSAMLMetadataForApp?appkey=5b1f']);
    const parts = await parsed(p);
    expect(fieldsOf(parts).IDPMetadataUrl).toBe(seen[0]);
    expect(fieldsOf(parts).IsMetaData).toBe('true');
    expect(fileOf(parts, 'IDPMetadataFileContents').bytes!.length).toBe(0);
    expect(p.thumbprint).toBe(IDP_SHA1);
  });
});

describe('buildCreateFederationPayload: manual configuration (IsMetaData false)', async () => {
  const manifest = await loadManifest(resolve(__dirname, '../fixtures/federation/manual-partner.yaml'));
  const p = await buildCreateFederationPayload(manifest, { now: NOW, boundary: BOUNDARY });
  const parts = await parsed(p);
  const pfx = readFileSync(resolve(__dirname, '../keys/idp-signing.pfx'));

  it('sends the URLs, the certificate file and its password; no lint', () => {
    const f = fieldsOf(parts);
    expect([f.IsMetaData, f.IDPSignInUrl, f.IDPLogoutUrl, f.IDPSigningCert_name, f.IDPSigningCertPassword, f.IDPSigningCertificateThumbprint]).toEqual(['false', 'https://sso.initech.example/saml/sso', 'https://sso.initech.example/saml/slo', 'idp-signing.pfx', 'test-password', PFX_SHA1]);
    const cert = fileOf(parts, 'IDPSigningCert');
    expect([cert.filename, cert.mimeType]).toEqual(['idp-signing.pfx', 'application/octet-stream']);
    expect(Buffer.compare(cert.bytes!, pfx)).toBe(0);
    expect(fileOf(parts, 'IDPMetadataFileContents').bytes!.length).toBe(0);
    expect(p.lint).toBeUndefined();
    expect(p.flavour).toBe('generic');
  });

  it('redacts the password in the reviewable view', () => {
    expect(p.fields[9]).toEqual({ name: 'IDPSigningCertPassword', value: '(redacted)', redacted: true });
    expect(JSON.stringify(p.fields)).not.toContain('test-password');
  });

  it('a wrong PKCS#12 password: ERR_PAYLOAD_CERT_INVALID', async () => {
    const m = parseManifest(readFileSync(resolve(__dirname, '../fixtures/federation/manual-partner.yaml'), 'utf8').replace('test-password', 'wrong'), { baseDir: resolve(__dirname, '../fixtures/federation') });
    await expect(buildCreateFederationPayload(m, { now: NOW })).rejects.toMatchObject({ code: 'ERR_PAYLOAD_CERT_INVALID' });
  });

  it('a certificate not valid at now: ERR_PAYLOAD_CERT_EXPIRED unless forced', async () => {
    const later = new Date('2050-01-01T00:00:00Z');
    await expect(buildCreateFederationPayload(manifest, { now: later })).rejects.toMatchObject({ code: 'ERR_PAYLOAD_CERT_EXPIRED' });
    const forced = await buildCreateFederationPayload(manifest, { now: later, force: true });
    expect(forced.forced).toBe(true);
    expect(forced.warnings[0]).toMatch(/^WARNING: --force/);
  });
});

describe('buildCreateFederationPayload: caller mistakes and encodings', () => {
  it('rejects a bad boundary and an invalid now', async () => {
    const m = await loadManifest(join(EXAMPLES, 'tenant-partner/partner.yaml'));
    await expect(buildCreateFederationPayload(m, { now: NOW, boundary: 'has space' })).rejects.toThrow(TypeError);
    await expect(buildCreateFederationPayload(m, { now: new Date(NaN) })).rejects.toThrow(TypeError);
  });

  it('non-ASCII names and groups survive as UTF-8', async () => {
    const m = parseManifest('name: Müller GmbH\ndomains: [mueller.example]\nmetadata: ./idp-metadata.xml\nmappings:\n  Vertrieb Führung: Mgrs-Vertrieb\n', { baseDir: join(EXAMPLES, 'tenant-partner') });
    const parts = await parsed(await buildCreateFederationPayload(m, { now: NOW, boundary: BOUNDARY }));
    expect(fieldsOf(parts).FederationName).toBe('Müller GmbH');
    expect(JSON.parse(fieldsOf(parts).Mappings!)).toEqual([{ AttributeValue: 'Vertrieb Führung', GroupName: 'Mgrs-Vertrieb' }]);
  });

  it('refuses a fixed boundary that occurs inside a part', async () => {
    const m = parseManifest('name: acme\ndomains: [acme.example]\nmetadata: ./idp-metadata.xml\nmappings:\n  "--XYZ": G\n', { baseDir: join(EXAMPLES, 'tenant-partner') });
    await expect(buildCreateFederationPayload(m, { now: NOW, boundary: 'XYZ' })).rejects.toMatchObject({ code: 'ERR_PAYLOAD_BOUNDARY' });
  });
});
