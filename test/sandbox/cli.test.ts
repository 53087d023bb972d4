import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { runSandbox } from '../../src/cli/commands/sandbox.js';
import type { CliIo } from '../../src/cli/io.js';
import { cli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'samlfed-sandbox-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Run `samlfed sandbox` in-process; `whileRunning` gets the printed output once the banner is out, then the command is stopped. */
async function runUntil(argv: string[], env: Record<string, string>, whileRunning: (out: () => string) => Promise<void>): Promise<{ code: number; out: string }> {
  const stdout = new PassThrough();
  let out = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  const io: CliIo = { stdout, stderr: new PassThrough(), stdin: Readable.from([]), cwd: dir, stdoutIsTTY: false, stderrIsTTY: false, env };
  const ac = new AbortController();
  const running = runSandbox(argv, io, ac.signal);
  for (let i = 0; i < 200 && !/tenant URL|"url"/.test(out); i++) await new Promise((r) => setTimeout(r, 25));
  try {
    await whileRunning(() => out);
  } finally {
    ac.abort();
  }
  return { code: await running, out };
}

describe('samlfed sandbox', () => {
  it('prints the URL, the emulator notice and a generated password once; serves until stopped', async () => {
    const { code, out } = await runUntil(['--seed', '3'], {}, async (o) => {
      const url = /tenant URL\s+(\S+)/.exec(o())![1]!;
      const r = await fetch(`${url}/_sandbox/health`);
      expect(((await r.json()) as { status: string }).status).toBe('ok');
    });
    expect(code).toBe(0);
    expect(out).toContain('not the vendor product');
    const password = /password\s+(\S+)\s+\(generated, shown once\)/.exec(out)![1]!;
    expect(out.split(password)).toHaveLength(2);
    expect(out).toContain('samlfed sandbox: stopped');
  });

  it('takes credentials from SAMLFED_SANDBOX_* and never prints them; --format json; --state keeps the state', async () => {
    const state = join(dir, 'cli-state.json');
    const env = { SAMLFED_SANDBOX_USER: 'root@corp.example', SAMLFED_SANDBOX_PASSWORD: 'Env-Pa55word-xyz', SAMLFED_SANDBOX_CLIENT_SECRET: 'Env-Client-Secret-xyz' };
    const { code, out } = await runUntil(['--format', 'json', '--state', 'cli-state.json'], env, async () => {});
    expect(code).toBe(0);
    const banner = JSON.parse(out.trim().split("\n")[0]!) as { admin: { user: string; password?: string }; stateFile: string };
    expect(banner.admin.password).toBeUndefined();
    expect(banner.admin.user).toBe('root@corp.example');
    expect(banner.stateFile).toBe(state);
    expect(out).not.toContain('Env-Client-Secret-xyz');
    const again = await runUntil([], { SAMLFED_SANDBOX_USER: 'root@corp.example' }, async () => {});
    expect(again.code).toBe(0);
    const kept = await runUntil(['--state', 'cli-state.json'], {}, async () => {});
    expect(kept.out).toContain('(unchanged, kept in the state file; set SAMLFED_SANDBOX_PASSWORD to replace it)');
  });

  it('exits 2 for bad options, a bad fault spec and a corrupt state file', async () => {
    writeFileSync(join(dir, 'bad.json'), 'not json');
    expect((await cli(['sandbox', '--port', 'x'])).code).toBe(2);
    expect((await cli(['sandbox', '--mfa', 'SMS'])).code).toBe(2);
    const faults = await cli(['sandbox', '--faults', '[{"kind":"explode"}]']);
    expect(faults.code).toBe(2);
    expect(faults.stderr).toContain('ERR_SANDBOX_FAULTS_INVALID');
    const corrupt = await cli(['sandbox', '--state', join(dir, 'bad.json')]);
    expect(corrupt.code).toBe(2);
    expect(corrupt.stderr).toContain('ERR_SANDBOX_STATE_CORRUPT');
  });
});

describe('samlfed sandbox as a process', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`stops cleanly on ${signal} (exit 0, port closed)`, async () => {
      const { spawn } = await import('node:child_process');
      const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '..', '..', 'src', 'cli', 'main.ts'), 'sandbox', '--format', 'json', '--state', join(dir, `proc-${signal}.json`)], { cwd: join(import.meta.dirname, '..', '..'), env: { PATH: process.env['PATH'] ?? '' }, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      for (let i = 0; i < 400 && !out.includes('\n'); i++) await new Promise((r) => setTimeout(r, 25));
      const { url } = JSON.parse(out.split('\n')[0]!) as { url: string };
      expect((await fetch(`${url}/_sandbox/health`)).status).toBe(200);
      child.kill(signal);
      expect(await exited).toBe(0);
      await expect(fetch(`${url}/_sandbox/health`)).rejects.toThrow();
    }, 20_000);
  }
});
