import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { ManifestError } from '../errors.js';
import { fetchMetadata } from '../deps.js';

/** Largest metadata or certificate file read from disk (AD FS metadata is ~60 KB; aggregates are not partner files). */
export const MAX_SOURCE_BYTES = 5 * 1024 * 1024;

/** Read a file named by the manifest, exactly as stored. Unreadable -> `ERR_MANIFEST_FILE` (field path `field`). */
export async function readSourceFile(path: string, field: string, manifestFile: string | undefined): Promise<{ bytes: Buffer; filename: string }> {
  try {
    const st = await stat(path);
    // A FIFO or device would block or never end: only regular files.
    if (!st.isFile()) throw new Error('expected a regular file, found something else (a folder, FIFO or device)');
    if (st.size > MAX_SOURCE_BYTES) throw new Error(`expected at most ${MAX_SOURCE_BYTES} bytes, found ${st.size}`);
    return { bytes: await readFile(path), filename: basename(path) };
  } catch (e) {
    throw new ManifestError('ERR_MANIFEST_FILE', `cannot read ${path}: ${e instanceof Error ? e.message : String(e)}`, { file: manifestFile, path: field, cause: e });
  }
}

/** Fetches metadata for a `metadataUrl` manifest; injectable for tests and offline use. */
export type MetadataFetcher = (url: string) => Promise<string | Uint8Array>;

/** Default fetcher: `fetchMetadata` from the metadata area (https only, 15 s timeout, 5 MiB cap). */
export const defaultFetcher: MetadataFetcher = (url) => fetchMetadata(url, { timeoutMs: 15_000, maxBytes: MAX_SOURCE_BYTES });
