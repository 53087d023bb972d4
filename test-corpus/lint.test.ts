import { describe, expect, it } from 'vitest';
import { corpusFile, corpusPath } from './corpus.js';
import { lintMetadata, type LintOptions } from '../src/metadata/lint/index.js';
import { cli } from '../test/helpers/cli.js';

/** Outcomes from ../shared/corpus/README.md. "Now" is the real clock unless the README gives a date. */
const ids = (file: string, options: LintOptions = {}) => new Set(lintMetadata(corpusFile('metadata', file), options).findings.map((f) => `${f.ruleId}:${f.severity}`));

describe('lint on the real-world corpus', () => {
  it('centrify-tenant-idp: no errors now (certificate valid to 2039); unsigned', () => {
    expect(ids('centrify-tenant-idp.xml')).toEqual(new Set(['metadata-unsigned:info']));
  });

  it('centrify-legacy-idp: cert-weak-key (error) and cert-sha1 (warning)', () => {
    expect(ids('centrify-legacy-idp.xml')).toEqual(new Set(['cert-weak-key:error', 'cert-sha1:warning', 'metadata-unsigned:info']));
  });

  it('adfs-v3: cert-expired now; no errors with now 2017-06-01; signer pinned → nothing at all', () => {
    expect(ids('adfs-v3-federationmetadata.xml')).toEqual(new Set(['cert-expired:error', 'metadata-signature-untrusted:info']));
    const then = new Date('2017-06-01T00:00:00Z');
    expect(ids('adfs-v3-federationmetadata.xml', { now: then })).toEqual(new Set(['metadata-signature-untrusted:info']));
    expect(ids('adfs-v3-federationmetadata.xml', { now: then, trust: { thumbprints: ['8C3B60F1C93FA3E52AFD41885E7B6C6C4A61C65A'] } })).toEqual(new Set());
  });

  it('adfs-v3: each expired certificate is reported once (AD FS repeats its keys in the SP and IdP roles)', () => {
    const r = lintMetadata(corpusFile('metadata', 'adfs-v3-federationmetadata.xml'), { now: new Date('2026-01-01T00:00:00Z') });
    const expired = r.findings.filter((f) => f.ruleId === 'cert-expired');
    expect(expired).toHaveLength(2);
    expect(expired.map((f) => f.message).join('\n')).toMatch(/8C3B60F1C93FA3E52AFD41885E7B6C6C4A61C65A[\s\S]*expired on 2018-03-13|expired on 2018-03-13[\s\S]*8C3B60F1C93FA3E52AFD41885E7B6C6C4A61C65A/);
    expect(expired.every((f) => f.entityId === 'http://fs.msidlab2.com/adfs/services/trust')).toBe(true);
  });

  it('okta: no errors with now 2018-11-02 (certificate base64 broken by whitespace still parses)', () => {
    expect(ids('okta-idp.xml', { now: new Date('2018-11-02T00:00:00Z') })).toEqual(new Set(['metadata-unsigned:info']));
  });

  it('swamid: 175 entities, reported entity by entity', () => {
    const xml = corpusFile('metadata', 'swamid-aggregate.xml');
    // Speed is measured in bench/ (npm run bench), not asserted here.
    const r = lintMetadata(xml);
    expect(r.entities).toBe(175);
    expect(r.entityIds).toHaveLength(175);
    const rules = new Set(r.findings.map((f) => f.ruleId));
    expect(rules).toContain('cert-expired');
    expect(rules).toContain('cert-weak-key');
    // SP-only entities are normal in an aggregate.
    expect(rules).not.toContain('no-idp-descriptor');
    // Entity by entity: certificate findings name their entity, and many entities are concerned.
    const known = new Set(r.entityIds);
    const certFindings = r.findings.filter((f) => f.ruleId.startsWith('cert-'));
    expect(certFindings.every((f) => f.entityId !== undefined && known.has(f.entityId))).toBe(true);
    expect(new Set(certFindings.map((f) => f.entityId)).size).toBeGreaterThan(20);
    // Document-level findings carry no entityId.
    expect(r.findings.filter((f) => f.ruleId.startsWith('metadata-')).every((f) => f.entityId === undefined)).toBe(true);
  });

  it('swamid: the rsa-sha1 signature verifies with its embedded certificate → metadata-signature-weak-alg', () => {
    const r = lintMetadata(corpusFile('metadata', 'swamid-aggregate.xml'));
    const sig = r.findings.filter((f) => f.ruleId.startsWith('metadata-'));
    expect(new Set(sig.map((f) => `${f.ruleId}:${f.severity}`))).toEqual(new Set(['metadata-signature-weak-alg:warning', 'metadata-signature-untrusted:info']));
  });

  it('CLI: adfs-v3 exits 1 now and 0 with --now 2017-06-01', async () => {
    const file = corpusPath('metadata', 'adfs-v3-federationmetadata.xml');
    expect((await cli(['lint', file])).code).toBe(1);
    const then = await cli(['lint', file, '--now', '2017-06-01']);
    expect(then.stderr).toBe('');
    expect(then.code).toBe(0);
  });

  it('CLI: swamid on a terminal shows entity-by-entity progress on stderr', async () => {
    const r = await cli(['lint', corpusPath('metadata', 'swamid-aggregate.xml'), '--format', 'json'], { tty: true });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/\[#{20}\] 175\/175 entities/);
    expect(JSON.parse(r.stdout).files[0].entities).toBe(175);
  });

  it('CLI: the corpus folder lints file by file (SARIF)', async () => {
    const r = await cli(['lint', corpusPath('metadata'), '--format', 'sarif']);
    expect(r.code).toBe(1);
    const uris = new Set(JSON.parse(r.stdout).runs[0].results.map((x: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => x.locations[0]!.physicalLocation.artifactLocation.uri.split('/').at(-1)));
    expect(uris).toEqual(new Set(['adfs-v3-federationmetadata.xml', 'centrify-legacy-idp.xml', 'centrify-tenant-idp.xml', 'okta-idp.xml', 'swamid-aggregate.xml']));
  });
});
