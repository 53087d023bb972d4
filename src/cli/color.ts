import type { CliIo } from './io.js';

/**
 * Colour by default (no --color / --no-color): https://no-color.org (NO_COLOR set and non-empty
 * disables it), FORCE_COLOR forces it (except FORCE_COLOR=0 or false), else only when stdout is a terminal.
 */
export function useColor(io: CliIo): boolean {
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR !== undefined) return io.env.FORCE_COLOR !== '0' && io.env.FORCE_COLOR !== 'false';
  return io.stdoutIsTTY;
}
