import { UsageError, type CliIo } from '../io.js';

/** `samlfed lint`: not implemented yet. */
export async function run(_argv: string[], _io: CliIo): Promise<number> {
  throw new UsageError('lint is not implemented yet');
}
