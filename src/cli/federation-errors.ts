import { EXIT, UsageError, write, type CliIo } from './io.js';
import { isSamlfedError } from '../errors.js';
import { ManifestError, PayloadError } from '../federation/index.js';

/**
 * Report an error from the federation commands (`payload`, `map`) and return the exit code:
 * rejected content (a PayloadError, or a ManifestError other than an unreadable file) is 1;
 * other input errors (unreadable files, bad JSON) are 2. `hint` adds a line after the message.
 * Usage errors and anything that is not a samlfed error are re-thrown for run.ts.
 */
export async function reportFederationError(command: string, e: unknown, io: CliIo, hint?: string): Promise<number> {
  if (e instanceof UsageError || !isSamlfedError(e)) throw e;
  await write(io.stderr, `samlfed ${command}: ${e.code}: ${e.message}\n${hint ? `${hint}\n` : ''}`);
  const rejected = e instanceof PayloadError || (e instanceof ManifestError && e.code !== 'ERR_MANIFEST_FILE');
  return rejected ? EXIT.REJECTED : EXIT.USAGE;
}
