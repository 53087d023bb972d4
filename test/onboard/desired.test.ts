import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDesiredState, parseOnboardConfig, OnboardError } from '../../src/onboard/index.js';
import { ManifestError } from '../../src/federation/index.js';
import { codeOf } from '../helpers/errors.js';

const FIXTURES_MSP = join(import.meta.dirname, '..', 'fixtures', 'onboard', 'msp');

const ROOT = join(import.meta.dirname, '..', '..');
const FIX = join(ROOT, 'test', 'fixtures', 'onboard');
const NOW = new Date('2026-06-15T00:00:00Z');
const SIGNING = '2F4EF7D8BFC934A977578DEBCC3862C13691A1F1'; // test/keys/idp-signing
const EXPIRED_SHA1 = /^[0-9A-F]{40}$/;

function dir(files: Record<string, string>): string {
  const d = mkdtempSync(join(tmpdir(), 'samlfed-onboard-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(d, name, '..'), { recursive: true });
    writeFileSync(join(d, name), text);
  }
  return d;
}

const manifest = (name: string, metadata: string, extra = '') => `name: ${name}\ndomains: [${name}.example]\nmetadata: ${metadata}\nmappings:\n  ${name} Sales: ${name}-Sales\n${extra}`;

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}

describe('loadDesiredState', () => {
  it('loads examples/ as one desired state: two partners, the onboard file, merged roles, MFA wanted', async () => {
    const s = await loadDesiredState(['examples'], { cwd: ROOT, now: NOW });
    expect(s.partners.map((p) => [p.name, p.flavour, p.blocked])).toEqual([['acmeco', 'adfs', undefined], ['globex', 'tenant', undefined]]);
    expect(s.partners[0]!.trust.map((c) => c.sha1)).toEqual([SIGNING]);
    expect(s.globalMappings?.map((m) => m.AttributeValue)).toEqual(['Contractors', 'Auditors', 'Globex Support Engineers']);
    expect(s.roles).toContainEqual({ group: 'Mgrs-Sales', role: 'Sales Reports' });
    expect(s.roles).toContainEqual({ group: 'External-Auditors', role: 'Audit Readers' });
    expect(s.mfa).toEqual({ enabled: true, requiredBy: ['acmeco'] });
    expect(s.onboardFile).toBe(join('examples', 'samlfed.onboard.yaml'));
  });

  it('lint gate: an expired OLD signing certificate does not block a partner whose current one is valid', async () => {
    const d = dir({ 'partner.yaml': manifest('acme', join(FIX, 'adfs.rollover-expired-old.xml')) });
    const [p] = (await loadDesiredState([d], { now: NOW })).partners;
    expect(p!.blocked).toBeUndefined();
    expect(p!.trust.map((c) => c.sha1)).toEqual([SIGNING]);
    expect(p!.signingCertificates).toHaveLength(2);
    expect(p!.gate!.ignored.map((f) => f.ruleId)).toEqual(['cert-expired']);
  });

  it('lint gate: an expired encryption key does not block', async () => {
    const d = dir({ 'partner.yaml': manifest('acme', join(FIX, 'adfs.expired-encryption.xml')) });
    const [p] = (await loadDesiredState([d], { now: NOW })).partners;
    expect(p!.blocked).toBeUndefined();
    expect(p!.gate!.ignored.map((f) => f.ruleId)).toContain('cert-expired');
  });

  it('lint gate: only an expired signing certificate blocks, pinning it keeps it blocked by cert-expired', async () => {
    const d = dir({ 'partner.yaml': manifest('acme', join(FIX, 'adfs.only-expired.xml')) });
    const [p] = (await loadDesiredState([d], { now: NOW })).partners;
    expect(p!.blocked?.reason).toMatch(/no IdP signing certificate is valid/);
    const sha1 = p!.signingCertificates[0]!.sha1;
    expect(sha1).toMatch(EXPIRED_SHA1);
    const pinned = dir({ 'partner.yaml': manifest('acme', join(FIX, 'adfs.only-expired.xml'), `expectedThumbprint: "${sha1}"\n`) });
    const [q] = (await loadDesiredState([pinned], { now: NOW })).partners;
    expect(q!.blocked?.findings.map((f) => f.ruleId)).toEqual(['cert-expired']);
  });

  it('lint gate: a pin that matches no certificate blocks', async () => {
    const d = dir({ 'partner.yaml': manifest('acme', join(FIX, 'adfs.rollover-next.xml'), `expectedThumbprint: "${'C'.repeat(40)}"\n`) });
    const [p] = (await loadDesiredState([d], { now: NOW })).partners;
    expect(p!.blocked?.reason).toMatch(/pinned SHA-1 C{40}/);
  });

  it('lint gate: metadata errors block with the findings, allowLintErrors lets that rule through', async () => {
    const d = dir({ 'a/partner.yaml': manifest('acme', join(FIX, 'tenant.no-sso.xml')), 'b/partner.yaml': manifest('beta', join(FIX, 'tenant.no-sso.xml'), 'allowLintErrors: [no-sso-endpoint]\n') });
    const [a, b] = (await loadDesiredState([d], { now: NOW })).partners;
    expect(a!.blocked?.findings.map((f) => f.ruleId)).toEqual(['no-sso-endpoint']);
    expect(b!.blocked).toBeUndefined();
    expect(b!.gate!.allowed.map((f) => f.ruleId)).toEqual(['no-sso-endpoint']);
  });

  it('allowLintErrors: an unknown rule id is an error with a suggestion and its position', async () => {
    const d = dir({ 'partner.yaml': manifest('acme', join(FIX, 'tenant.no-sso.xml'), 'allowLintErrors: [cert-expird]\n') });
    const e = await rejection(loadDesiredState([d], { now: NOW }));
    expect(e).toBeInstanceOf(ManifestError);
    expect((e as ManifestError).message).toMatch(/partner\.yaml:6:\d+: allowLintErrors\[0\]: .*did you mean "cert-expired"/);
  });

  it('two partners with one domain, or two onboard files, are ERR_ONBOARD_CONFLICT', async () => {
    const meta = join(FIX, 'adfs.rollover-next.xml');
    const d = dir({ 'a/partner.yaml': manifest('acme', meta), 'b/partner.yaml': manifest('beta', meta).replace('beta.example', 'ACME.example') });
    expect(((await rejection(loadDesiredState([d], { now: NOW }))) as OnboardError).code).toBe('ERR_ONBOARD_CONFLICT');
    const two = dir({ 'samlfed.onboard.yaml': '{}', 'x/samlfed.onboard.yml': '{}' });
    expect(((await rejection(loadDesiredState([two], { now: NOW }))) as OnboardError).code).toBe('ERR_ONBOARD_CONFLICT');
  });

  it('mfa.federatedLogins false while a partner requires MFA is ERR_ONBOARD_CONFLICT', async () => {
    const d = dir({ 'partner.yaml': manifest('acme', join(FIX, 'adfs.rollover-next.xml'), 'requireMfa: true\n'), 'samlfed.onboard.yaml': 'mfa:\n  federatedLogins: false\n' });
    expect(((await rejection(loadDesiredState([d], { now: NOW }))) as OnboardError).code).toBe('ERR_ONBOARD_CONFLICT');
  });

  it('a folder with no desired-state file, or a missing path, is ERR_ONBOARD_NO_INPUT', async () => {
    const d = dir({ 'notes.txt': 'x' });
    expect(((await rejection(loadDesiredState([d], { now: NOW }))) as OnboardError).code).toBe('ERR_ONBOARD_NO_INPUT');
    expect(((await rejection(loadDesiredState([join(d, 'nope')], { now: NOW }))) as OnboardError).code).toBe('ERR_ONBOARD_NO_INPUT');
  });
});

