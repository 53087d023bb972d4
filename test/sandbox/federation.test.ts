import { describe, expect, it } from 'vitest';
import { readCertificate } from '../../src/certs/index.js';
import { readFileSync } from 'node:fs';
import { federationForm, fixtureText, NATIVE, sandboxForFile, startTestSandbox, type Envelope } from '../helpers/sandbox.js';

const sb = sandboxForFile({ resetBeforeEach: true });

type Fed = { FederationUuid: string; FederationName: string; NormalizedFederationName: string; Domains: string[]; Mappings: unknown[]; Config: { IDPSignInUrl: string; IDPSigningCertificateThumbprint: string; IDPSigningCertificateCollection: unknown[]; IDPLogoutUrl: string } };

async function create(fd: FormData): Promise<Envelope<Fed>> {
  const r = await sb.fetch('/Federation/CreateFederation', { method: 'POST', headers: { ...NATIVE, Authorization: `Bearer ${sb.token}` }, body: fd });
  expect(r.status).toBe(200);
  return (await r.json()) as Envelope<Fed>;
}

const IDP_THUMBPRINT = readCertificate(readFileSync(new URL('../keys/idp-signing.crt.pem', import.meta.url))).sha1Thumbprint;
const tenantMetadata = fixtureText('metadata/tenant.unsigned.xml');

