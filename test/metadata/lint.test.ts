import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lintDocument, lintMetadata, RULES, RULE_LIST, type LintOptions, type RuleId, RULE_IDS } from '../../src/metadata/lint/index.js';
import { parseMetadata } from '../../src/metadata/parse.js';
import { readCertificate } from '../../src/certs/index.js';

const NOW = new Date('2026-06-15T00:00:00Z');
const fixture = (name: string) => readFileSync(new URL(`../fixtures/lint/${name}`, import.meta.url));
const metadataFixture = (name: string) => readFileSync(new URL(`../fixtures/metadata/${name}`, import.meta.url));
const sha1 = (name: string) => createHash('sha1').update(readFileSync(new URL(`../keys/${name}.crt.der`, import.meta.url))).digest('hex');
/** The two signers of the lint fixtures, pinned. */
const TRUST: LintOptions = { now: NOW, trust: { thumbprints: [sha1('idp-signing'), sha1('metadata-signing')] } };
const ids = (xml: string | Uint8Array, options: LintOptions = TRUST) => new Set(lintMetadata(xml, options).findings.map((f) => f.ruleId));

describe('lintMetadata: one fixture per rule gives exactly that rule', () => {
  const cases: Record<string, string[]> = {
    'clean.xml': [],
    'aggregate.clean.xml': [],
    'xml-malformed.xml': ['xml-malformed'],
    'xml-malformed.binary.xml': ['xml-malformed'],
    'xml-malformed.two-roots.xml': ['xml-malformed'],
    'xml-malformed.empty.xml': ['xml-malformed'],
    'xml-doctype.xml': ['xml-doctype'],
    'xml-doctype.xxe.xml': ['xml-doctype'],
    'not-metadata.xml': ['not-metadata'],
    'not-metadata.wrong-namespace.xml': ['not-metadata'],
    'not-metadata.html.xml': ['not-metadata'],
    'entity-id-invalid.xml': ['entity-id-invalid'],
    'entity-id-invalid.too-long.xml': ['entity-id-invalid'],
    'entity-id-duplicate.xml': ['entity-id-duplicate'],
    'no-idp-descriptor.xml': ['no-idp-descriptor'],
    'protocol-not-saml2.xml': ['protocol-not-saml2'],
    'no-sso-endpoint.xml': ['no-sso-endpoint'],
    'sso-binding-unsupported.xml': ['sso-binding-unsupported'],
    'endpoint-location-invalid.xml': ['endpoint-location-invalid'],
    'endpoint-not-https.xml': ['endpoint-not-https'],
    'no-signing-cert.xml': ['no-signing-cert'],
    'key-use-invalid.xml': ['key-use-invalid'],
    'key-use-invalid.only-key.xml': ['key-use-invalid', 'no-signing-cert'],
    'cert-invalid.xml': ['cert-invalid'],
    'cert-expired.xml': ['cert-expired'],
    'cert-expiring.xml': ['cert-expiring'],
    'cert-not-yet-valid.xml': ['cert-not-yet-valid'],
    'cert-weak-key.xml': ['cert-weak-key'],
    'cert-sha1.xml': ['cert-sha1'],
    'metadata-signature-invalid.xml': ['metadata-signature-invalid'],
    'metadata-signature-weak-alg.xml': ['metadata-signature-weak-alg'],
    'metadata-signature-unverifiable.xml': ['metadata-signature-invalid'],
    'valid-until-expired.xml': ['valid-until-expired'],
    'valid-until-expired.aggregate.xml': ['valid-until-expired'],
    'valid-until-invalid.xml': ['valid-until-invalid'],
  };
  for (const [file, expected] of Object.entries(cases)) {
    it(`${file} → {${expected.join(', ')}}`, () => {
      expect(ids(fixture(file))).toEqual(new Set(expected));
    });
  }

  it('every rule has a fixture named after it', () => {
    for (const id of Object.keys(RULES)) expect(() => fixture(`${id}.xml`), id).not.toThrow();
  });

  it('metadata-signature-untrusted: valid only with the embedded certificate when nothing is pinned', () => {
    expect(ids(fixture('metadata-signature-untrusted.xml'), { now: NOW })).toEqual(new Set(['metadata-signature-untrusted']));
    expect(ids(fixture('clean.xml'), { now: NOW })).toEqual(new Set(['metadata-signature-untrusted']));
    // Pinned anchors that do not match the signer: no longer "valid".
    expect(ids(fixture('metadata-signature-untrusted.xml'))).toEqual(new Set(['metadata-signature-invalid']));
  });

  it('metadata-signature-unverifiable: a signature without KeyInfo and no trust anchor is a warning, not invalid', () => {
    const r = lintMetadata(fixture('metadata-signature-unverifiable.xml'), { now: NOW });
    expect(r.findings.map((f) => [f.ruleId, f.severity])).toEqual([['metadata-signature-unverifiable', 'warning']]);
    expect(r.errorCount).toBe(0);
    expect(r.findings[0]!.message).toContain('found no trust anchors and it carries no X509Certificate');
    // With the signer given as a trust anchor the same signature verifies: no finding at all.
    const signer = readFileSync(new URL('../keys/idp-signing.crt.pem', import.meta.url));
    expect(lintMetadata(fixture('metadata-signature-unverifiable.xml'), { now: NOW, trust: { certificates: [readCertificate(signer)] } }).findings).toEqual([]);
    // With a thumbprint pinned but no key to check with: authentication was asked for and failed.
    expect(ids(fixture('metadata-signature-unverifiable.xml'))).toEqual(new Set(['metadata-signature-invalid']));
    // A real mismatch stays an error.
    expect(ids(fixture('metadata-signature-invalid.xml'), { now: NOW })).toEqual(new Set(['metadata-signature-invalid']));
  });

  it('metadata-unsigned: info without trust anchors; with anchors an unsigned document is metadata-signature-invalid', () => {
    expect(ids(fixture('metadata-unsigned.xml'), { now: NOW })).toEqual(new Set(['metadata-unsigned']));
    const pinned = lintMetadata(fixture('metadata-unsigned.xml'), TRUST);
    expect(pinned.findings.map((f) => [f.ruleId, f.severity, f.message])).toEqual([
      ['metadata-signature-invalid', 'error', 'Expected the metadata to be signed by a trust anchor (--trust / --trust-thumbprint), found no ds:Signature on the document root'],
    ]);
    // Empty anchors are no anchors.
    expect(ids(fixture('metadata-unsigned.xml'), { now: NOW, trust: { certificates: [], thumbprints: [] } })).toEqual(new Set(['metadata-unsigned']));
  });

  it('cert-expiring depends on now and the window', () => {
    expect(ids(fixture('cert-expiring.xml'), { ...TRUST, expiryWarningDays: 10 })).toEqual(new Set());
    expect(ids(fixture('cert-expiring.xml'), { ...TRUST, now: new Date('2026-07-02T00:00:00Z') })).toEqual(new Set(['cert-expired']));
    expect(ids(fixture('cert-expiring.xml'), { ...TRUST, now: new Date('2026-01-01T00:00:00Z') })).toEqual(new Set());
  });
});

