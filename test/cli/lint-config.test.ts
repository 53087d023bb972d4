import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { cli } from '../helpers/cli.js';
import { parseXml } from '../../src/xml/parse.js';

// Issue 11: what ESLint users expect (config file, ignores, globs, baseline, --quiet, colour,
// --stdin-filename, formatter modules) and certs --fail-on-expired.
const ROOT = resolve(__dirname, '../..');
const FIX = join(ROOT, 'test/fixtures/lint');
const NOW = ['--now', '2026-06-15'];
let dir: string;
const p = (...parts: string[]) => join(dir, ...parts);
const ids = (stdout: string) => (JSON.parse(stdout) as { files: { file: string; findings: { ruleId: string; severity: string }[] }[] }).files.map((f) => [f.file, f.findings.map((x) => `${x.ruleId}:${x.severity}`)]);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'samlfed-config-'));
  mkdirSync(p('project', 'md', 'vendor'), { recursive: true });
  mkdirSync(p('project', 'md', 'node_modules', 'x'), { recursive: true });
  mkdirSync(p('project', 'md', '.git'), { recursive: true });
  mkdirSync(p('project', 'sub'), { recursive: true });
  copyFileSync(join(FIX, 'endpoint-not-https.xml'), p('project', 'md', 'a.xml'));
  copyFileSync(join(FIX, 'cert-expired.xml'), p('project', 'md', 'vendor', 'v.xml'));
  copyFileSync(join(FIX, 'cert-expired.xml'), p('project', 'md', 'node_modules', 'x', 'n.xml'));
  copyFileSync(join(FIX, 'cert-expired.xml'), p('project', 'md', '.git', 'g.xml'));
  writeFileSync(p('project', 'md', 'pom.xml'), '<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion></project>');
  writeFileSync(p('project', 'samlfed.config.yaml'), 'rules:\n  metadata-unsigned: off\n  endpoint-not-https: error\nignorePatterns:\n  - "md/vendor/**"\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('config file, found upward from the cwd', () => {
  it('rules and ignorePatterns apply; .git/, node_modules/, the ignored folder and pom.xml are skipped', async () => {
    const r = await cli(['lint', 'md', ...NOW, '-f', 'json'], { cwd: p('project') });
    expect(ids(r.stdout).map(([f]) => f)).toEqual(['md/a.xml']);
    expect((ids(r.stdout)[0]![1] as string[]).sort()).toEqual(['endpoint-not-https:error', 'metadata-signature-untrusted:info']);
    expect(r.code).toBe(1);
    // From a sub-folder the same config is found (upward search).
    const sub = await cli(['lint', '../md/a.xml', ...NOW, '-f', 'json'], { cwd: p('project', 'sub') });
    expect((ids(sub.stdout)[0]![1] as string[])).toContain('endpoint-not-https:error');
  });

  it('text format says which non-metadata XML files were skipped; a named pom.xml is still linted', async () => {
    const r = await cli(['lint', 'md', ...NOW], { cwd: p('project') });
    expect(r.stderr).toBe('samlfed lint: skipped 1 XML file that is not SAML metadata: md/pom.xml\n');
    const named = await cli(['lint', 'md/pom.xml', ...NOW, '-f', 'json'], { cwd: p('project') });
    expect(ids(named.stdout)).toEqual([['md/pom.xml', ['not-metadata:error']]]);
  });

  it('--rule wins over the config; --no-config and --config FILE; --ignore-pattern', async () => {
    const r = await cli(['lint', 'md/a.xml', ...NOW, '-f', 'json', '--rule', 'endpoint-not-https=info'], { cwd: p('project') });
    expect((ids(r.stdout)[0]![1] as string[])).toContain('endpoint-not-https:info');
    const none = await cli(['lint', 'md/a.xml', ...NOW, '-f', 'json', '--no-config'], { cwd: p('project') });
    expect((ids(none.stdout)[0]![1] as string[])).toContain('endpoint-not-https:warning');
    writeFileSync(p('other.json'), JSON.stringify({ rules: { 'endpoint-not-https': 'off', 'metadata-signature-untrusted': 'off' } }));
    const other = await cli(['lint', 'md/a.xml', ...NOW, '-f', 'json', '--config', p('other.json')], { cwd: p('project') });
    expect(ids(other.stdout)).toEqual([['md/a.xml', []]]);
    const ign = await cli(['lint', 'md', ...NOW, '-f', 'json', '--ignore-pattern', '**/a.xml', '--no-config'], { cwd: p('project') });
    expect(ids(ign.stdout).map(([f]) => f)).toEqual(['md/vendor/v.xml']);
  });

  it('package.json "samlfed" key; a bad config is exit 2 naming file and key', async () => {
    mkdirSync(p('pkg'), { recursive: true });
    copyFileSync(join(FIX, 'endpoint-not-https.xml'), p('pkg', 'a.xml'));
    writeFileSync(p('pkg', 'package.json'), JSON.stringify({ name: 'x', samlfed: { rules: { 'endpoint-not-https': 'off' } } }));
    const r = await cli(['lint', 'a.xml', ...NOW, '-f', 'json'], { cwd: p('pkg') });
    expect((ids(r.stdout)[0]![1] as string[])).not.toContain('endpoint-not-https:warning');
    writeFileSync(p('bad.json'), JSON.stringify({ rules: { 'cert-expird': 'off' } }));
    const bad = await cli(['lint', 'a.xml', '--config', p('bad.json')], { cwd: p('pkg') });
    expect([bad.code, bad.stderr]).toEqual([2, `samlfed lint: config ${p('bad.json')}: "rules": unknown rule id "cert-expird"\n`]);
  });

  it('a JSON config nested deeper than 64 levels is refused before use; a string with brackets is not nesting', async () => {
    mkdirSync(p('deep'), { recursive: true });
    copyFileSync(join(FIX, 'endpoint-not-https.xml'), p('deep', 'a.xml'));
    writeFileSync(p('deep', 'deep.json'), `{"rules":{},"x":${'['.repeat(70)}${']'.repeat(70)}}`);
    const deep = await cli(['lint', 'a.xml', '--config', p('deep', 'deep.json')], { cwd: p('deep') });
    expect([deep.code, deep.stderr]).toEqual([2, `samlfed lint: config ${p('deep', 'deep.json')} is not valid JSON: nested more than 64 levels deep\n`]);
    // Brackets inside strings (and escaped quotes) do not count: this config is read and applied.
    writeFileSync(p('deep', 'strings.json'), JSON.stringify({ rules: { 'endpoint-not-https': 'off' }, ignorePatterns: ['x\\"' + '['.repeat(70)] }));
    const ok = await cli(['lint', 'a.xml', ...NOW, '-f', 'json', '--config', p('deep', 'strings.json')], { cwd: p('deep') });
    expect((ids(ok.stdout)[0]![1] as string[])).not.toContain('endpoint-not-https:warning');
  });

  it('per-entity overrides by entityID pattern', async () => {
    mkdirSync(p('ov'), { recursive: true });
    copyFileSync(join(FIX, 'entity-id-duplicate.xml'), p('ov', 'agg.xml'));
    copyFileSync(join(FIX, 'cert-expired.xml'), p('ov', 'e.xml'));
    writeFileSync(p('ov', 'samlfed.config.json'), JSON.stringify({ overrides: [{ entityIds: ['https://idp.generic.*'], rules: { 'cert-expired': 'warning' } }] }));
    const r = await cli(['lint', 'e.xml', ...NOW, '-f', 'json'], { cwd: p('ov') });
    expect((ids(r.stdout)[0]![1] as string[])).toContain('cert-expired:warning');
    expect(r.code).toBe(0);
  });
});

