import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { cli } from '../helpers/cli.js';

// Issue 11 defect 8: FIFOs hung inspect and certs, and lint refused them; process substitution
// (`lint <(cat x.xml)`, a pipe at /dev/fd/N) was "not a regular file" everywhere. Every command
// now reads a pipe with the stdin cap. Real FIFOs (mkfifo) and a writer process that closes.
const ROOT = resolve(__dirname, '../..');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'samlfed-pipes-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
/** A FIFO that a separate `cat` process fills with `source` and then closes. */
function fifoFrom(source: string): { path: string; done: Promise<number | null> } {
  const path = join(dir, `fifo-${++n}`);
  execFileSync('mkfifo', [path]);
  const writer = spawn('sh', ['-c', 'cat "$1" > "$2"', 'sh', source, path], { stdio: 'ignore' });
  return { path, done: new Promise((res) => writer.on('exit', res)) };
}

describe('commands read FIFOs (no hang, same result as the file)', () => {
  it('inspect', async () => {
    const { path, done } = fifoFrom(join(ROOT, 'test/fixtures/metadata/tenant.unsigned.xml'));
    const r = await cli(['inspect', path, '--now', '2026-06-15', '-f', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).entities[0].entityId).toBe('https://partner.my.idaptive.app/5b1f9a7e-3c2d-4e8f-9a6b-0c1d2e3f4a5b');
    expect(await done).toBe(0);
  });

  it('certs', async () => {
    const { path, done } = fifoFrom(join(ROOT, 'test/keys/idp-signing.crt.pem'));
    const r = await cli(['certs', path, '-f', 'json', '--now', '2026-06-15']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).certificates.map((c: { sha1Thumbprint: string; source: string }) => [c.source, c.sha1Thumbprint])).toEqual([[path, '2F4EF7D8BFC934A977578DEBCC3862C13691A1F1']]);
    await done;
  });

  it('lint: named on the command line, linted and named as given', async () => {
    const { path, done } = fifoFrom(join(ROOT, 'test/fixtures/lint/cert-expired.xml'));
    const r = await cli(['lint', path, '--now', '2026-06-15', '-f', 'json']);
    expect(r.code).toBe(1);
    const file = JSON.parse(r.stdout).files[0];
    expect(file.file).toBe(path);
    expect(file.findings.map((f: { ruleId: string }) => f.ruleId)).toContain('cert-expired');
    await done;
  });

  it('verify: the response and --sp from pipes', async () => {
    writeFileSync(join(dir, 'sp.json'), JSON.stringify({ entityId: 'https://sp.host.example/saml2', acsUrls: ['https://sp.host.example/saml2/acs'] }));
    const resp = fifoFrom(join(ROOT, 'test/fixtures/responses/response.adfs-shaped.xml'));
    const sp = fifoFrom(join(dir, 'sp.json'));
    const r = await cli(['verify', resp.path, '--idp', join(ROOT, 'examples/adfs-partner/federationmetadata.xml'), '--sp', sp.path, '--now', '2026-06-15T12:00:00Z', '--request-id', '_req-1', '-f', 'json']);
    expect(JSON.parse(r.stdout)).toMatchObject({ valid: true, issuer: 'http://adfs.partner.example/adfs/services/trust' });
    await Promise.all([resp.done, sp.done]);
  });

  it('payload: --partner and --settings from pipes (a piped manifest resolves paths against the cwd)', async () => {
    writeFileSync(join(dir, 'partner.yaml'), 'name: piped\ndomains: [piped.example]\nmetadata: examples/tenant-partner/idp-metadata.xml\n');
    const partner = fifoFrom(join(dir, 'partner.yaml'));
    const settings = fifoFrom(join(ROOT, 'examples/global-settings.json'));
    const r = await cli(['payload', '--partner', partner.path, '--settings', settings.path, '-f', 'json', '--now', '2026-06-01'], { cwd: ROOT });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).fields[0]).toEqual({ name: 'FederationName', value: 'piped' });
    await Promise.all([partner.done, settings.done]);
  });

  it('a pipe larger than the cap is refused (exit 2), not read forever', async () => {
    const { path } = fifoFrom('/dev/zero');
    const r = await cli(['certs', path]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`samlfed certs: ${path} is larger than the 134217728-byte limit\n`);
  }, 60_000);
});

describe('oversized files report their real size and the cap', () => {
  it('lint: a sparse 200 MB file', async () => {
    const big = join(dir, 'big.xml');
    execFileSync('truncate', ['-s', '200M', big]);
    const r = await cli(['lint', big]);
    expect([r.code, r.stderr]).toEqual([2, `samlfed lint: cannot read ${big}: 209715200 bytes, more than the 134217728-byte limit\n`]);
  });
});