describe('lintMetadata: the metadata fixtures (clean baselines)', () => {
  const trustIdp: LintOptions = { now: NOW, trust: { thumbprints: [sha1('idp-signing')] } };
  it('adfs.signed with its signer pinned: no findings', () => {
    expect(ids(metadataFixture('adfs.signed.xml'), trustIdp)).toEqual(new Set());
  });
  it('adfs.signed without anchors: only the untrusted-signer info', () => {
    expect(ids(metadataFixture('adfs.signed.xml'), { now: NOW })).toEqual(new Set(['metadata-signature-untrusted']));
  });
  it('every unsigned clean baseline gives exactly the unsigned info (0 errors, 0 warnings)', () => {
    for (const name of ['adfs.unsigned.xml', 'generic.unsigned.xml', 'tenant.unsigned.xml']) {
      const r = lintMetadata(metadataFixture(name), { now: NOW });
      expect(r.findings.map((f) => `${f.ruleId}:${f.severity}`), name).toEqual(['metadata-unsigned:info']);
    }
    expect(ids(metadataFixture('aggregate.three-entities.xml'), { now: NOW })).toEqual(new Set(['metadata-signature-untrusted']));
  });
  it('tenant.unsigned: only the unsigned info', () => {
    const r = lintMetadata(metadataFixture('tenant.unsigned.xml'), { now: NOW });
    expect(new Set(r.findings.map((f) => f.ruleId))).toEqual(new Set(['metadata-unsigned']));
    expect([r.errorCount, r.warningCount, r.infoCount]).toEqual([0, 0, 1]);
  });
  it('aggregate.three-entities with the aggregate signer pinned: no findings, 3 entities', () => {
    const r = lintMetadata(metadataFixture('aggregate.three-entities.xml'), { now: NOW, trust: { thumbprints: [sha1('metadata-signing')] } });
    expect(r.findings).toEqual([]);
    expect(r.entities).toBe(3);
  });
  it('adfs.signed.tampered → metadata-signature-invalid; rsa-sha1 → weak-alg; bad certificate → cert-invalid + no-signing-cert', () => {
    expect(ids(metadataFixture('adfs.signed.tampered.xml'), trustIdp)).toEqual(new Set(['metadata-signature-invalid']));
    expect(ids(metadataFixture('adfs.signed.rsa-sha1.xml'), trustIdp)).toEqual(new Set(['metadata-signature-weak-alg']));
    expect(ids(metadataFixture('tenant.bad-certificate.xml'), { now: NOW, rules: { 'metadata-unsigned': 'off' } })).toEqual(new Set(['cert-invalid', 'no-signing-cert']));
  });
  it('generic.missing-entityid → entity-id-invalid and sso-binding-unsupported', () => {
    expect(ids(metadataFixture('generic.missing-entityid.xml'), { now: NOW, rules: { 'metadata-unsigned': 'off' } })).toEqual(new Set(['entity-id-invalid', 'sso-binding-unsupported']));
  });
});

