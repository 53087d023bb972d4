import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync, unlinkSync } from 'node:fs';
import { dirname } from 'node:path';
import { SandboxError } from '../errors.js';
import { BODY_LIMITS } from '../http/body.js';
import { jsonTextDepth } from '../../tenant/read/envelope.js';
import type { SandboxState } from './model.js';
import { validateState } from './validate.js';

/** Largest state file the sandbox reads (a guard against pointing --state at something else). */
export const MAX_STATE_BYTES = 64 * 1024 * 1024;

/**
 * Read and validate a state file.
 * @returns undefined when the file does not exist (a first start).
 * @throws {SandboxError} `ERR_SANDBOX_STATE_CORRUPT` (not JSON, wrong shape, too large, nested too deep),
 *   `ERR_SANDBOX_STATE_VERSION` (another format version), `ERR_SANDBOX_STATE_IO` (unreadable).
 */
export function loadStateFile(file: string): SandboxState | undefined {
  let text: string;
  try {
    const buf = readFileSync(file);
    if (buf.length > MAX_STATE_BYTES) throw new SandboxError('ERR_SANDBOX_STATE_CORRUPT', `state file ${file} is larger than ${MAX_STATE_BYTES} bytes; refusing to start`);
    text = buf.toString('utf8');
  } catch (e) {
    if (e instanceof SandboxError) throw e;
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new SandboxError('ERR_SANDBOX_STATE_IO', `cannot read state file ${file}: ${(e as Error).message}`, { cause: e });
  }
  // The import's depth limit: deeper JSON parses, but the state could never be written back (stack).
  if (jsonTextDepth(text) > BODY_LIMITS.jsonDepth) throw new SandboxError('ERR_SANDBOX_STATE_CORRUPT', `state file ${file} is JSON nested deeper than ${BODY_LIMITS.jsonDepth}; refusing to start`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new SandboxError('ERR_SANDBOX_STATE_CORRUPT', `state file ${file} is not valid JSON (${(e as Error).message}); refusing to start. Fix or move the file; the sandbox never resets it silently.`, { cause: e });
  }
  try {
    return validateState(parsed, 'ERR_SANDBOX_STATE_CORRUPT');
  } catch (e) {
    if (e instanceof SandboxError) {
      const hint = e.code === 'ERR_SANDBOX_STATE_VERSION' ? 'written by another sandbox version' : 'corrupt';
      throw new SandboxError(e.code, `state file ${file} is ${hint}: ${e.message}; refusing to start`, { expected: e.expected, actual: e.actual });
    }
    throw e;
  }
}

/**
 * Write `state` to `file` atomically (tenant-api.md §9.1): a temporary file in the same folder,
 * fsync, rename over the target, fsync the folder. A crash leaves the old or the new file, never a mix.
 * @throws {SandboxError} `ERR_SANDBOX_STATE_IO` when the file cannot be written.
 */
export function writeStateFile(file: string, state: SandboxState): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    const fd = openSync(tmp, 'w', 0o600);
    try {
      writeSync(fd, JSON.stringify(state));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
    try {
      const dfd = openSync(dirname(file), 'r');
      try {
        fsyncSync(dfd);
      } finally {
        closeSync(dfd);
      }
    } catch {
      // Some filesystems refuse fsync on a directory; the rename is still atomic.
    }
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      /* nothing to clean */
    }
    throw new SandboxError('ERR_SANDBOX_STATE_IO', `cannot write state file ${file}: ${(e as Error).message}`, { cause: e });
  }
}
