import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { parseMultipart } from '../federation/busboy-parse.js';

const ROOT = resolve(__dirname, '../..');
const ADFS = 'examples/adfs-partner/partner.yaml';
const TENANT = 'examples/tenant-partner/partner.yaml';
const SETTINGS = 'examples/global-settings.json';
const IDP_SHA1 = '2F4EF7D8BFC934A977578DEBCC3862C13691A1F1';
const NOW = ['--now', '2026-06-01T00:00:00Z'];

describe('samlfed payload', () => {
  it('multipart: body to --out, Content-Type line and thumbprint on stderr, exit 0', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'samlfed-payload-')), 'body.bin');
    const r = await cli(['payload', '--partner', ADFS, '--settings', SETTINGS, '--out', out, ...NOW], { cwd: ROOT });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const ct = /^Content-Type: (multipart\/form-data; boundary=\S+)$/m.exec(r.stderr)?.[1];
    expect(ct).toBeDefined();
    expect(r.stderr).toContain(`IdP signing certificate SHA-1 thumbprint: ${IDP_SHA1}`);
    expect(r.stderr).toContain('confirm this thumbprint with the partner out of band');
    const parts = await parseMultipart(readFileSync(out), ct!);
    expect(parts[0]).toEqual({ name: 'FederationName', kind: 'field', value: 'acmeco' });
    expect(parts.find((p) => p.name === 'SPMetadataUrl')?.value).toContain('/Federation/federationmetadata?FederationType=SAML%202.0');
    const md = parts.find((p) => p.name === 'IDPMetadataFileContents')!;
    expect(Buffer.compare(md.bytes!, readFileSync(join(ROOT, 'examples/adfs-partner/federationmetadata.xml')))).toBe(0);
  });

  it('multipart to stdout', async () => {
    const r = await cli(['payload', '--partner', TENANT, ...NOW], { cwd: ROOT });
    expect(r.code).toBe(0);
    const b = /boundary=(\S+)/.exec(r.stderr)![1]!;
    expect(r.stdout.startsWith(`--${b}\r\nContent-Disposition: form-data; name="FederationName"\r\n\r\nglobex\r\n`)).toBe(true);
    expect(r.stdout.endsWith(`--${b}--\r\n`)).toBe(true);
    expect(r.stderr).toContain('warning: no global federation settings given');
  });

  it('json: the reviewable view with thumbprint and warnings', async () => {
    const r = await cli(['payload', '--partner', ADFS, '--settings', SETTINGS, '--format', 'json', ...NOW], { cwd: ROOT });
    expect(r.code).toBe(0);
    const v = JSON.parse(r.stdout);
    expect(v.thumbprint).toBe(IDP_SHA1);
    expect(v.fields.map((f: { name: string }) => f.name)).toHaveLength(21);
    expect(v.fields[2]).toEqual({ name: 'Domains', value: 'acme.example,acme-corp.example' });
    expect(v.fields[17].file.filename).toBe('federationmetadata.xml');
    expect(v.lint.errorCount).toBe(0);
    expect(v.warnings.some((w: string) => w.startsWith('requireMfa'))).toBe(true);
    expect(r.stderr).toContain(IDP_SHA1);
  });

  it('lint errors without --force: exit 1 listing the findings', async () => {
    const r = await cli(['payload', '--partner', TENANT, '--now', '2050-01-01T00:00:00Z'], { cwd: ROOT });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('ERR_PAYLOAD_LINT_FAILED');
    expect(r.stderr).toContain('cert-expired');
    expect(r.stderr).toContain('--force');
  });

  it('lint errors with --force: exit 0 and a loud WARNING on stderr', async () => {
    const r = await cli(['payload', '--partner', TENANT, '--now', '2050-01-01T00:00:00Z', '--force', '--format', 'json'], { cwd: ROOT });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/!{72}\nWARNING: --force: building a federation from IdP metadata with 1 lint error/);
    expect(JSON.parse(r.stdout).forced).toBe(true);
  });

  it('thumbprint mismatch: exit 1, expected vs found', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'samlfed-pin-'));
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'p.yaml'), `name: globex\ndomains: [globex.example]\nmetadata: ${join(ROOT, 'examples/tenant-partner/idp-metadata.xml')}\nexpectedThumbprint: ${'AB'.repeat(20)}\n`);
    const r = await cli(['payload', '--partner', 'p.yaml', ...NOW], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('ERR_PAYLOAD_THUMBPRINT_MISMATCH');
    expect(r.stderr).toContain(`found ${IDP_SHA1}`);
    expect(r.stdout).toBe('');
  });

  it('invalid manifest content: exit 1 with file, line and field path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'samlfed-bad-'));
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'p.yaml'), 'name: a\ndomains: [acme]\nmetadataUrl: https://x.example/\n');
    const r = await cli(['payload', '--partner', 'p.yaml', ...NOW], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('ERR_MANIFEST_INVALID');
    expect(r.stderr).toContain('samlfed payload: ERR_MANIFEST_INVALID: p.yaml:2:11: domains[0]: "acme" is not a domain name');
  });

  it('usage and unreadable input: exit 2', async () => {
    expect((await cli(['payload'], { cwd: ROOT })).code).toBe(2);
    expect((await cli(['payload', '--partner', ADFS, '--format', 'xml'], { cwd: ROOT })).code).toBe(2);
    expect((await cli(['payload', '--partner', ADFS, '--now', 'yesterday'], { cwd: ROOT })).code).toBe(2);
    expect((await cli(['payload', '--partner', ADFS, '--bogus'], { cwd: ROOT })).code).toBe(2);
    const missing = await cli(['payload', '--partner', 'nope.yaml'], { cwd: ROOT });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('ERR_MANIFEST_FILE');
    const noSettings = await cli(['payload', '--partner', ADFS, '--settings', 'nope.json', ...NOW], { cwd: ROOT });
    expect(noSettings.code).toBe(2);
    expect(noSettings.stderr).toContain('cannot read --settings');
  });

  it('invalid settings JSON: exit 1', async () => {
    const r = await cli(['payload', '--partner', ADFS, '--settings', 'examples/adfs-partner/partner.yaml', ...NOW], { cwd: ROOT });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('ERR_PAYLOAD_SETTINGS_INVALID');
  });

  it('--help', async () => {
    const r = await cli(['payload', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: samlfed payload');
  });
});