describe('lintMetadata: findings', () => {
  it('carry entityId, line and column, sorted by line, column, ruleId', () => {
    const r = lintMetadata(fixture('entity-id-duplicate.xml'), TRUST);
    expect(r.entities).toBe(3);
    expect(r.entityIds).toEqual(['https://idp.generic.example/idp/shibboleth', 'https://idp.generic.example/idp/shibboleth', 'https://sp.generic.example/shibboleth']);
    const [f] = r.findings;
    expect(f).toMatchObject({ ruleId: 'entity-id-duplicate', severity: 'error', entityId: 'https://idp.generic.example/idp/shibboleth' });
    expect(f!.line).toBeGreaterThan(1);
    expect(f!.message).toMatch(/first at line \d+/);
  });
  it('are sorted', () => {
    const r = lintMetadata(fixture('endpoint-location-invalid.xml'), TRUST);
    expect(r.findings.length).toBe(2);
    const keys = r.findings.map((f) => [f.line ?? 0, f.column ?? 0, f.ruleId] as const);
    const sorted = [...keys].sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2].localeCompare(b[2]));
    expect(keys).toEqual(sorted);
  });
  it('xml-malformed carries the parser position', () => {
    const r = lintMetadata('<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://x">\n  <md:IDPSSODescriptor>\n</md:EntityDescriptor>', { now: NOW });
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]).toMatchObject({ ruleId: 'xml-malformed', severity: 'error', line: 2 });
    expect(r.entities).toBe(0);
    expect(r.errorCount).toBe(1);
  });
  it('counts by severity and applies overrides (off, downgrade, upgrade)', () => {
    const xml = fixture('cert-expired.xml');
    expect(lintMetadata(xml, TRUST)).toMatchObject({ errorCount: 1, warningCount: 0, infoCount: 0 });
    expect(lintMetadata(xml, { ...TRUST, rules: { 'cert-expired': 'warning' } })).toMatchObject({ errorCount: 0, warningCount: 1 });
    expect(lintMetadata(xml, { ...TRUST, rules: { 'cert-expired': 'off' } }).findings).toEqual([]);
    expect(lintMetadata(fixture('metadata-unsigned.xml'), { now: NOW, rules: { 'metadata-unsigned': 'error' } }).errorCount).toBe(1);
    expect(lintMetadata(fixture('xml-doctype.xml'), { rules: { 'xml-doctype': 'off' } }).findings).toEqual([]);
  });
  it('aggregates: SP-only entities are not no-idp-descriptor; per-entity rules still apply', () => {
    const r = lintMetadata(fixture('aggregate.clean.xml'), TRUST);
    expect(r.entities).toBe(2);
    expect(r.findings).toEqual([]);
  });
  it('valid-until-invalid: a date that does not exist is not rolled over to the next month', () => {
    const xml = fixture('valid-until-expired.aggregate.xml').toString('utf8').replace('validUntil="2026-06-01T00:00:00Z"', 'validUntil="2026-02-30T00:00:00Z"');
    expect(xml).toContain('2026-02-30');
    // The edit also breaks the fixture's signature, which lint must report too.
    const ids = lintMetadata(xml, TRUST).findings.map((f) => f.ruleId);
    expect(new Set(ids)).toEqual(new Set(['metadata-signature-invalid', 'valid-until-invalid']));
  });
  it('valid-until-expired reports the root and names the element', () => {
    const r = lintMetadata(fixture('valid-until-expired.aggregate.xml'), TRUST);
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]!.message).toMatch(/EntitiesDescriptor \(document root\) validUntil 2026-06-01T00:00:00Z/);
    expect(r.findings[0]!.entityId).toBeUndefined();
  });
});

