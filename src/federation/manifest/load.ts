import { readFile, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { ManifestError } from '../errors.js';
import { parseManifest } from './parse.js';
import { MANIFEST_LIMITS } from './yaml.js';
import type { PartnerManifest } from './types.js';

export interface LoadManifestOptions {
  /** Directory a relative `path` is resolved against (default: the process's current directory). Errors show `path` as given. */
  readonly cwd?: string;
  /** Check that the files the manifest names (metadata, signing certificate) exist. Default true; `samlfed map` needs none of them. */
  readonly checkFiles?: boolean;
}

/**
 * Read and validate a manifest file. Relative paths inside it resolve against its folder.
 * An unreadable file throws `ERR_MANIFEST_FILE`; an oversized one `ERR_MANIFEST_TOO_LARGE`.
 */
export async function loadManifest(path: string, opts: LoadManifestOptions = {}): Promise<PartnerManifest> {
  if (typeof path !== 'string' || path === '') throw new TypeError('loadManifest: path must be a non-empty string');
  const abs = opts.cwd !== undefined ? resolve(opts.cwd, path) : resolve(path);
  let text: string;
  try {
    const st = await stat(abs);
    if (!st.isFile()) throw new Error('not a regular file');
    if (st.size > MANIFEST_LIMITS.maxBytes) {
      throw new ManifestError('ERR_MANIFEST_TOO_LARGE', `expected a manifest of at most ${MANIFEST_LIMITS.maxBytes} bytes, found ${st.size} bytes`, { file: path, expected: `<= ${MANIFEST_LIMITS.maxBytes} bytes`, actual: st.size });
    }
    text = await readFile(abs, 'utf8');
  } catch (e) {
    if (e instanceof ManifestError) throw e;
    throw new ManifestError('ERR_MANIFEST_FILE', `cannot read manifest: ${e instanceof Error ? e.message : String(e)}`, { file: path, cause: e });
  }
  return parseManifest(text, { file: path, baseDir: dirname(abs), ...(opts.checkFiles !== undefined ? { checkFiles: opts.checkFiles } : {}) });
}
