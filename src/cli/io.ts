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

/** Exit codes shared by every command (README "CLI"). */
export const EXIT = Object.freeze({ OK: 0, REJECTED: 1, USAGE: 2 });

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

/** Write to a stream and resolve once flushed (so piped output is never cut by process exit). */
export function write(stream: Writable, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(text, (err) => (err ? reject(err) : resolve()));
  });
}