// Hang guard: each case runs under the test timeout (vitest.config.ts); speed is measured in bench/.
describe('lintMetadata: hostile input never throws and never hangs', () => {
  const quick = (input: string | Uint8Array, rule: string) => {
    const r = lintMetadata(input, { now: NOW });
    expect(new Set(r.findings.map((f) => f.ruleId))).toEqual(new Set([rule]));
  };
  it('billion laughs', () => quick('<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><l>&c;</l>', 'xml-doctype'));
  it('external entity (XXE)', () => quick('<!DOCTYPE m [<!ENTITY x SYSTEM "file:///etc/passwd">]><m>&x;</m>', 'xml-doctype'));
  it('100 MB of nesting, built in memory', () => {
    const n = Math.floor((100 * 1024 * 1024) / 7);
    quick(`${'<a>'.repeat(n)}${'</a>'.repeat(n)}`, 'xml-malformed');
  });
  it('a truncated document', () => quick(fixture('clean.xml').subarray(0, 300), 'xml-malformed'));
  it('binary garbage', () => quick(fixture('xml-malformed.binary.xml'), 'xml-malformed'));
  it('UTF-16 input', () => quick(Buffer.from('\ufeff<a/>', 'utf16le'), 'xml-malformed'));
  it('a wrong root', () => quick('<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"/>', 'not-metadata'));
  it('input over maxBytes', () => {
    const r = lintMetadata(fixture('clean.xml'), { now: NOW, maxBytes: 100 });
    expect(r.findings.map((f) => f.ruleId)).toEqual(['xml-malformed']);
    expect(r.findings[0]!.message).toMatch(/ERR_XML_TOO_LARGE/);
  });
});

describe('lintMetadata: caller mistakes throw TypeError', () => {
  it('unknown rule id, bad setting, bad now, bad window, bad input type', () => {
    // A JavaScript caller (no type check) can still pass a misspelt id: it throws.
    expect(() => lintMetadata('<a/>', { rules: { 'no-such-rule': 'off' } as never })).toThrow(TypeError);
    expect(() => lintMetadata('<a/>', { rules: { 'cert-expired': 'fatal' as 'error' } })).toThrow(TypeError);
    expect(() => lintMetadata('<a/>', { now: new Date('nope') })).toThrow(TypeError);
    expect(() => lintMetadata('<a/>', { expiryWarningDays: -1 })).toThrow(TypeError);
    expect(() => lintMetadata(42 as unknown as string)).toThrow(TypeError);
    expect(() => lintDocument({} as never)).toThrow(TypeError);
    expect(() => lintMetadata(fixture('clean.xml'), { trust: { thumbprints: ['not-hex'] } })).toThrow(TypeError);
  });
});

describe('lintDocument and RULES', () => {
  it('lintDocument gives the same findings as lintMetadata on a parsed document', () => {
    const xml = fixture('cert-weak-key.xml');
    const doc = parseMetadata(xml, { trust: TRUST.trust! });
    expect(lintDocument(doc, TRUST)).toEqual(lintMetadata(xml, TRUST));
  });
  it('RULE_IDS (the RuleId union) lists exactly the registered rules, in order', () => {
    expect([...RULE_IDS]).toEqual(RULE_LIST.map((r) => r.id));
  });
  it('RULES lists every rule with a one-line description and a doc file that exists', () => {
    expect(Object.keys(RULES)).toEqual(RULE_LIST.map((r) => r.id));
    for (const r of Object.values(RULES)) {
      expect(r.description).not.toMatch(/\n/);
      expect(['error', 'warning', 'info']).toContain(r.defaultSeverity);
      expect(r.docs).toBe(`docs/rules/${r.id}.md`);
      const doc = readFileSync(new URL(`../../${r.docs}`, import.meta.url), 'utf8');
      expect(doc).toMatch(new RegExp(`^# ${r.id}\\n`));
      for (const section of ['## What it checks', '## Why', '## How to fix', '## Example']) expect(doc, `${r.id} ${section}`).toContain(section);
    }
  });
  it('has at least the required rule ids with their default severities', () => {
    const want: Record<string, string> = {
      'xml-malformed': 'error', 'xml-doctype': 'error', 'not-metadata': 'error', 'entity-id-invalid': 'error', 'entity-id-duplicate': 'error',
      'no-idp-descriptor': 'error', 'protocol-not-saml2': 'error', 'no-sso-endpoint': 'error', 'sso-binding-unsupported': 'error',
      'endpoint-not-https': 'warning', 'no-signing-cert': 'error', 'cert-invalid': 'error', 'cert-expired': 'error', 'cert-expiring': 'warning',
      'cert-not-yet-valid': 'error', 'cert-weak-key': 'error', 'cert-sha1': 'warning', 'metadata-signature-invalid': 'error',
      'metadata-signature-weak-alg': 'warning', 'metadata-unsigned': 'info', 'valid-until-expired': 'error',
    };
    for (const [id, sev] of Object.entries(want)) expect(RULES[id as RuleId]?.defaultSeverity, id).toBe(sev);
  });
});

