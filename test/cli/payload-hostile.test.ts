// `samlfed payload` / `samlfed map` on hostile or failing input: coded errors, right exit codes,
// no secrets on any stream, no partial output files.
import { mkdtempSync, readdirSync, truncateSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

const ROOT = resolve(__dirname, '../..');
const ADFS = join(ROOT, 'examples/adfs-partner/partner.yaml');
const MANUAL = join(ROOT, 'test/fixtures/federation/manual-partner.yaml');
const NOW = ['--now', '2026-06-01T00:00:00Z'];
const tmp = () => mkdtempSync(join(tmpdir(), 'samlfed-cli-hostile-'));

describe('samlfed payload / map: hostile input files', () => {
  it('a 50 MB --settings file: exit 1, ERR_PAYLOAD_TOO_LARGE, refused from its size', async () => {
    const dir = tmp();
    const f = join(dir, 'settings.json');
    writeFileSync(f, '{"Junk":"');
    truncateSync(f, 50 * 1024 * 1024); // sparse: cheap to create
    const r = await cli(['payload', '--partner', ADFS, '--settings', f, ...NOW], { cwd: dir });
    expect([r.code, r.stdout]).toEqual([1, '']);
    expect(r.stderr).toContain(`samlfed payload: ERR_PAYLOAD_TOO_LARGE: ${f}: expected a saved tenant response of at most 4194304 bytes, found 52428800 bytes`);
  });

  it('a --settings file nested 500 000 levels deep: exit 1, ERR_PAYLOAD_TOO_LARGE', async () => {
    const f = join(tmp(), 's.json');
    writeFileSync(f, `{"Result":${'['.repeat(500_000)}${']'.repeat(500_000)}}`);
    const r = await cli(['payload', '--partner', ADFS, '--settings', f, ...NOW]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('ERR_PAYLOAD_TOO_LARGE');
  });

  it('a --global file nested deep: map exits 1 with ERR_PAYLOAD_TOO_LARGE', async () => {
    const f = join(tmp(), 'g.json');
    writeFileSync(f, `{"Mappings":[${'{"a":'.repeat(200_000)}1${'}'.repeat(200_000)}]}`);
    const r = await cli(['map', '--partner', ADFS, '--global', f, 'Sales Managers']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('samlfed map: ERR_PAYLOAD_TOO_LARGE: global mappings: expected JSON nested at most 64 levels deep, found 200002');
  });

  it('a --global file with __proto__ keys: data, not prototype pollution', async () => {
    const f = join(tmp(), 'g.json');
    writeFileSync(f, '{"__proto__":{"x":1},"Mappings":[{"AttributeValue":"__proto__","GroupName":"G"}]}');
    const r = await cli(['map', '--partner', ADFS, '--global', f, '--format', 'json', '__proto__']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ hostGroups: ['G'], matches: [{ value: '__proto__', group: 'G', source: 'global' }] });
  });

  it('a huge --partner manifest for map: exit 1, ERR_MANIFEST_TOO_LARGE without reading it', async () => {
    const f = join(tmp(), 'p.yaml');
    writeFileSync(f, 'name: a\n');
    truncateSync(f, 50 * 1024 * 1024);
    const r = await cli(['map', '--partner', f, 'x']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('ERR_MANIFEST_TOO_LARGE');
  });

  it('a YAML alias bomb given to map: exit 1, ERR_MANIFEST_TOO_LARGE', async () => {
    const f = join(tmp(), 'p.yaml');
    const lol = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let i = 0; i < 9; i++) lol.push(`b${i}: &b${i} [${Array(9).fill(i === 0 ? '*a' : `*b${i - 1}`).join(', ')}]`);
    writeFileSync(f, `name: a\ndomains: [a.example]\nmetadataUrl: https://a.example/m\n${lol.join('\n')}\n`);
    const r = await cli(['map', '--partner', f, 'x']);
    expect([r.code, r.stderr]).toEqual([1, expect.stringContaining('ERR_MANIFEST_TOO_LARGE')]);
  });

  it('an unreadable --global or --partner stays exit 2', async () => {
    expect((await cli(['map', '--partner', ADFS, '--global', join(tmp(), 'none.json'), 'x'])).code).toBe(2);
    const r = await cli(['map', '--partner', join(tmp(), 'none.yaml'), 'x']);
    expect([r.code, r.stderr]).toEqual([2, expect.stringContaining('ERR_MANIFEST_FILE')]);
  });
});

describe('samlfed payload: no secrets, no partial state', () => {
  it('the PKCS#12 password never reaches stderr or the JSON view', async () => {
    const json = await cli(['payload', '--partner', MANUAL, '--format', 'json', ...NOW]);
    expect(json.code).toBe(0);
    expect(json.stdout + json.stderr).not.toContain('test-password');
    expect(JSON.parse(json.stdout).fields[9]).toEqual({ name: 'IDPSigningCertPassword', value: '(redacted)', redacted: true });
    const out = join(tmp(), 'body.bin');
    const mp = await cli(['payload', '--partner', MANUAL, '--out', out, ...NOW]);
    expect(mp.code).toBe(0);
    expect(mp.stdout + mp.stderr).not.toContain('test-password');
  });

  it('a wrong PKCS#12 password: exit 1 without echoing the password', async () => {
    const dir = tmp();
    copyFileSync(join(ROOT, 'test/keys/idp-signing.pfx'), join(dir, 'idp-signing.pfx'));
    const yaml = 'name: a\ndomains: [a.example]\nmanual:\n  signInUrl: https://sso.a.example/\n  signingCert: ./idp-signing.pfx\n  signingCertPassword: Wr0ngPassw0rd!\n';
    writeFileSync(join(dir, 'p.yaml'), yaml);
    const r = await cli(['payload', '--partner', 'p.yaml', '--format', 'json', ...NOW], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('ERR_PAYLOAD_CERT_INVALID');
    expect(r.stdout + r.stderr).not.toContain('Wr0ngPassw0rd!');
  });

  it('a rejected build writes no --out file and leaves nothing behind', async () => {
    const dir = tmp();
    const mismatch = 'name: a\ndomains: [a.example]\nmetadata: ' + join(ROOT, 'examples/tenant-partner/idp-metadata.xml') + '\nexpectedThumbprint: "' + '0'.repeat(40) + '"\n';
    writeFileSync(join(dir, 'p.yaml'), mismatch);
    const r = await cli(['payload', '--partner', 'p.yaml', '--out', 'body.bin', ...NOW], { cwd: dir });
    expect([r.code, r.stderr]).toEqual([1, expect.stringContaining('ERR_PAYLOAD_THUMBPRINT_MISMATCH')]);
    expect(readdirSync(dir)).toEqual(['p.yaml']);
  });
});
