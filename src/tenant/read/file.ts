import { readFile, stat } from 'node:fs/promises';
import { PayloadError } from '../../federation/errors.js';
import { TENANT_JSON_LIMITS } from './envelope.js';

/**
 * Read a saved tenant response (settings, global mappings) as UTF-8 text, refusing files over
 * `TENANT_JSON_LIMITS.maxBytes` before reading them (`ERR_PAYLOAD_TOO_LARGE`). A missing or
 * unreadable path, or one that is not a regular file (a FIFO would block forever), rejects with
 * the underlying `Error` for the caller to report as unreadable input.
 */
export async function readTenantJsonFile(path: string): Promise<string> {
  const st = await stat(path);
  if (!st.isFile()) throw new Error('not a regular file');
  if (st.size > TENANT_JSON_LIMITS.maxBytes) {
    throw new PayloadError('ERR_PAYLOAD_TOO_LARGE', `${path}: expected a saved tenant response of at most ${TENANT_JSON_LIMITS.maxBytes} bytes, found ${st.size} bytes`, { expected: `<= ${TENANT_JSON_LIMITS.maxBytes} bytes`, actual: st.size });
  }
  return readFile(path, 'utf8');
}
