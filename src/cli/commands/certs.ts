import { UsageError, type CliIo } from '../io.js';

/** `samlfed certs`: not implemented yet. */
export async function run(_argv: string[], _io: CliIo): Promise<number> {
  throw new UsageError('certs is not implemented yet');
}
