import { UsageError, type CliIo } from '../io.js';

/** `samlfed map`: not implemented yet. */
export async function run(_argv: string[], _io: CliIo): Promise<number> {
  throw new UsageError('map is not implemented yet');
}