describe('globs', () => {
  it("lint expands 'md/**/*.xml' itself, skipping node_modules and .git", async () => {
    const r = await cli(['lint', 'md/**/*.xml', ...NOW, '-f', 'json', '--no-config'], { cwd: p('project') });
    expect(ids(r.stdout).map(([f]) => f)).toEqual(['md/a.xml', 'md/vendor/v.xml']);
    const none = await cli(['lint', 'nothing/*.xml'], { cwd: p('project') });
    expect([none.code, none.stderr]).toEqual([2, 'samlfed lint: nothing/*.xml: no files match this pattern\n']);
  });
});

describe('--baseline', () => {
  it('records findings, then reports only new ones (matched without line numbers)', async () => {
    mkdirSync(p('bl'), { recursive: true });
    copyFileSync(join(FIX, 'cert-expired.xml'), p('bl', 'm.xml'));
    const first = await cli(['lint', 'm.xml', ...NOW, '--baseline', 'base/line.json', '--update-baseline', '--no-config'], { cwd: p('bl') });
    expect(first.code).toBe(0);
    expect(first.stderr).toBe('samlfed lint: wrote 2 findings to base/line.json\n');
    const saved = JSON.parse(readFileSync(p('bl', 'base', 'line.json'), 'utf8'));
    expect(saved.entries.map((e: { ruleId: string }) => e.ruleId).sort()).toEqual(['cert-expired', 'metadata-signature-untrusted']);
    // Same findings, moved down by a line: still accepted.
    writeFileSync(p('bl', 'm.xml'), readFileSync(p('bl', 'm.xml'), 'utf8').replace('?>', '?>\n'));
    const again = await cli(['lint', 'm.xml', ...NOW, '--baseline', 'base/line.json', '-f', 'json', '--no-config'], { cwd: p('bl') });
    expect([again.code, ids(again.stdout)]).toEqual([0, [['m.xml', []]]]);
    // A new finding is reported.
    copyFileSync(join(FIX, 'endpoint-not-https.xml'), p('bl', 'm.xml'));
    const fresh = await cli(['lint', 'm.xml', ...NOW, '--baseline', 'base/line.json', '-f', 'json', '--no-config'], { cwd: p('bl') });
    expect(ids(fresh.stdout)).toEqual([['m.xml', ['endpoint-not-https:warning']]]);
    const missing = await cli(['lint', 'm.xml', '--baseline', 'nope.json'], { cwd: p('bl') });
    expect(missing.code).toBe(2);
  });
});

