import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { cli } from '../helpers/cli.js';
import { ACS, IDP, NOW, REQ, SP, buildResponse, pem, sign } from '../assertion/verify-helpers.js';

// Issue 11 defects 3, 5 and 9: verify with an aggregate (--entity-id, or the Response's Issuer),
// --partner/--global mapping printed in text and JSON, and --no-require-nameid.
const ROOT = resolve(__dirname, '../..');
let dir: string;
const f = (name: string): string => join(dir, name);
const NOW_ISO = NOW.toISOString();
const cert = pem('idp-signing.crt.pem').replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
const entity = (id: string) => `<md:EntityDescriptor entityID="${id}"><md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"><md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${cert}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor><md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://sso.example/"/></md:IDPSSODescriptor></md:EntityDescriptor>`;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'samlfed-verify-map-'));
  writeFileSync(f('aggregate.xml'), `<md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#">${entity('https://other-1.example/')}${entity(IDP)}${entity('https://other-2.example/')}</md:EntitiesDescriptor>`);
  writeFileSync(f('sp.json'), JSON.stringify({ entityId: SP, acsUrls: [ACS] }));
  const attrs = '<saml:Attribute Name="Group"><saml:AttributeValue>Sales Managers</saml:AttributeValue><saml:AttributeValue>Auditors</saml:AttributeValue><saml:AttributeValue>Nobody</saml:AttributeValue></saml:Attribute>';
  writeFileSync(f('good.xml'), sign(buildResponse({ attributes: attrs }), { assertion: true }));
  writeFileSync(f('partner.yaml'), 'name: acmeco\ndomains: [acme.example]\nmetadata: ./nowhere.xml\ngroupAttribute: Group\nmappings:\n  Sales Managers: Mgrs-Sales\nroles:\n  Mgrs-Sales: [Sales Portal Users, Sales Reports]\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const args = (...more: string[]) => ['verify', f('good.xml'), '--idp', f('aggregate.xml'), '--sp', f('sp.json'), '--now', NOW_ISO, '--request-id', REQ, ...more];

describe('verify with an aggregate', () => {
  test('picks the entity named by the Response Issuer when it is unique', async () => {
    const r = await cli(args('-f', 'json'));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ valid: true, idpEntityId: IDP, issuer: IDP, signed: 'assertion', groups: ['Sales Managers', 'Auditors', 'Nobody'], hostGroups: null, roles: null });
  });

  test('--entity-id chooses; another entity (same key, other entityID) rejects on the issuer', async () => {
    expect((await cli(args('--entity-id', IDP))).code).toBe(0);
    const other = await cli(args('--entity-id', 'https://other-1.example/', '-f', 'json'));
    expect(other.code).toBe(1);
    expect(JSON.parse(other.stdout).errors[0].code).toMatch(/^ERR_(RESPONSE|ASSERTION)_ISSUER/);
  });

  test('an unknown --entity-id, or an Issuer matching no entity, is exit 2 pointing at --entity-id', async () => {
    const unknown = await cli(args('--entity-id', 'https://nope.example/'));
    expect([unknown.code, unknown.stderr]).toEqual([2, `samlfed verify: --entity-id "https://nope.example/": no entity with that entityID in --idp ${f('aggregate.xml')} (3 entities)\n`]);
    writeFileSync(f('two.xml'), `<md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#">${entity('https://other-1.example/')}${entity('https://other-2.example/')}</md:EntitiesDescriptor>`);
    const none = await cli(['verify', f('good.xml'), '--idp', f('two.xml'), '--sp', f('sp.json'), '--now', NOW_ISO]);
    expect([none.code, none.stderr]).toEqual([2, `samlfed verify: --idp ${f('two.xml')} holds 2 IdP entities and none has the Response's Issuer "${IDP}" as entityID: choose one with --entity-id\n`]);
  });
});

describe('verify --partner / --global: host groups and roles', () => {
  test('json carries hostGroups, roles and the mapping details', async () => {
    const r = await cli(args('--partner', f('partner.yaml'), '--global', join(ROOT, 'examples/global-mappings.json'), '-f', 'json'));
    expect(r.code).toBe(0);
    const o = JSON.parse(r.stdout);
    expect(o.hostGroups).toEqual(['Mgrs-Sales', 'External-Auditors']);
    expect(o.roles).toEqual(['Sales Portal Users', 'Sales Reports']);
    expect(o.mapping).toMatchObject({ partner: 'acmeco', groupAttribute: 'Group', unmapped: ['Nobody'] });
    expect(o.mapping.matches).toEqual([
      { value: 'Sales Managers', group: 'Mgrs-Sales', source: 'partner' },
      { value: 'Auditors', group: 'External-Auditors', source: 'global' },
    ]);
  });

  test('text shows the same', async () => {
    const r = await cli(args('--partner', f('partner.yaml'), '--global', join(ROOT, 'examples/global-mappings.json')));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('  signed:         assertion\n  groups:         Sales Managers, Auditors, Nobody\n  hostGroups:     Mgrs-Sales, External-Auditors\n  roles:          Sales Portal Users, Sales Reports\n');
    expect(r.stdout).toContain('    "Nobody" -> (unmapped)\n');
  });

  test('--global alone maps with the global mappings; a bad manifest is exit 2', async () => {
    const r = await cli(args('--global', join(ROOT, 'examples/global-mappings.json'), '-f', 'json'));
    expect(JSON.parse(r.stdout)).toMatchObject({ hostGroups: ['External-Auditors'], roles: [] });
    writeFileSync(f('bad.yaml'), 'name: [x]\n');
    const bad = await cli(args('--partner', f('bad.yaml')));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^samlfed verify: --partner .*bad\.yaml: ERR_MANIFEST_/);
  });
});

describe('verify --no-require-nameid (AD FS without a NameID claim rule)', () => {
  const adfs = () => ['verify', join(ROOT, 'test/fixtures/cli/response.adfs-no-nameid.xml'), '--idp', join(ROOT, 'examples/adfs-partner/federationmetadata.xml'), '--sp', f('sp.json'), '--now', NOW_ISO, '--request-id', REQ];
  test('rejected by default: ERR_ASSERTION_NO_NAMEID, exit 1', async () => {
    const r = await cli([...adfs(), '-f', 'json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).errors[0].code).toBe('ERR_ASSERTION_NO_NAMEID');
  });
  test('accepted with the option; the subject is reported as absent in text and JSON', async () => {
    const j = await cli([...adfs(), '--no-require-nameid', '-f', 'json']);
    expect(j.code).toBe(0);
    expect(JSON.parse(j.stdout)).toMatchObject({ valid: true, nameId: null, nameIdFormat: null, subjectAbsent: true, groups: ['Partner-Engineering'] });
    const t = await cli([...adfs(), '--no-require-nameid']);
    expect(t.stdout).toContain('  nameId:         (absent: the Subject carries no NameID)\n');
    expect(t.stdout).toContain('  warning: the Subject carries no NameID (accepted with requireNameId: false)');
  });
  test('-o writes the report, creating the directory', async () => {
    const out = join(dir, 'reports', 'deep', 'v.json');
    const r = await cli([...adfs(), '--no-require-nameid', '-f', 'json', '-o', out]);
    expect([r.code, r.stdout]).toEqual([0, '']);
    expect(JSON.parse(readFileSync(out, 'utf8')).subjectAbsent).toBe(true);
  });
});
