import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadManifest, parseManifest, ManifestError, effectiveGroupAttribute, isDomainName, type PartnerManifest } from '../../src/federation/index.js';

const EXAMPLES = resolve(__dirname, '../../examples');
const base = join(EXAMPLES, 'adfs-partner');
const FILE = 'p.yaml';

function fails(text: string, opts: { checkFiles?: boolean } = {}): ManifestError {
  try {
    parseManifest(text, { file: FILE, baseDir: base, ...opts });
  } catch (e) {
    expect(e).toBeInstanceOf(ManifestError);
    return e as ManifestError;
  }
  throw new Error('expected a ManifestError');
}

const GOOD = `name: acmeco
domains: [acme.example]
metadata: ./federationmetadata.xml
mappings:
  Sales Managers: Mgrs-Sales
`;

describe('parseManifest: valid manifests', () => {
  it('reads the AD FS example with defaults, absolute paths and normalised thumbprint', async () => {
    const m = await loadManifest(join(EXAMPLES, 'adfs-partner/partner.yaml'));
    expect(m.name).toBe('acmeco');
    expect(m.domains).toEqual(['acme.example', 'acme-corp.example']);
    expect(m.source).toEqual({ kind: 'file', path: join(EXAMPLES, 'adfs-partner/federationmetadata.xml') });
    expect(m.expectedThumbprint).toBe('2F4EF7D8BFC934A977578DEBCC3862C13691A1F1');
    expect(m.mappings[0]).toEqual({ AttributeValue: 'Sales Managers', GroupName: 'Mgrs-Sales' });
    expect(m.mappings.map((x) => x.AttributeValue)).toEqual(['Sales Managers', 'SalesTeamManagers', 'Finance Approvers', 'Contractors']);
    expect(m.roles['Mgrs-Sales']).toEqual(['Sales Portal Users', 'Sales Reports']);
    expect(m.requireMfa).toBe(true);
    expect(m.flavor).toBe('auto');
  });

  it('reads the tenant example: flavor tenant -> groupAttribute Group', async () => {
    const m = await loadManifest(join(EXAMPLES, 'tenant-partner/partner.yaml'));
    expect(m.flavor).toBe('tenant');
    expect(effectiveGroupAttribute(m)).toBe('Group');
    expect(m.requireMfa).toBe(false);
  });

  it('accepts JSON with the same rules', () => {
    const m = parseManifest(JSON.stringify({ name: 'x', domains: ['acme.example'], metadataUrl: 'https://idp.acme.example/md.xml', mappings: { A: 'B' } }), { file: 'p.json', baseDir: base });
    expect(m.source).toEqual({ kind: 'url', url: 'https://idp.acme.example/md.xml' });
    expect(m.mappings).toEqual([{ AttributeValue: 'A', GroupName: 'B' }]);
  });

  it('accepts tab-indented JSON and reports its positions', () => {
    const text = '{\n\t"name": "x",\n\t"domain": ["acme.example"]\n}';
    expect(() => parseManifest(text, { file: 'p.json', baseDir: base })).toThrow(expect.objectContaining({ code: 'ERR_MANIFEST_UNKNOWN_KEY', line: 3, column: 2, path: 'domain' }));
  });

  it('is re-exported from the package root', async () => {
    const root = await import('../../src/index.js');
    expect(root.parseManifest).toBe(parseManifest);
    expect(typeof root.buildCreateFederationPayload).toBe('function');
  });

  it('keeps keys such as __proto__ as plain data', () => {
    const m = parseManifest(`${GOOD}  __proto__: Evil\n  constructor: Ctor\n`, { file: FILE, baseDir: base });
    expect(m.mappings.map((x) => x.AttributeValue)).toEqual(['Sales Managers', '__proto__', 'constructor']);
    expect(({} as Record<string, unknown>).Evil).toBeUndefined();
  });

  it('resolves manual certificate paths against the manifest folder', async () => {
    const m: PartnerManifest = await loadManifest(resolve(__dirname, '../fixtures/federation/manual-partner.yaml'));
    expect(m.source).toMatchObject({ kind: 'manual', signingCert: resolve(__dirname, '../keys/idp-signing.pfx'), signingCertPassword: 'test-password' });
    expect(m.expectedThumbprint).toBe('2F4EF7D8BFC934A977578DEBCC3862C13691A1F1');
  });
});

