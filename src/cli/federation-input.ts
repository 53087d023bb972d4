import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { UsageError, type CliIo } from './io.js';
import { readInputFile } from './read-input.js';
import { isSamlfedError } from '../errors.js';
import { loadManifest, MANIFEST_LIMITS, parseManifest, type PartnerManifest } from '../federation/index.js';
import { readTenantJsonFile, TENANT_JSON_LIMITS } from '../tenant/readers.js';

/** True when `path` exists and is not a regular file or directory: a FIFO, `<(...)` (/dev/fd/N), a device. */
async function isPipe(path: string): Promise<boolean> {
  try {
    const st = await stat(path);
    return !st.isFile() && !st.isDirectory();
  } catch {
    return false;
  }
}

/**
 * `--partner FILE`: a manifest file (loadManifest), or a pipe read with the manifest size cap. A
 * piped manifest has no folder of its own: its relative paths resolve against the current directory.
 */
export async function readManifestArg(path: string, io: CliIo, checkFiles = true): Promise<PartnerManifest> {
  if (path === '-' || (await isPipe(resolve(io.cwd, path)))) {
    const bytes = await readInputFile(path, io, { what: '--partner', maxBytes: MANIFEST_LIMITS.maxBytes });
    return parseManifest(bytes.toString('utf8'), { file: path, baseDir: io.cwd, checkFiles });
  }
  return loadManifest(path, { cwd: io.cwd, checkFiles });
}

/** A saved tenant response (`--settings`, `--global`): a file, or a pipe read with the same size cap. */
export async function readTenantJsonArg(path: string, io: CliIo, flag: string): Promise<string> {
  if (path === '-' || (await isPipe(resolve(io.cwd, path)))) {
    return (await readInputFile(path, io, { what: flag, maxBytes: TENANT_JSON_LIMITS.maxBytes })).toString('utf8');
  }
  return readTenantJsonFile(resolve(io.cwd, path)).catch((e: unknown) => {
    throw isSamlfedError(e) ? e : new UsageError(`cannot read ${flag} ${path}: ${e instanceof Error ? e.message : String(e)}`);
  });
}