describe('parseOnboardConfig', () => {
  it('reads every section', () => {
    const c = parseOnboardConfig('globalMappings:\n  Contractors: Guests\nroles:\n  Guests: [Guest Users, Portal]\nmfa:\n  federatedLogins: true\n  policy: /Policy/Partners\ncustomerTenant:\n  company: Acme Co\n  region: Europe\n  alias: acme-co.example\n  loginSuffixes: [acme-co.example]\n', 'o.yaml');
    expect(c.globalMappings).toEqual([{ AttributeValue: 'Contractors', GroupName: 'Guests' }]);
    expect(c.roles).toEqual([{ group: 'Guests', role: 'Guest Users' }, { group: 'Guests', role: 'Portal' }]);
    expect(c.mfa).toEqual({ federatedLogins: true, policy: '/Policy/Partners' });
    expect(c.customerTenant).toEqual({ company: 'Acme Co', region: 'Europe', alias: 'acme-co.example', loginSuffixes: ['acme-co.example'], adminUser: 'admin', contact: 'admin@acme-co.example', roles: [] });
  });

  it('unknown keys suggest the closest one, with file:line:col and the field path', () => {
    let e: unknown;
    try {
      parseOnboardConfig('roles: {}\nglobalMapings:\n  a: b\n', 'o.yaml');
    } catch (x) {
      e = x;
    }
    expect((e as ManifestError).code).toBe('ERR_MANIFEST_UNKNOWN_KEY');
    expect((e as ManifestError).message).toMatch(/^o\.yaml:2:1: globalMapings: .*did you mean "globalMappings"/);
    expect(codeOf(() => parseOnboardConfig('customerTenant:\n  company: A\n  region: Europe\n  alias: not a domain\n'))).toBe('ERR_MANIFEST_INVALID');
    expect(codeOf(() => parseOnboardConfig('mfa:\n  policy: Default\n'))).toBe('ERR_MANIFEST_INVALID');
    expect(codeOf(() => parseOnboardConfig('roles:\n  G: []\n'))).toBe('ERR_MANIFEST_INVALID');
    expect(codeOf(() => parseOnboardConfig('globalMappings:\n  a: b\n  a: c\n'))).toBe('ERR_MANIFEST_DUPLICATE_KEY');
  });
});

