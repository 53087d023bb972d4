import { UsageError, type CliIo } from '../io.js';

/** `samlfed inspect`: not implemented yet. */
export async function run(_argv: string[], _io: CliIo): Promise<number> {
  throw new UsageError('inspect is not implemented yet');
}
