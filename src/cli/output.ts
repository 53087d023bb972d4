import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { UsageError, type CliIo } from './io.js';
import { describeFsError } from './read-input.js';

/**
 * Write a report or body to `-o, --output FILE` (relative to the cwd), creating its parent
 * directory first, as ESLint's `--output-file` does. Failures are usage errors (exit 2) naming the file.
 */
export async function writeOutputFile(io: CliIo, file: string, data: string | Uint8Array, flag = '--output'): Promise<void> {
  const path = resolve(io.cwd, file);
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, data);
  } catch (e) {
    throw new UsageError(`cannot write ${flag} ${file}: ${describeFsError(e)}`);
  }
}
