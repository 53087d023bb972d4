/** src/cli/connection.ts: the secret file, precedence, flow inference and the MFA prompt (no network). */
import { chmodSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { readSecretFile, resolveConnection } from '../../src/cli/connection.js';
import type { CliIo } from '../../src/cli/io.js';

const dir = mkdtempSync(join(tmpdir(), 'samlfed-conn-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const secret = (name: string, text: string, mode = 0o600): string => {
  const f = join(dir, name);
  writeFileSync(f, text);
  chmodSync(f, mode);
  return f;
};
const io = (env: Record<string, string> = {}, stdin?: Readable): CliIo & { err: () => string } => {
  const stderr = new PassThrough();
  let err = '';
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  return { stdout: new PassThrough(), stderr, stdin: stdin ?? Readable.from([]), cwd: dir, stdoutIsTTY: false, stderrIsTTY: false, env, err: () => err };
};

describe('secret file', () => {
  it('KEY=VALUE lines: comments, export, quotes', async () => {
    const f = secret('a.env', '# c\n\nexport SAMLFED_USER=admin@x\nSAMLFED_PASSWORD="p w=1"\nSAMLFED_TOKEN=\'t\'\n');
    expect(await readSecretFile(f)).toEqual({ SAMLFED_USER: 'admin@x', SAMLFED_PASSWORD: 'p w=1', SAMLFED_TOKEN: 't' });
  });

  it('refused: group/world access, a symlink, a bad line, non-string JSON, too large; messages hold no value', async () => {
    await expect(readSecretFile(secret('b.env', 'SAMLFED_PASSWORD=Secret-1\n', 0o604))).rejects.toMatchObject({ code: 'ERR_TENANT_CONFIG' });
    const target = secret('c.env', 'SAMLFED_PASSWORD=Secret-1\n');
    symlinkSync(target, join(dir, 'link.env'));
    await expect(readSecretFile(join(dir, 'link.env'))).rejects.toMatchObject({ code: 'ERR_TENANT_CONFIG', message: expect.stringContaining('regular file') });
    const badLine = await readSecretFile(secret('d.env', 'SAMLFED_PASSWORD Secret-1\n')).catch((e: Error) => e);
    expect(badLine).toMatchObject({ code: 'ERR_TENANT_CONFIG', message: expect.stringContaining('line 1') });
    expect((badLine as Error).message).not.toContain('Secret-1');
    await expect(readSecretFile(secret('e.json', '{"SAMLFED_PASSWORD": 5}'))).rejects.toMatchObject({ code: 'ERR_TENANT_CONFIG' });
    await expect(readSecretFile(secret('f.env', `SAMLFED_TOKEN=${'x'.repeat(70_000)}\n`))).rejects.toMatchObject({ code: 'ERR_TENANT_CONFIG' });
    await expect(readSecretFile(join(dir, 'missing.env'))).rejects.toMatchObject({ code: 'ERR_TENANT_CONFIG' });
  });
});

describe('resolveConnection', () => {
  it('flags beat the secret file, which beats the environment', async () => {
    const f = secret('g.env', 'SAMLFED_TENANT_URL=https://file.example\nSAMLFED_TOKEN=from-file\n');
    const env = { SAMLFED_TENANT_URL: 'https://env.example', SAMLFED_TOKEN: 'from-env' };
    expect(await resolveConnection({ 'secret-file': f }, io(env))).toEqual({ url: 'https://file.example', auth: { kind: 'token', token: 'from-file' } });
    expect((await resolveConnection({ 'secret-file': f, url: 'https://flag.example' }, io(env))).url).toBe('https://flag.example');
  });

  it('infers client-credentials, then password, then token; --auth picks one; missing pieces are ERR_TENANT_CONFIG', async () => {
    const all = { SAMLFED_TENANT_URL: 'https://t.example', SAMLFED_CLIENT_ID: 'c', SAMLFED_CLIENT_SECRET: 's', SAMLFED_APP_ID: 'app', SAMLFED_SCOPE: 'all', SAMLFED_USER: 'u', SAMLFED_PASSWORD: 'p', SAMLFED_TOKEN: 't' };
    expect((await resolveConnection({}, io(all))).auth.kind).toBe('client-credentials');
    expect((await resolveConnection({ auth: 'password' }, io(all))).auth).toEqual({ kind: 'password', user: 'u', password: 'p' });
    expect((await resolveConnection({}, io({ ...all, SAMLFED_CLIENT_SECRET: '' }))).auth.kind).toBe('password');
    await expect(resolveConnection({}, io({ SAMLFED_TENANT_URL: 'https://t.example', SAMLFED_CLIENT_ID: 'c', SAMLFED_CLIENT_SECRET: 's' }))).rejects.toMatchObject({ code: 'ERR_TENANT_CONFIG', message: expect.stringContaining('--app-id') });
    await expect(resolveConnection({ auth: 'token' }, io({ SAMLFED_TENANT_URL: 'https://t.example' }))).rejects.toMatchObject({ code: 'ERR_TENANT_CONFIG' });
    await expect(resolveConnection({ auth: 'magic' }, io(all))).rejects.toThrow('--auth must be');
  });

  it('password flow: SAMLFED_MFA_CODE answers; on a TTY the prompt goes to stderr and the line is read from stdin', async () => {
    const base = { SAMLFED_TENANT_URL: 'https://t.example', SAMLFED_USER: 'u', SAMLFED_PASSWORD: 'p' };
    const withCode = await resolveConnection({}, io({ ...base, SAMLFED_MFA_CODE: '123456' }));
    expect(withCode.auth.kind === 'password' && (await withCode.auth.mfa?.({ name: 'EMAIL', prompt: 'Code' }))).toBe('123456');
    const noTty = await resolveConnection({}, io(base));
    expect(noTty.auth.kind === 'password' && noTty.auth.mfa).toBeUndefined();
    const stdin = Object.assign(Readable.from(['654321\n']), { isTTY: true });
    const tty = io(base, stdin);
    const r = await resolveConnection({}, tty);
    expect(r.auth.kind === 'password' && (await r.auth.mfa?.({ name: 'EMAIL', prompt: 'Enter the code sent to your email', hint: 'a***@x' }))).toBe('654321');
    expect(tty.err()).toBe('Enter the code sent to your email (a***@x): ');
  });
});
