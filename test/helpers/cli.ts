import { PassThrough, Readable } from 'node:stream';
import { runCli } from '../../src/cli/run.js';
import type { CliIo } from '../../src/cli/io.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the CLI in-process with captured output. */
export async function cli(argv: string[], opts: { stdin?: string | Buffer; cwd?: string; tty?: boolean; env?: Record<string, string> } = {}): Promise<CliResult> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
  stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
  const io: CliIo = {
    stdout,
    stderr,
    stdin: Readable.from(opts.stdin === undefined ? [] : [typeof opts.stdin === 'string' ? Buffer.from(opts.stdin) : opts.stdin]),
    cwd: opts.cwd ?? process.cwd(),
    stdoutIsTTY: opts.tty ?? false,
    stderrIsTTY: opts.tty ?? false,
    env: opts.env ?? {},
  };
  const code = await runCli(argv, io);
  return { code, stdout: out, stderr: err };
}
