import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CertError } from '../../src/certs/errors.js';

export const KEYS = new URL('../keys/', import.meta.url).pathname;
export const key = (file: string): Buffer => readFileSync(join(KEYS, file));
export const certNames = (): string[] => readdirSync(KEYS).filter((f) => f.endsWith('.crt.der')).map((f) => f.slice(0, -'.crt.der'.length)).sort();

/** Run openssl; returns stdout. */
export function openssl(args: string[], input?: Buffer | string): string {
  return execFileSync('openssl', args, { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
}

export function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'samlfed-certs-'));
}

/** The CertError code `fn` throws (fails the test on any other outcome). */
export function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof CertError) return e.code;
    throw e;
  }
  throw new Error('expected a CertError, nothing was thrown');
}
