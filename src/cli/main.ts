#!/usr/bin/env node
import { runCli } from './run.js';
import { EXIT, processIo } from './io.js';

/**
 * End the process the way `cat` ends when its reader goes away: killed by SIGPIPE (a shell reports
 * 141), silently. Node ignores SIGPIPE at start-up; installing and removing a listener restores the
 * default action. Falls back to exit code 141 should the signal not end the process.
 */
function dieBySigpipe(): never {
  process.exitCode = EXIT.BROKEN_PIPE;
  process.on('SIGPIPE', () => undefined);
  process.removeAllListeners('SIGPIPE');
  process.kill(process.pid, 'SIGPIPE');
  process.exit(EXIT.BROKEN_PIPE);
}

// A closed stdout or stderr (EPIPE) is reported as an 'error' event besides the write callback;
// without a listener Node would crash with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') dieBySigpipe();
    throw e;
  });
}

const code = await runCli(process.argv.slice(2), processIo());
if (code === EXIT.BROKEN_PIPE) dieBySigpipe();
process.exitCode = code;
