import type { Readable, Writable } from 'node:stream';

/** Streams and environment a command runs against; injectable so tests need no child processes. */
export interface CliIo {
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly stdin: Readable;
  /** Current directory for resolving relative paths. */
  readonly cwd: string;
  /** True when stdout is a terminal (enables colour in text output). */
  readonly stdoutIsTTY: boolean;
  /** True when stderr is a terminal (enables progress bars). */
  readonly stderrIsTTY: boolean;
  /** Environment variables (for NO_COLOR / FORCE_COLOR). */
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** A command: takes its own argv (after the command name), returns the exit code. */
export type Command = (argv: string[], io: CliIo) => Promise<number>;

/**
 * Exit codes shared by every command (README "CLI"). `BROKEN_PIPE` is what runCli returns when the
 * reader of stdout went away (`samlfed lint x | head -1`): main.ts then ends the process by SIGPIPE,
 * as `cat` does (a shell reports 128 + 13 = 141), without a word on stderr.
 */
export const EXIT = Object.freeze({ OK: 0, REJECTED: 1, USAGE: 2, BROKEN_PIPE: 141 });

/** A write to stdout or stderr failed because the reader closed the pipe (EPIPE). */
export class BrokenPipeError extends Error {
  override name = 'BrokenPipeError';
}

/** True for the error a stream reports when its reader has closed the pipe. */
export function isBrokenPipe(e: unknown): boolean {
  return e instanceof BrokenPipeError || (typeof e === 'object' && e !== null && (e as NodeJS.ErrnoException).code === 'EPIPE');
}

/** A usage or unreadable-input problem: printed as one line, exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    cwd: process.cwd(),
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    env: process.env,
  };
}

/**
 * Write to a stream and resolve once flushed (so piped output is never cut by process exit).
 * A closed pipe rejects with `BrokenPipeError` (runCli ends quietly with EXIT.BROKEN_PIPE).
 */
export function write(stream: Writable, text: string | Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    if (stream.destroyed || stream.writableEnded) {
      reject(new BrokenPipeError('the output stream is closed'));
      return;
    }
    stream.write(text, (err) => (err ? reject(isBrokenPipe(err) ? new BrokenPipeError(err.message) : err) : resolve()));
  });
}
