import { UsageError, type CliIo } from '../io.js';

/** `samlfed verify`: not implemented yet. */
export async function run(_argv: string[], _io: CliIo): Promise<number> {
  throw new UsageError('verify is not implemented yet');
}
