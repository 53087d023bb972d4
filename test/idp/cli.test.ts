import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { cli } from '../helpers/cli.js';
import { run } from '../../src/cli/commands/idp.js';
import type { CliIo } from '../../src/cli/io.js';
import type { IdpServer } from '../../src/idp/index.js';

const KEYS = join(import.meta.dirname, '..', 'keys');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'samlfed-idp-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Run `samlfed idp` in-process until `stop` is called; resolves with the running server and the final result. */
async function runIdp(argv: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const io: CliIo = { stdout, stderr, stdin: Readable.from([]), cwd: dir, stdoutIsTTY: false, stderrIsTTY: false, env: {} };
  const controller = new AbortController();
  let started!: (s: IdpServer) => void;
  const server = new Promise<IdpServer>((r) => (started = r));
  const done = run(argv, io, { signal: controller.signal, onStarted: started });
  const idp = await Promise.race([server, done.then((code) => Promise.reject(new Error(`exited ${code}: ${err}`)))]);
  return {
    idp,
    out: () => out,
    stop: async () => {
      controller.abort();
      return { code: await done, stdout: out, stderr: err };
    },
  };
}

const keyArgs = ['--key', join(KEYS, 'idp-signing.key.pem'), '--cert', join(KEYS, 'idp-signing.crt.pem')];

describe('samlfed idp', () => {
  it('--help exits 0 and names both flavours', async () => {
    const r = await cli(['idp', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: samlfed idp --flavour adfs\|tenant/);
  });

  it.each([
    [['idp'], /--flavour must be adfs or tenant/],
    [['idp', '--flavour', 'okta'], /--flavour must be adfs or tenant/],
    [['idp', '--flavour', 'adfs', '--key', 'k.pem'], /--key and --cert go together/],
    [['idp', '--flavour', 'adfs', '--port', '70000'], /--port must be at most 65535/],
    [['idp', '--flavour', 'adfs', '--name-id', 'x'], /--name-id must be/],
    [['idp', '--flavour', 'adfs', '--app-key', '5b1f9a7e-3c2d-4e8f-9a6b-0c1d2e3f4a5b'], /--app-key must be a GUID, and only with --flavour tenant/],
    [['idp', '--flavour', 'adfs', '--key', 'missing.pem', '--cert', 'missing.pem'], /cannot read --key missing.pem: no such file/],
    [['idp', '--flavour', 'adfs', '--bogus'], /Unknown option/],
  ])('usage error %j exits 2', async (argv, message) => {
    const r = await cli(argv, { cwd: tmpdir() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('a bad users file exits 2 with ERR_IDP_USERS_FILE / ERR_IDP_USERS_INVALID', async () => {
    writeFileSync(join(dir, 'bad.yaml'), 'users: [ {name: a');
    writeFileSync(join(dir, 'invalid.yaml'), 'users:\n  - name: a\n    groups: "not a list"\n');
    const a = await cli(['idp', '--flavour', 'adfs', '--users', 'bad.yaml'], { cwd: dir });
    expect([a.code, a.stderr]).toEqual([2, expect.stringContaining('ERR_IDP_USERS_FILE')]);
    const b = await cli(['idp', '--flavour', 'adfs', '--users', 'invalid.yaml'], { cwd: dir });
    expect([b.code, b.stderr]).toEqual([2, expect.stringContaining('ERR_IDP_USERS_INVALID')]);
  });

  for (const flavour of ['adfs', 'tenant'] as const) {
    it(`${flavour}: prints its metadata URL, serves it, writes -o; the metadata lints with no errors and inspect detects ${flavour}; stops cleanly`, async () => {
      writeFileSync(join(dir, 'users.yaml'), 'users:\n  - name: alice@acme.example\n    groups: [Sales Managers]\n');
      const enc = flavour === 'adfs' ? ['--encrypt-to', join(KEYS, 'sp-encryption.crt.pem')] : [];
      const h = await runIdp(['--flavour', flavour, ...keyArgs, ...enc, '--users', 'users.yaml', '-o', `${flavour}.xml`]);
      const out = h.out();
      expect(out).toContain(`Metadata:  ${h.idp.metadataUrl}\n`);
      expect(out).toContain('Signing certificate SHA-1: 2F4EF7D8BFC934A977578DEBCC3862C13691A1F1');
      expect(out).toContain('alice@acme.example [Sales Managers]');
      const served = await (await fetch(h.idp.metadataUrl)).text();
      const file = join(dir, `${flavour}.xml`);
      expect(readFileSync(file, 'utf8')).toBe(served);

      const lint = await cli(['lint', file, '--format', 'json']);
      expect(lint.code).toBe(0);
      const report = JSON.parse(lint.stdout).files[0];
      expect(report.errorCount).toBe(0);
      // Plain http:// on 127.0.0.1 is the one warning; the rest is informational.
      const rules = new Set(report.findings.map((f: { ruleId: string }) => f.ruleId));
      expect([...rules].sort()).toEqual(flavour === 'adfs' ? ['endpoint-not-https', 'metadata-signature-untrusted'] : ['endpoint-not-https', 'metadata-unsigned']);
      const strict = await cli(['lint', file, '--rule', 'endpoint-not-https=off', '--max-warnings', '0']);
      expect(strict.code).toBe(0);
      expect(strict.stdout).toMatch(/0 errors, 0 warnings/);

      const inspect = await cli(['inspect', file, '--format', 'json']);
      expect(inspect.code).toBe(0);
      expect(JSON.parse(inspect.stdout).entities[0].flavour).toBe(flavour);

      const stopped = await h.stop();
      expect(stopped.code).toBe(0);
      expect(stopped.stderr).toContain('stop requested, stopping');
      await expect(fetch(h.idp.metadataUrl)).rejects.toThrow();
    });
  }

  it('--format json prints one JSON object; a port in use exits 2', async () => {
    const h = await runIdp(['--flavour', 'tenant', ...keyArgs, '--format', 'json']);
    const info = JSON.parse(h.out());
    expect(info).toMatchObject({ flavour: 'tenant', url: h.idp.url, metadataUrl: h.idp.metadataUrl, signingCertificateSha1: '2F4EF7D8BFC934A977578DEBCC3862C13691A1F1' });
    const busy = await cli(['idp', '--flavour', 'tenant', ...keyArgs, '--port', String(h.idp.port)]);
    expect(busy.code).toBe(2);
    expect(busy.stderr).toContain('the port is in use');
    expect((await h.stop()).code).toBe(0);
  });
});

describe('samlfed idp as a process', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`stops cleanly on ${signal} (exit 0, port closed)`, async () => {
      const { spawn } = await import('node:child_process');
      const root = join(import.meta.dirname, '..', '..');
      const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src', 'cli', 'main.ts'), 'idp', '--flavour', 'tenant', ...keyArgs, '--format', 'json'], { cwd: root, env: { PATH: process.env['PATH'] ?? '' }, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      // Waits for the start-up line (an event, not a sleep for time to pass): at most 10 s.
      for (let i = 0; i < 400 && !out.includes('\n'); i++) await new Promise((r) => setTimeout(r, 25));
      const { metadataUrl } = JSON.parse(out.split('\n')[0]!) as { metadataUrl: string };
      expect((await fetch(metadataUrl)).status).toBe(200);
      child.kill(signal);
      expect(await exited).toBe(0);
      await expect(fetch(metadataUrl)).rejects.toThrow();
    }, 20_000);
  }
});