describe('customerTenant: what the customer tenant holds (docs/onboard.md "MSP")', () => {
  it('reads federation, roles and mfa, with file:line:col errors and suggestions', () => {
    const c = parseOnboardConfig('customerTenant:\n  company: Acme Co\n  region: Europe\n  alias: acme-co.example\n  federation: msp.yaml\n  roles:\n    MSP-Admins: [MSP Administrators]\n  mfa:\n    federatedLogins: true\n', 'o.yaml');
    expect(c.customerTenant).toMatchObject({ federation: 'msp.yaml', roles: [{ group: 'MSP-Admins', role: 'MSP Administrators' }], mfa: { federatedLogins: true } });
    let e: unknown;
    try {
      parseOnboardConfig('customerTenant:\n  company: A\n  region: Europe\n  alias: a.example\n  mfa:\n    federatedLogin: true\n', 'o.yaml');
    } catch (x) {
      e = x;
    }
    expect((e as ManifestError).code).toBe('ERR_MANIFEST_UNKNOWN_KEY');
    expect((e as ManifestError).message).toMatch(/^o\.yaml:6:5: customerTenant\.mfa\.federatedLogin: .*did you mean "federatedLogins"/);
    expect(codeOf(() => parseOnboardConfig('customerTenant:\n  company: A\n  region: Europe\n  alias: a.example\n  federation: 3\n'))).toBe('ERR_MANIFEST_INVALID');
  });

  it('the customer federation manifest is the customer tenant\'s, even when a folder scan finds it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'samlfed-desired-msp-'));
    for (const f of ['msp-idp-metadata.xml', 'msp-staff.yaml']) writeFileSync(join(dir, f === 'msp-staff.yaml' ? 'msp.partner.yaml' : f), readFileSync(join(FIXTURES_MSP, f)));
    writeFileSync(join(dir, 'samlfed.onboard.yaml'), readFileSync(join(FIXTURES_MSP, 'samlfed.onboard.yaml'), 'utf8').replace('federation: msp-staff.yaml', 'federation: msp.partner.yaml'));
    const d = await loadDesiredState([dir], { now: new Date('2026-06-15T00:00:00Z') });
    expect(d.partners).toEqual([]);
    expect(d.customer?.partners.map((p) => p.name)).toEqual(['MSP AAA1234']);
    expect(d.customer?.roles).toEqual([{ group: 'MSP-Engineers', role: 'MSP Support' }, { group: 'MSP-Admins', role: 'MSP Administrators' }]);
    expect(d.customer?.mfa).toEqual({ enabled: true, requiredBy: [] });
    expect(d.files.map((f) => f.slice(dir.length + 1))).toEqual(['samlfed.onboard.yaml']);
  });
});

describe('partner manifest: allowLintErrors', () => {
  it('takes true or a list of rule ids; refuses other values', async () => {
    const { parseManifest } = await import('../../src/federation/index.js');
    const base = 'name: a\ndomains: [a.example]\nmetadata: ./m.xml\n';
    expect(parseManifest(`${base}allowLintErrors: true\n`, { checkFiles: false }).allowLintErrors).toBe(true);
    expect(parseManifest(`${base}allowLintErrors: [cert-sha1, cert-sha1, metadata-unsigned]\n`, { checkFiles: false }).allowLintErrors).toEqual(['cert-sha1', 'metadata-unsigned']);
    expect(parseManifest(`${base}allowLintErrors: false\n`, { checkFiles: false }).allowLintErrors).toBeUndefined();
    for (const bad of ['[]', '3', '{a: b}', '[""]']) expect(codeOf(() => parseManifest(`${base}allowLintErrors: ${bad}\n`, { checkFiles: false }))).toBe('ERR_MANIFEST_INVALID');
  });
});