describe('output options', () => {
  it('--stdin-filename names standard input; <stdin> by default', async () => {
    const xml = readFileSync(join(FIX, 'clean.xml'));
    const named = await cli(['lint', '-', '--stdin-filename', 'partners/acme.xml', ...NOW, '-f', 'json'], { stdin: xml });
    expect(ids(named.stdout)[0]![0]).toBe('partners/acme.xml');
    const plain = await cli(['lint', '-', ...NOW, '-f', 'json'], { stdin: xml });
    expect(ids(plain.stdout)[0]![0]).toBe('<stdin>');
  });

  it('--color forces ANSI colour, --no-color and NO_COLOR turn it off, FORCE_COLOR turns it on', async () => {
    const f = join(FIX, 'cert-expired.xml');
    expect((await cli(['lint', f, ...NOW, '--color'])).stdout).toContain('\x1b[31merror\x1b[0m');
    expect((await cli(['lint', f, ...NOW, '--no-color'], { tty: true })).stdout).not.toContain('\x1b[');
    expect((await cli(['lint', f, ...NOW], { tty: true, env: { NO_COLOR: '1' } })).stdout).not.toContain('\x1b[');
    expect((await cli(['lint', f, ...NOW], { env: { FORCE_COLOR: '1' } })).stdout).toContain('\x1b[31m');
  });

  it('--quiet applies to every format (junit here)', async () => {
    const r = await cli(['lint', join(FIX, 'endpoint-not-https.xml'), ...NOW, '-f', 'junit', '--quiet']);
    const root = parseXml(r.stdout).root;
    expect([root.getAttribute('tests'), root.getAttribute('failures')]).toEqual(['1', '0']);
  });

  it('--format ./formatter.mjs: a module exporting a function', async () => {
    writeFileSync(p('formatter.mjs'), 'export default (input, options) => input.files.map((f) => `${f.file} ${f.result.errorCount} ${options.quiet}`).join("\\n") + "\\n";\n');
    const r = await cli(['lint', join(FIX, 'cert-expired.xml'), ...NOW, '-f', './formatter.mjs'], { cwd: dir });
    expect([r.code, r.stdout]).toEqual([1, `${join(FIX, 'cert-expired.xml')} 1 false\n`]);
    writeFileSync(p('bad.mjs'), 'export const x = 1;\n');
    const bad = await cli(['lint', join(FIX, 'cert-expired.xml'), '-f', './bad.mjs'], { cwd: dir });
    expect([bad.code, bad.stderr]).toEqual([2, 'samlfed lint: --format ./bad.mjs: the module must export a function (default export or "format")\n']);
  });

  it('SARIF: a relative path outside the cwd becomes an absolute file: URI, not %SRCROOT%/../..', async () => {
    const r = await cli(['lint', '../project/md/a.xml', ...NOW, '-f', 'sarif', '--no-config'], { cwd: p('pkg') });
    const loc = JSON.parse(r.stdout).runs[0].results[0].locations[0].physicalLocation.artifactLocation;
    expect(loc).toEqual({ uri: `file://${p('project', 'md', 'a.xml')}` });
  });
});

describe('certs --fail-on-expired / --expiry-warning-days', () => {
  const KEYS = join(ROOT, 'test/keys');
  it('exit 1 with an expired certificate, 0 without', async () => {
    const r = await cli(['certs', join(KEYS, 'expired.crt.pem'), '--fail-on-expired', ...NOW]);
    expect([r.code, r.stderr]).toEqual([1, 'samlfed certs: --fail-on-expired: 1 certificate expired, not yet valid\n']);
    expect((await cli(['certs', join(KEYS, 'idp-signing.crt.pem'), '--fail-on-expired', ...NOW])).code).toBe(0);
    expect((await cli(['certs', join(KEYS, 'expired.crt.pem'), ...NOW])).code).toBe(0);
  });
  it('--expiry-warning-days marks and (with --fail-on-expired) fails on expiring certificates', async () => {
    const j = await cli(['certs', join(KEYS, 'expiring.crt.pem'), '--expiry-warning-days', '30', '-f', 'json', ...NOW]);
    expect(JSON.parse(j.stdout).certificates[0]).toMatchObject({ expiring: true, expired: false, daysLeft: 16 });
    const r = await cli(['certs', join(KEYS, 'expiring.crt.pem'), '--expiry-warning-days', '30', '--fail-on-expired', ...NOW]);
    expect([r.code, r.stderr]).toEqual([1, 'samlfed certs: --fail-on-expired: 1 certificate expired, not yet valid or expiring within 30 days\n']);
    expect((await cli(['certs', join(KEYS, 'expiring.crt.pem'), '--expiry-warning-days', '10', '--fail-on-expired', ...NOW])).code).toBe(0);
  });
});