describe('docs/rules/README.md', () => {
  it('lists every rule with its default severity', () => {
    const index = readFileSync(new URL('../../docs/rules/README.md', import.meta.url), 'utf8');
    for (const r of RULE_LIST) expect(index).toContain(`| [\`${r.id}\`](${r.id}.md) | ${r.defaultSeverity} |`);
  });
});

describe('onProgress: entity by entity', () => {
  const MD = 'urn:oasis:names:tc:SAML:2.0:metadata';
  const entity = (i: number) => `<md:EntityDescriptor entityID="https://sp${i}.example/sp"><md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"><md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://sp${i}.example/acs" index="0"/></md:SPSSODescriptor></md:EntityDescriptor>`;
  // Nested groups count too: 2 entities at the top, 3 in a nested EntitiesDescriptor.
  const nested = `<md:EntitiesDescriptor xmlns:md="${MD}">${entity(1)}<md:EntitiesDescriptor>${entity(2)}${entity(3)}${entity(4)}</md:EntitiesDescriptor>${entity(5)}</md:EntitiesDescriptor>`;
  const calls = (f: (cb: (done: number, total: number) => void) => unknown) => {
    const out: string[] = [];
    f((done, total) => out.push(`${done}/${total}`));
    return out;
  };
  it('lintMetadata: once per entity, 1..total, the last after every rule ran', () => {
    expect(calls((onProgress) => lintMetadata(nested, { now: NOW, onProgress }))).toEqual(['1/5', '2/5', '3/5', '4/5', '5/5']);
    expect(calls((onProgress) => lintMetadata(fixture('clean.xml'), { ...TRUST, onProgress }))).toEqual(['1/1']);
    let findingsAtLastCall = -1;
    const r = lintMetadata(fixture('entity-id-duplicate.xml'), { ...TRUST, onProgress: (d, t) => { if (d === t) findingsAtLastCall = d; } });
    expect(findingsAtLastCall).toBe(r.entities);
  });
  it('lintDocument and parseMetadata: once per entity', () => {
    const doc = parseMetadata(nested);
    expect(calls((onProgress) => lintDocument(doc, { now: NOW, onProgress }))).toEqual(['1/5', '2/5', '3/5', '4/5', '5/5']);
    expect(calls((onProgress) => parseMetadata(nested, { onProgress }))).toEqual(['1/5', '2/5', '3/5', '4/5', '5/5']);
  });
  it('findings are the same with and without it', () => {
    const xml = fixture('entity-id-duplicate.xml');
    expect(lintMetadata(xml, { ...TRUST, onProgress: () => undefined })).toEqual(lintMetadata(xml, TRUST));
  });
  it('not called when the input does not parse, or has no entity', () => {
    expect(calls((onProgress) => lintMetadata(fixture('xml-malformed.xml'), { now: NOW, onProgress }))).toEqual([]);
    expect(calls((onProgress) => lintMetadata(`<md:EntitiesDescriptor xmlns:md="${MD}"/>`, { now: NOW, onProgress }))).toEqual([]);
  });
  it('a non-function is a TypeError', () => {
    expect(() => lintMetadata(nested, { onProgress: 42 as never })).toThrow(TypeError);
    expect(() => parseMetadata(nested, { onProgress: 'x' as never })).toThrow(TypeError);
  });
});
