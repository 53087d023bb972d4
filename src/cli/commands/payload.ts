import { UsageError, type CliIo } from '../io.js';

/** `samlfed payload`: not implemented yet. */
export async function run(_argv: string[], _io: CliIo): Promise<number> {
  throw new UsageError('payload is not implemented yet');
}
