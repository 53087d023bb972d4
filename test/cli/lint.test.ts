import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { RULES } from '../../src/metadata/lint/index.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const FIX = 'test/fixtures/lint';
const NOW = ['--now', '2026-06-15T00:00:00Z'];
const thumb = (name: string) => createHash('sha1').update(readFileSync(join(ROOT, `test/keys/${name}.crt.der`))).digest('hex');
const PIN = ['--trust-thumbprint', thumb('idp-signing'), '--trust-thumbprint', thumb('metadata-signing')];
const run = (args: string[], opts: Parameters<typeof cli>[1] = {}) => cli(['lint', ...args], { cwd: ROOT, ...opts });
const jsonIds = (stdout: string) => new Set((JSON.parse(stdout) as { files: { findings: { ruleId: string }[] }[] }).files.flatMap((f) => f.findings.map((x) => x.ruleId)));

describe('samlfed lint: exit codes', () => {
  it('0 for a clean file', async () => {
    const r = await run([`${FIX}/clean.xml`, ...NOW, ...PIN]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('0 errors, 0 warnings (1 file, 1 entity)\n');
  });
  it('0 with only warnings and info, 1 with errors', async () => {
    expect((await run([`${FIX}/cert-expiring.xml`, ...NOW, ...PIN])).code).toBe(0);
    expect((await run([`${FIX}/metadata-unsigned.xml`, ...NOW])).code).toBe(0);
    const r = await run([`${FIX}/cert-expired.xml`, ...NOW, ...PIN]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^test\/fixtures\/lint\/cert-expired\.xml:\d+:\d+ error cert-expired /m);
  });
  it('1 (a finding, not a usage error) for a file that is not XML', async () => {
    const r = await run([`${FIX}/xml-malformed.binary.xml`]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('xml-malformed');
  });
  it('2 for a missing file, naming it', async () => {
    const r = await run([`${FIX}/clean.xml`, 'no/such/file.xml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no\/such\/file\.xml: cannot read: no such file or directory/);
    expect(r.stdout).toBe('');
  });
  it('2 for bad usage: unknown option, unknown rule, bad --now, bad format, no input, http URL', async () => {
    for (const args of [
      [`${FIX}/clean.xml`, '--frobnicate'],
      [`${FIX}/clean.xml`, '--rule', 'no-such-rule=off'],
      [`${FIX}/clean.xml`, '--rule', 'cert-expired=fatal'],
      [`${FIX}/clean.xml`, '--now', 'yesterday'],
      [`${FIX}/clean.xml`, '--now', '2026-13-45'],
      [`${FIX}/clean.xml`, '--now', '2026-02-30'],
      [`${FIX}/clean.xml`, '--format', 'xml'],
      [`${FIX}/clean.xml`, '--max-warnings', 'many'],
      [`${FIX}/clean.xml`, '--trust-thumbprint', 'abc'],
      [`${FIX}/clean.xml`, '--trust', 'no/such.pem'],
      [],
      ['http://idp.example/metadata.xml'],
    ]) {
      const r = await run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(/^samlfed lint: /);
    }
  });
  it('2 for an https URL that cannot be fetched, naming it', async () => {
    const r = await run(['https://127.0.0.1:1/metadata.xml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/https:\/\/127\.0\.0\.1:1\/metadata\.xml: cannot fetch: ERR_FETCH_/);
  });
});

describe('samlfed lint: options', () => {
  it('--rule overrides a severity or turns a rule off', async () => {
    const file = `${FIX}/cert-expired.xml`;
    expect((await run([file, ...NOW, ...PIN, '--rule', 'cert-expired=warning'])).code).toBe(0);
    const off = await run([file, ...NOW, ...PIN, '--rule', 'cert-expired=off', '--format', 'json']);
    expect(off.code).toBe(0);
    expect(jsonIds(off.stdout)).toEqual(new Set());
    expect((await run([`${FIX}/metadata-unsigned.xml`, ...NOW, '--rule', 'metadata-unsigned=error'])).code).toBe(1);
  });
  it('--max-warnings', async () => {
    const file = `${FIX}/endpoint-not-https.xml`;
    expect((await run([file, ...NOW, ...PIN])).code).toBe(0);
    expect((await run([file, ...NOW, ...PIN, '--max-warnings', '1'])).code).toBe(0);
    const r = await run([file, ...NOW, ...PIN, '--max-warnings', '0']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/more than --max-warnings 0/);
  });
  it('--now and --expiry-warning-days', async () => {
    const file = `${FIX}/cert-expiring.xml`;
    expect(jsonIds((await run([file, ...NOW, ...PIN, '-f', 'json'])).stdout)).toEqual(new Set(['cert-expiring']));
    expect(jsonIds((await run([file, ...NOW, ...PIN, '-f', 'json', '--expiry-warning-days', '7'])).stdout)).toEqual(new Set());
    expect(jsonIds((await run([file, '--now', '2026-08-01', ...PIN, '-f', 'json'])).stdout)).toEqual(new Set(['cert-expired']));
  });
  it('--trust / --trust-thumbprint on an unsigned document: an error, exit 1 (a pinned signer cannot be checked)', async () => {
    for (const trust of [PIN, ['--trust', 'test/keys/idp-signing.crt.pem']]) {
      const r = await run([`${FIX}/metadata-unsigned.xml`, ...NOW, ...trust, '-f', 'json']);
      expect(jsonIds(r.stdout)).toEqual(new Set(['metadata-signature-invalid']));
      expect(r.code).toBe(1);
    }
  });
  it('--trust-thumbprint as copied from Windows (U+200E mark, spaces, lower case) pins the signer', async () => {
    const pasted = `\u200e${thumb('idp-signing').replace(/(..)(?=.)/g, '$1 ')}`;
    const r = await run([`${FIX}/clean.xml`, ...NOW, '--trust-thumbprint', pasted, '-f', 'json']);
    expect(jsonIds(r.stdout)).toEqual(new Set());
    expect(r.code).toBe(0);
  });
  it('--trust with a PEM file', async () => {
    const r = await run([`${FIX}/clean.xml`, ...NOW, '--trust', 'test/keys/idp-signing.crt.pem', '-f', 'json']);
    expect(jsonIds(r.stdout)).toEqual(new Set());
    const other = await run([`${FIX}/clean.xml`, ...NOW, '--trust', 'test/keys/attacker.crt.pem', '-f', 'json']);
    expect(jsonIds(other.stdout)).toEqual(new Set(['metadata-signature-invalid']));
    expect(other.code).toBe(1);
  });
  it('--output writes the report to a file; --quiet hides warnings and info', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'samlfed-lint-'));
    const out = join(dir, 'report.sarif');
    const r = await run([`${FIX}/cert-expired.xml`, ...NOW, ...PIN, '-f', 'sarif', '-o', out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8')).runs[0].results[0].ruleId).toBe('cert-expired');
    const q = await run([`${FIX}/metadata-unsigned.xml`, ...NOW, '--quiet']);
    expect(q.stdout).toBe('0 errors, 0 warnings (1 file, 1 entity)\n');
    // --quiet reports errors only, in every format; --max-warnings still counts the hidden warnings.
    const q2 = await run([`${FIX}/endpoint-not-https.xml`, ...NOW, ...PIN, '--quiet']);
    expect([q2.code, q2.stdout]).toEqual([0, '0 errors, 0 warnings (1 file, 1 entity)\n']);
    const q3 = await run([`${FIX}/endpoint-not-https.xml`, ...NOW, ...PIN, '--quiet', '-f', 'json', '--max-warnings', '0']);
    expect(q3.code).toBe(1);
    expect(JSON.parse(q3.stdout).files[0].findings).toEqual([]);
  });
  it('--help lists every option', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    for (const opt of ['--format', '--now', '--expiry-warning-days', '--trust ', '--trust-thumbprint', '--rule', '--max-warnings', '--output', '--quiet', '--help']) expect(r.stdout).toContain(opt);
    for (const id of Object.keys(RULES)) expect(r.stdout).toContain(id);
  });
});

describe('samlfed lint: inputs', () => {
  it('a directory is searched recursively for *.xml, sorted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'samlfed-lint-'));
    mkdirSync(join(dir, 'b', 'deep'), { recursive: true });
    copyFileSync(join(ROOT, FIX, 'clean.xml'), join(dir, 'b', 'deep', 'z.xml'));
    copyFileSync(join(ROOT, FIX, 'cert-expired.xml'), join(dir, 'a.xml'));
    copyFileSync(join(ROOT, FIX, 'clean.xml'), join(dir, 'b', 'c.XML'));
    writeFileSync(join(dir, 'notes.txt'), 'not metadata');
    const r = await run(['.', ...NOW, ...PIN, '-f', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    const files = (JSON.parse(r.stdout) as { files: { file: string }[] }).files.map((f) => f.file);
    expect(files).toEqual(['a.xml', 'b/c.XML', 'b/deep/z.xml']);
    // An absolute argument is printed as given (issue 11 item 10), not as ../../.. from the cwd.
    const abs = await run([dir, ...NOW, ...PIN, '-f', 'json'], { cwd: ROOT });
    expect((JSON.parse(abs.stdout) as { files: { file: string }[] }).files.map((f) => f.file)).toEqual([`${dir}/a.xml`, `${dir}/b/c.XML`, `${dir}/b/deep/z.xml`]);
  });
  it('an empty directory is a usage error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'samlfed-lint-'));
    const r = await run([dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no \*\.xml files/);
  });
  it('- reads standard input', async () => {
    const r = await run(['-', ...NOW, ...PIN, '-f', 'json'], { stdin: readFileSync(join(ROOT, FIX, 'cert-weak-key.xml')) });
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.files[0].file).toBe('<stdin>');
    expect(jsonIds(r.stdout)).toEqual(new Set(['cert-weak-key']));
  });
  it('several files, each with its own findings; github format', async () => {
    const r = await run([`${FIX}/cert-sha1.xml`, `${FIX}/xml-doctype.xml`, ...NOW, ...PIN, '-f', 'github']);
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^::warning file=test\/fixtures\/lint\/cert-sha1\.xml,line=\d+,col=\d+,title=cert-sha1::/);
    expect(lines[1]).toMatch(/^::error file=test\/fixtures\/lint\/xml-doctype\.xml,line=2,col=1,title=xml-doctype::/);
  });
});

describe('samlfed lint: colour and progress', () => {
  it('colour only on a TTY and not with NO_COLOR', async () => {
    const file = `${FIX}/cert-expired.xml`;
    expect((await run([file, ...NOW, ...PIN], { tty: true })).stdout).toContain('\x1b[');
    expect((await run([file, ...NOW, ...PIN], { tty: true, env: { NO_COLOR: '1' } })).stdout).not.toContain('\x1b[');
    expect((await run([file, ...NOW, ...PIN])).stdout).not.toContain('\x1b[');
  });
  it('progress on stderr only on a TTY with many files', async () => {
    const r = await run([FIX, ...NOW, ...PIN, '-f', 'json'], { tty: true });
    expect(r.stderr).toContain('samlfed lint: ');
    expect(JSON.parse(r.stdout).files.length).toBeGreaterThan(10);
    expect((await run([FIX, ...NOW, ...PIN, '-f', 'json'])).stderr).toBe('');
  });
  it('a large aggregate: entity-by-entity progress bar on stderr on a TTY, erased before the report', async () => {
    const MD = 'urn:oasis:names:tc:SAML:2.0:metadata';
    const entity = (i: number) => `<md:EntityDescriptor entityID="https://sp${i}.example/sp"><md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"><md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://sp${i}.example/acs" index="0"/></md:SPSSODescriptor></md:EntityDescriptor>`;
    const dir = mkdtempSync(join(tmpdir(), 'samlfed-lint-'));
    const big = join(dir, 'federation.xml');
    writeFileSync(big, `<md:EntitiesDescriptor xmlns:md="${MD}">${Array.from({ length: 250 }, (_, i) => entity(i)).join('')}</md:EntitiesDescriptor>`);
    const r = await run(['federation.xml', ...NOW, '-f', 'json'], { tty: true, cwd: dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).files[0].entities).toBe(250);
    const frames = r.stderr.split('\r').map((f) => f.trimEnd()).filter((f) => f !== '');
    expect(frames[0]).toBe(`samlfed lint: [${'.'.repeat(20)}] 1/250 entities federation.xml`);
    expect(frames).toContain(`samlfed lint: [${'#'.repeat(10)}${'.'.repeat(10)}] 125/250 entities federation.xml`);
    expect(frames.at(-1)).toBe(`samlfed lint: [${'#'.repeat(20)}] 250/250 entities federation.xml`);
    expect(r.stderr.split('\r').every((f) => f.length <= 79)).toBe(true);
    // At most one frame per percent, then the line is erased.
    expect(frames.length).toBeLessThanOrEqual(101);
    expect(r.stderr).toMatch(/\r {79}\r$/);
    // Not on a pipe; not for a small aggregate.
    expect((await run([big, ...NOW, '-f', 'json'])).stderr).toBe('');
    expect((await run([`${FIX}/aggregate.clean.xml`, ...NOW, ...PIN], { tty: true })).stderr).toBe('');
  });
});

describe('samlfed lint --threads 2: an aggregate linted in two threads', () => {
  it('same report as the tree path (stdin), findings in nested groups included, and the progress bar reaches the end', async () => {
    const MD = 'urn:oasis:names:tc:SAML:2.0:metadata';
    // Findings on some entities: an http ACS (endpoint rules), a duplicate entityID, an expired validUntil.
    const entity = (i: number) =>
      `<md:EntityDescriptor entityID="https://sp${i % 997 === 5 ? 5 : i}.example/sp"${i % 1000 === 7 ? ' validUntil="2001-01-01T00:00:00Z"' : ''}><md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"><md:Extensions><x:Note xmlns:x="urn:x">entity ${i} &amp; <![CDATA[<raw>]]></x:Note></md:Extensions><md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${i % 500 === 3 ? 'http' : 'https'}://sp${i}.example/acs" index="0"/></md:SPSSODescriptor></md:EntityDescriptor>\n`;
    const group = (from: number, n: number) => `<md:EntitiesDescriptor Name="g${from}">${Array.from({ length: n }, (_, k) => entity(from + k)).join('')}</md:EntitiesDescriptor>`;
    const xml = `<md:EntitiesDescriptor xmlns:md="${MD}">${Array.from({ length: 2000 }, (_, i) => entity(i)).join('')}${group(2000, 1500)}${Array.from({ length: 500 }, (_, i) => entity(3500 + i)).join('')}</md:EntitiesDescriptor>`;
    const dir = mkdtempSync(join(tmpdir(), 'samlfed-lint-'));
    writeFileSync(join(dir, 'federation.xml'), xml);
    const streamed = await run(['federation.xml', ...NOW, '-f', 'json', '--threads', '2'], { cwd: dir });
    const tree = await run(['-', '--stdin-filename', 'federation.xml', ...NOW, '-f', 'json'], { cwd: dir, stdin: xml });
    expect(streamed.stderr).toBe('');
    expect(streamed.code).toBe(1);
    const report = JSON.parse(streamed.stdout) as { files: { entities: number; findings: { ruleId: string }[] }[] };
    expect(report.files[0]!.entities).toBe(4000);
    expect(new Set(report.files[0]!.findings.map((f) => f.ruleId))).toEqual(new Set(['entity-id-duplicate', 'valid-until-expired', 'endpoint-not-https', 'metadata-unsigned']));
    expect(streamed.stdout).toBe(tree.stdout);
    const tty = await run(['federation.xml', ...NOW, '-f', 'json', '--threads', '2'], { cwd: dir, tty: true });
    expect(tty.stdout).toBe(streamed.stdout);
    expect(tty.stderr).toContain('4000/4000 entities federation.xml');
    // --threads 1 and auto (this file is under 8 MiB: one thread): the same report.
    expect((await run(['federation.xml', ...NOW, '-f', 'json', '--threads', '1'], { cwd: dir })).stdout).toBe(streamed.stdout);
    expect((await run(['federation.xml', ...NOW, '-f', 'json'], { cwd: dir })).stdout).toBe(streamed.stdout);
  });
  it('--threads takes 1, 2 or auto; anything else is a usage error (exit 2)', async () => {
    expect((await run([`${FIX}/clean.xml`, ...NOW, ...PIN, '--threads', 'auto'])).code).toBe(0);
    for (const bad of ['0', '3', 'two', '', '02']) {
      const r = await run([`${FIX}/clean.xml`, '--threads', bad]);
      expect(r.code, bad).toBe(2);
      expect(r.stderr, bad).toMatch(/--threads must be/);
    }
  });
});

describe('samlfed lint: hostile input through a real process (exit code, no stack trace)', () => {
  const node = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), 'lint', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  it('billion laughs, XXE, 100 MB of nesting, truncated, binary garbage, wrong root: each its rule id, exit 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'samlfed-hostile-'));
    const n = Math.floor((100 * 1024 * 1024) / 7);
    const files: Record<string, string | Buffer> = {
      'laughs.xml': '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><l>&b;</l>',
      'xxe.xml': '<!DOCTYPE m [<!ENTITY x SYSTEM "file:///etc/passwd">]><md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="&x;"/>',
      'nesting.xml': `${'<a>'.repeat(n)}${'</a>'.repeat(n)}`,
      'truncated.xml': readFileSync(join(ROOT, FIX, 'clean.xml')).subarray(0, 700),
      'garbage.xml': readFileSync(join(ROOT, FIX, 'xml-malformed.binary.xml')),
      'root.xml': '<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_r"/>',
    };
    for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
    const r = node([dir, '-f', 'json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    const byFile = Object.fromEntries((JSON.parse(r.stdout) as { files: { file: string; findings: { ruleId: string }[] }[] }).files.map((f) => [f.file.split('/').at(-1), f.findings.map((x) => x.ruleId)]));
    expect(byFile).toEqual({
      'garbage.xml': ['xml-malformed'], 'laughs.xml': ['xml-doctype'], 'nesting.xml': ['xml-malformed'],
      'truncated.xml': ['xml-malformed'], 'xxe.xml': ['xml-doctype'],
    });
    // root.xml (a samlp:Response, XML but not metadata) was found by walking the directory: skipped.
  }, 60_000);
  it('a missing file: exit 2 and one line on stderr', () => {
    const r = node(['no/such/file.xml']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('samlfed lint: no/such/file.xml: cannot read: no such file or directory\n');
  }, 60_000);
});

describe('samlfed lint: input files', () => {
  it('a character device is read as a stream with the stdin cap: /dev/null is an empty document (xml-malformed, exit 1)', async () => {
    const r = await cli(['lint', '/dev/null', '-f', 'json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).files[0]).toMatchObject({ file: '/dev/null', findings: [{ ruleId: 'xml-malformed' }] });
  });
});