describe('parseManifest: one error per kind of invalid manifest', () => {
  it('unknown key, with the closest known key suggested and its position', () => {
    const e = fails(GOOD.replace('mappings:', 'mapping:'));
    expect(e.code).toBe('ERR_MANIFEST_UNKNOWN_KEY');
    expect(e.path).toBe('mapping');
    expect(e.message).toContain('did you mean "mappings"?');
    expect(e.message).toMatch(/^p\.yaml:4:1: mapping: /);
    expect(e.line).toBe(4);
  });

  it('unknown key inside manual, suggestion across case', () => {
    const e = fails('name: a\ndomains: [acme.example]\nmanual:\n  signInURL: https://x.example/\n');
    expect(e.code).toBe('ERR_MANIFEST_UNKNOWN_KEY');
    expect(e.path).toBe('manual.signInURL');
    expect(e.message).toContain('did you mean "signInUrl"?');
  });

  it('flavour is the key; flavor is accepted as an alias; both at once is refused (issue 11 item 11)', () => {
    expect(parseManifest(`${GOOD}flavour: adfs\n`, { checkFiles: false }).flavor).toBe('adfs');
    expect(parseManifest(`${GOOD}flavor: adfs\n`, { checkFiles: false }).flavor).toBe('adfs');
    const e = fails(`${GOOD}flavour: adfs\nflavor: tenant\n`);
    expect(e.message).toContain('expected flavour once, found both flavour and flavor');
    expect(fails(`${GOOD}flavour: okta\n`).path).toBe('flavour');
  });

  it('bad domain names the index and the value', () => {
    const e = fails(GOOD.replace('[acme.example]', '[acme.example, acme]'));
    expect(e.code).toBe('ERR_MANIFEST_INVALID');
    expect(e.path).toBe('domains[1]');
    expect(e.message).toContain('domains[1]: "acme" is not a domain name');
    expect(e.line).toBe(2);
  });

  it('empty domains', () => {
    const e = fails(GOOD.replace('[acme.example]', '[]'));
    expect(e.path).toBe('domains');
    expect(e.message).toContain('at least one domain');
  });

  it('missing domains', () => {
    const e = fails(GOOD.replace('domains: [acme.example]\n', ''));
    expect(e.path).toBe('domains');
  });

  it('duplicate domain (case-insensitive)', () => {
    const e = fails(GOOD.replace('[acme.example]', '[acme.example, ACME.example]'));
    expect(e.path).toBe('domains[1]');
    expect(e.message).toContain('expected each domain once, found "ACME.example" again (as domains[0], ignoring case)');
  });

  it('both metadata and manual', () => {
    const e = fails(`${GOOD}manual:\n  signInUrl: https://x.example/\n`);
    expect(e.code).toBe('ERR_MANIFEST_INVALID');
    expect(e.path).toBe('manual');
    expect(e.message).toContain('exactly one of metadata, metadataUrl or manual');
    expect(e.line).toBe(6);
  });

  it('none of metadata, metadataUrl, manual', () => {
    const e = fails(GOOD.replace('metadata: ./federationmetadata.xml\n', ''));
    expect(e.message).toContain('expected one of metadata, metadataUrl or manual, found none');
  });

  it('http metadataUrl', () => {
    const e = fails(GOOD.replace('metadata: ./federationmetadata.xml', 'metadataUrl: http://adfs.acme.example/FederationMetadata/2007-06/FederationMetadata.xml'));
    expect(e.path).toBe('metadataUrl');
    expect(e.message).toContain('expected metadataUrl to be an https URL, found scheme "http"');
    expect(e.expected).toBe('https');
  });

  it('missing metadata file', () => {
    const e = fails(GOOD.replace('./federationmetadata.xml', './nope.xml'));
    expect(e.code).toBe('ERR_MANIFEST_FILE');
    expect(e.path).toBe('metadata');
    expect(e.message).toContain(join(base, 'nope.xml'));
    expect(e.line).toBe(3);
  });

  it('missing file is not checked when checkFiles is false', () => {
    expect(parseManifest(GOOD.replace('./federationmetadata.xml', './nope.xml'), { baseDir: base, checkFiles: false }).source).toEqual({ kind: 'file', path: join(base, 'nope.xml') });
  });

  it('duplicate mapping key is an error with both lines', () => {
    const e = fails(`${GOOD}  Sales Managers: Other-Group\n`);
    expect(e.code).toBe('ERR_MANIFEST_DUPLICATE_KEY');
    expect(e.path).toBe('mappings["Sales Managers"]');
    expect(e.message).toContain('first at line 5');
    expect(e.line).toBe(6);
  });

  it('duplicate key in JSON too', () => {
    const e = fails('{"name": "a", "name": "b"}');
    expect(e.code).toBe('ERR_MANIFEST_DUPLICATE_KEY');
    expect(e.path).toBe('name');
  });

  it('bad thumbprint format (SHA-256 given)', () => {
    const e = fails(`${GOOD}expectedThumbprint: ${'AB'.repeat(32)}\n`);
    expect(e.path).toBe('expectedThumbprint');
    expect(e.message).toContain('SHA-256');
  });

  it('bad thumbprint format (not hex)', () => {
    const e = fails(`${GOOD}expectedThumbprint: zz\n`);
    expect(e.path).toBe('expectedThumbprint');
    expect(e.expected).toBe('40 hex digits');
  });

  it('YAML syntax error with line', () => {
    const e = fails('name: a\ndomains: [acme.example\nmetadata: x\n');
    expect(e.code).toBe('ERR_MANIFEST_SYNTAX');
    expect(e.line).toBeGreaterThanOrEqual(2);
    expect(e.message).toMatch(/^p\.yaml:\d+:\d+: not valid YAML/);
  });

  it('non-string mapping key must be quoted', () => {
    const e = fails(`${GOOD}  2024: Mgrs\n`);
    expect(e.code).toBe('ERR_MANIFEST_INVALID');
    expect(e.path).toBe('mappings');
    expect(e.message).toContain('quote it');
  });

  it('empty host group', () => {
    const e = fails(`${GOOD}  Other:\n`);
    expect(e.path).toBe('mappings.Other');
  });

  it('wrong flavor value', () => {
    expect(fails(`${GOOD}flavor: okta\n`).path).toBe('flavor');
  });

  it('requireMfa must be a boolean', () => {
    expect(fails(`${GOOD}requireMfa: "yes"\n`).path).toBe('requireMfa');
  });

  it('roles must be lists of names', () => {
    expect(fails(`${GOOD}roles:\n  Mgrs-Sales: []\n`).path).toBe('roles["Mgrs-Sales"]');
  });

  it.each([
    ['missing name', GOOD.replace('name: acmeco\n', ''), 'ERR_MANIFEST_INVALID', 'name', 'expected federation name (a non-empty string), found (absent)'],
    ['empty name', GOOD.replace('name: acmeco', 'name: ""'), 'ERR_MANIFEST_INVALID', 'name', 'found ""'],
    ['name too long', GOOD.replace('name: acmeco', `name: ${'n'.repeat(129)}`), 'ERR_MANIFEST_INVALID', 'name', 'expected a federation name of at most 128 characters, found 129'],
    ['name with surrounding spaces', GOOD.replace('name: acmeco', 'name: " acmeco"'), 'ERR_MANIFEST_INVALID', 'name', 'without leading or trailing spaces'],
    ['name with a control character', GOOD.replace('name: acmeco', 'name: "acme\\u0007co"'), 'ERR_MANIFEST_INVALID', 'name', 'without control characters'],
    ['no IdP source at all', GOOD.replace('metadata: ./federationmetadata.xml\n', ''), 'ERR_MANIFEST_INVALID', '(top level)', 'found none'],
    ['metadataUrl not a URL', GOOD.replace('metadata: ./federationmetadata.xml', 'metadataUrl: adfs.acme.example'), 'ERR_MANIFEST_INVALID', 'metadataUrl', 'expected metadataUrl to be an https URL, found "adfs.acme.example"'],
    ['manual without signInUrl', GOOD.replace('metadata: ./federationmetadata.xml', 'manual:\n  signingCert: ./federationmetadata.xml'), 'ERR_MANIFEST_INVALID', 'manual.signInUrl', 'found (absent)'],
    ['manual logoutUrl over http', GOOD.replace('metadata: ./federationmetadata.xml', 'manual:\n  signInUrl: https://a.example/\n  logoutUrl: http://a.example/slo\n  signingCert: ./federationmetadata.xml'), 'ERR_MANIFEST_INVALID', 'manual.logoutUrl', 'found scheme "http"'],
    ['manual signingCert missing file', GOOD.replace('metadata: ./federationmetadata.xml', 'manual:\n  signInUrl: https://a.example/\n  signingCert: ./nope.cer'), 'ERR_MANIFEST_FILE', 'manual.signingCert', 'to be an existing file'],
    ['manual password not a string', GOOD.replace('metadata: ./federationmetadata.xml', 'manual:\n  signInUrl: https://a.example/\n  signingCert: ./federationmetadata.xml\n  signingCertPassword: 1234'), 'ERR_MANIFEST_INVALID', 'manual.signingCertPassword', 'expected a string, found number (quote it)'],
    ['groupAttribute empty', `${GOOD}groupAttribute: ""\n`, 'ERR_MANIFEST_INVALID', 'groupAttribute', 'expected group attribute name'],
    ['mappings is a list', GOOD.replace('mappings:\n  Sales Managers: Mgrs-Sales\n', 'mappings: [a]\n'), 'ERR_MANIFEST_INVALID', 'mappings', 'found a list of 1 item'],
    ['empty attribute value', `${GOOD}  "": G\n`, 'ERR_MANIFEST_INVALID', 'mappings[""]', 'expected a non-empty attribute value'],
    ['roles is a string', `${GOOD}roles: admins\n`, 'ERR_MANIFEST_INVALID', 'roles', 'expected a mapping "host group: [roles]", found "admins"'],
  ])('%s: the error names the field path', (_kind, text, code, path, message) => {
    const e = fails(text);
    expect([e.code, e.path]).toEqual([code, path]);
    expect(e.message).toContain(message);
    expect(e.message.startsWith(`p.yaml:`)).toBe(true);
  });

  it('empty document and non-mapping top level', () => {
    expect(fails('').message).toContain('empty document');
    expect(fails('- a\n- b\n').code).toBe('ERR_MANIFEST_INVALID');
  });

  it('alias bombs are refused', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 0; i < 20; i++) lines.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*a, *a]`);
    expect(fails(lines.join('\n')).code).toBe('ERR_MANIFEST_TOO_LARGE');
  });

  it('oversized manifest', () => {
    expect(fails(`# ${'x'.repeat(300 * 1024)}\n${GOOD}`).code).toBe('ERR_MANIFEST_TOO_LARGE');
  });

  it('several YAML documents', () => {
    expect(fails(`${GOOD}---\nname: b\n`).code).toBe('ERR_MANIFEST_SYNTAX');
  });

  it('loadManifest on a missing file: ERR_MANIFEST_FILE', async () => {
    await expect(loadManifest(join(tmpdir(), 'samlfed-no-such-manifest.yaml'))).rejects.toMatchObject({ code: 'ERR_MANIFEST_FILE' });
  });

  it('loadManifest names the file in errors', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'samlfed-manifest-'));
    const f = join(dir, 'bad.yaml');
    writeFileSync(f, 'name: a\ndomains: [acme.example]\nmetadataUrl: https://x.example/md\nmapings: {}\n');
    await expect(loadManifest(f)).rejects.toMatchObject({ code: 'ERR_MANIFEST_UNKNOWN_KEY', file: f, path: 'mapings', line: 4 });
  });

  it('parseManifest rejects non-string input as a caller mistake', () => {
    expect(() => parseManifest(42 as unknown as string)).toThrow(TypeError);
  });
});

describe('isDomainName', () => {
  it.each(['acme.com', 'a-b.co.uk', 'xn--bcher-kva.example', 'sub.acme.example'])('accepts %s', (d) => expect(isDomainName(d)).toBe(true));
  it.each(['acme', 'acme.', '-acme.com', 'acme-.com', '*.acme.com', '1.2.3.4', 'ac me.com', `${'a'.repeat(64)}.com`, 'acme..com'])('rejects %s', (d) => expect(isDomainName(d)).toBe(false));
});
