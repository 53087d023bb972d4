import { open } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { UsageError, type CliIo } from './io.js';
import { isSamlfedError } from '../errors.js';
import { fetchMetadata } from '../metadata/fetch.js';

/** Default cap on one input: as large as the biggest metadata aggregate the XML parser accepts. */
export const MAX_INPUT_BYTES = 128 * 1024 * 1024;
/** https metadata downloads give up after this long. */
export const FETCH_TIMEOUT_MS = 15_000;
/**
 * How standard input is named in every report and message (README "CLI"): `-` on the command
 * line, `<stdin>` in output (lint's file column, certs' `source`, inspect's `Metadata:` line).
 */
export const STDIN_NAME = '<stdin>';

/** The display name of an input argument: `<stdin>` for `-`, the argument as given otherwise. */
export function inputName(arg: string): string {
  return arg === '-' ? STDIN_NAME : arg;
}

/** A short reason for a file-system error: `no such file or directory`, `permission denied`, … */
export function describeFsError(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'ENOENT') return 'no such file or directory';
  if (err.code === 'EACCES' || err.code === 'EPERM') return 'permission denied';
  if (err.code === 'EISDIR') return 'is a directory';
  return err.code ?? err.message;
}

/** Read a stream to its end, refused (exit 2) once it passes `maxBytes` (`what` names it in the message). */
export async function readCapped(stream: Readable | AsyncIterable<unknown>, maxBytes: number, what: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    total += b.byteLength;
    if (total > maxBytes) {
      if ('destroy' in stream && typeof stream.destroy === 'function') stream.destroy();
      throw new UsageError(`${what} is larger than the ${maxBytes}-byte limit`);
    }
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

/** Standard input, refused (exit 2) once it passes `maxBytes`. */
export function readStdin(io: CliIo, maxBytes = MAX_INPUT_BYTES): Promise<Buffer> {
  return readCapped(io.stdin, maxBytes, 'standard input');
}

/**
 * A file named on the command line (`-` = standard input). A regular file is size-checked before
 * it is read (the message gives its real size and the cap); a pipe (a FIFO, or process substitution
 * such as `<(curl ...)`, which is /dev/fd/N) or a character device is read as a stream with the same
 * cap as standard input; a directory is refused. `what` names the option in messages, e.g. `--sp`.
 */
export async function readInputFile(path: string, io: CliIo, opts: { what?: string; maxBytes?: number } = {}): Promise<Buffer> {
  const maxBytes = opts.maxBytes ?? MAX_INPUT_BYTES;
  if (path === '-') return readStdin(io, maxBytes);
  const label = opts.what ? `${opts.what} ${path}` : path;
  let handle;
  try {
    // Opening a FIFO waits for its writer, as reading standard input waits for input.
    handle = await open(resolve(io.cwd, path), 'r');
  } catch (e) {
    throw new UsageError(`cannot read ${label}: ${describeFsError(e)}`);
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) throw new UsageError(`cannot read ${label}: is a directory`);
    if (info.isFile()) {
      if (info.size > maxBytes) throw new UsageError(`cannot read ${label}: ${info.size} bytes, more than the ${maxBytes}-byte limit`);
      return await handle.readFile();
    }
    return await readCapped(handle.createReadStream({ autoClose: false }), maxBytes, label);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`cannot read ${label}: ${describeFsError(e)}`);
  } finally {
    await handle.close();
  }
}

/** A metadata document from a file, `-`, or an https URL (fetched with a timeout and the size cap). */
export async function readMetadataInput(input: string, io: CliIo, maxBytes = MAX_INPUT_BYTES): Promise<Uint8Array> {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(input)) {
    try {
      return await fetchMetadata(input, { timeoutMs: FETCH_TIMEOUT_MS, maxBytes });
    } catch (e) {
      if (isSamlfedError(e) || e instanceof TypeError) throw new UsageError(`cannot fetch ${input}: ${isSamlfedError(e) ? `${e.code}: ` : ''}${(e as Error).message}`);
      throw e;
    }
  }
  return readInputFile(input, io, { maxBytes });
}