describe('CreateFederation (tenant-api.md §3.4, validation order §9.3)', () => {
  it('creates a federation from metadata: the documented Result, groups created, listed by GetFederations', async () => {
    const r = await create(federationForm({ FederationName: 'Acme Corp', Domains: 'acme.example,acme-corp.example', IDPSigningCertificateThumbprint: IDP_THUMBPRINT.toLowerCase() }));
    expect(r.success).toBe(true);
    expect(r.Result).toMatchObject({ FederationName: 'Acme Corp', NormalizedFederationName: 'acme corp', Domains: ['acme.example', 'acme-corp.example'], FederationType: 'SAML 2.0', Active: true, Mappings: [{ AttributeValue: 'Sales', GroupName: 'AcmeSales' }] });
    expect(r.Result.Config.IDPSignInUrl).toBe('https://partner.my.idaptive.app/applogin/appKey/5b1f9a7e-3c2d-4e8f-9a6b-0c1d2e3f4a5b/customerId/ABC1234');
    expect(r.Result.Config.IDPSigningCertificateThumbprint).toBe(IDP_THUMBPRINT);
    expect(r.Result.Config.IDPSigningCertificateCollection).toHaveLength(1);
    expect((await sb.call<string[]>('/Federation/GetGroups', {}, sb.token)).Result).toEqual(['AcmeSales']);
    const list = await sb.call<Fed[]>('/Federation/GetFederations', { Args: { PageNumber: 1, PageSize: 100, Limit: 100, SortBy: '', direction: 'False', Caching: -1 } }, sb.token);
    expect(list.Result.map((f) => f.FederationUuid)).toEqual([r.Result.FederationUuid]);
    const one = await sb.call<Fed>('/Federation/GetFederation', { FederationUuid: r.Result.FederationUuid }, sb.token);
    expect(one.Result.FederationName).toBe('Acme Corp');
  });

  const failures: [string, Record<string, string>, string][] = [
    ['federation type', { FederationType: 'WS-Fed' }, "Federation type 'WS-Fed' is not supported."],
    ['empty name', { FederationName: '  ' }, 'Parameter "FederationName" must be specified.'],
    ['no domain', { Domains: '' }, 'At least one federation domain must be specified.'],
    ['bad domain', { Domains: 'not a domain!' }, "Domain 'not' is not a valid domain name."],
    ['tenant login suffix', { Domains: 'AAA1234.samlfed.test' }, "Domain 'AAA1234.samlfed.test' is already in use."],
    ['mappings not JSON', { Mappings: '[{"AttributeValue":' }, 'Mappings is not valid JSON.'],
    ['mapping without group', { Mappings: '[{"AttributeValue":"x","GroupName":""}]' }, 'Mapping 1: AttributeValue and GroupName are required.'],
    ['thumbprint mismatch', { IDPSigningCertificateThumbprint: '00'.repeat(20) }, 'Signing certificate thumbprint does not match.'],
    ['metadata and URL both', { IDPMetadataUrl: 'http://127.0.0.1:1/md.xml' }, 'The identity provider metadata is not valid: give exactly one of IDPMetadataFileContents and IDPMetadataUrl'],
  ];
  for (const [what, fields, message] of failures) {
    it(`refuses ${what} with success:false and the tenant-style message`, async () => {
      const r = await create(federationForm(fields));
      expect(r.success).toBe(false);
      expect(r.Message).toBe(message);
      expect((await sb.call<unknown[]>('/Federation/GetFederations', {}, sb.token)).Result).toEqual([]);
    });
  }

  it('refuses a duplicate name (normalised: case and spaces) and a duplicate domain (case-insensitive)', async () => {
    expect((await create(federationForm({ FederationName: 'Acme Corp' }))).success).toBe(true);
    const dupName = await create(federationForm({ FederationName: ' ACME   corp ', Domains: 'other.example' }));
    expect(dupName.Message).toBe("A federation named 'ACME   corp' already exists.");
    const dupDomain = await create(federationForm({ FederationName: 'Other', Domains: 'new.example,ACME.Example' }));
    expect(dupDomain.Message).toBe("Domain 'ACME.Example' is already in use.");
  });

  it('refuses metadata that is not SAML 2.0 IdP metadata with a signing certificate and an SSO endpoint', async () => {
    const noSso = tenantMetadata.replace(/<SingleSignOnService[^>]*\/>/g, '');
    const noKey = tenantMetadata.replace(/<KeyDescriptor>.*<\/KeyDescriptor>/, '');
    const cases: [string, string][] = [
      ['not xml at all', 'The identity provider metadata is not valid: ERR_XML_MALFORMED'],
      ['<!DOCTYPE x [<!ENTITY a "b">]><x/>', 'The identity provider metadata is not valid: ERR_XML_DOCTYPE'],
      [noSso, 'The identity provider metadata is not valid: no SingleSignOnService with the HTTP-Redirect or HTTP-POST binding'],
      [noKey, 'The identity provider metadata is not valid: no signing certificate'],
      [tenantMetadata.replace('IDPSSODescriptor', 'SPSSODescriptor').replace('</IDPSSODescriptor>', '</SPSSODescriptor>'), 'The identity provider metadata is not valid: no SAML 2.0 IDPSSODescriptor'],
    ];
    for (const [metadata, message] of cases) {
      const r = await create(federationForm({ metadata }));
      expect(r.success, message).toBe(false);
      expect(r.Message!.startsWith(message), `${r.Message} vs ${message}`).toBe(true);
    }
  });

  it('updates a federation through FederationUuid (same checks, itself excluded) and refuses an unknown uuid', async () => {
    const a = await create(federationForm({ FederationName: 'Acme' }));
    const b = await create(federationForm({ FederationName: 'Globex', Domains: 'globex.example' }));
    const upd = await create(federationForm({ FederationName: 'Acme', FederationUuid: a.Result.FederationUuid, Domains: 'acme.example,acme2.example', Mappings: '[]' }));
    expect(upd.success).toBe(true);
    expect(upd.Result.FederationUuid).toBe(a.Result.FederationUuid);
    expect(upd.Result.Domains).toEqual(['acme.example', 'acme2.example']);
    const clash = await create(federationForm({ FederationName: 'Acme', FederationUuid: a.Result.FederationUuid, Domains: 'globex.example' }));
    expect(clash.Message).toBe("Domain 'globex.example' is already in use.");
    const unknown = await create(federationForm({ FederationUuid: 'no-such-uuid' }));
    expect(unknown.Message).toBe("Federation 'no-such-uuid' does not exist.");
    expect((await sb.call('/Federation/DeleteFederation', { FederationUuid: b.Result.FederationUuid }, sb.token)).success).toBe(true);
    expect((await sb.call<unknown[]>('/Federation/GetFederations', {}, sb.token)).Result).toHaveLength(1);
  });

  it('strict: refuses an unknown, missing or reordered part; loose accepts them', async () => {
    const extra = federationForm({});
    extra.append('Surprise', 'x');
    expect((await create(extra)).Message).toBe("The federation form is not valid: unexpected part 'Surprise'");
    const short = new FormData();
    short.append('FederationName', 'Acme');
    short.append('FederationType', 'SAML 2.0');
    expect((await create(short)).Message).toMatch(/^The federation form is not valid: missing parts 'Domains', 'Name'/);
    const loose = await startTestSandbox({ loose: true });
    try {
      const t = await loose.login();
      const fd = new FormData();
      fd.append('Domains', 'acme.example');
      fd.append('FederationType', 'SAML 2.0');
      fd.append('FederationName', 'Acme');
      fd.append('IsMetaData', 'true');
      fd.append('IDPMetadataFileContents', new Blob([tenantMetadata]), 'md.xml');
      fd.append('Whatever', '1');
      const r = (await (await loose.fetch('/Federation/CreateFederation', { method: 'POST', headers: { Authorization: `Bearer ${t}` }, body: fd })).json()) as Envelope;
      expect(r.success).toBe(true);
    } finally {
      await loose.stop();
    }
  });

  it('reads metadata from a loopback URL (IDPMetadataUrl) and refuses a non-loopback one', async () => {
    const url = `${sb.url}/Federation/federationmetadata?FederationType=SAML%202.0`;
    // The sandbox's own SP metadata has no IDPSSODescriptor: fetched, parsed, refused for the right reason.
    const r = await create(federationForm({ metadata: '', IDPMetadataUrl: url }));
    expect(r.Message).toBe('The identity provider metadata is not valid: no SAML 2.0 IDPSSODescriptor');
    const far = await create(federationForm({ metadata: '', IDPMetadataUrl: 'https://idp.example.com/metadata' }));
    expect(far.Message).toBe('The identity provider metadata is not valid: the sandbox fetches metadata only from loopback URLs (127.0.0.1, localhost)');
  });

  it('keeps IDPSigningCertPassword out of the request log', async () => {
    await sb.fetch('/_sandbox/requests', { method: 'DELETE' });
    const r = await create(federationForm({ IDPSigningCertPassword: 'p12-Secret-Value' }));
    expect(r.success).toBe(true);
    const log = JSON.stringify(await sb.adminApi('requests'));
    expect(log).toContain('IDPSigningCertPassword');
    expect(log).not.toContain('p12-Secret-Value');
  });
});
