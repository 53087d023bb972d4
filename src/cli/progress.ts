import type { CliIo } from './io.js';
import { terminalSafe } from '../metadata/lint/format/text.js';

/** Documents above this size (bytes) get a progress line on a TTY even when alone (an eduGAIN-sized aggregate parses for seconds). */
export const BIG_DOCUMENT = 8 * 1024 * 1024;
/** Aggregates with at least this many entities get entity-by-entity progress on a TTY. */
export const MANY_ENTITIES = 100;
const BAR_WIDTH = 20;
/** The progress line never wraps on an 80-column terminal. */
const LINE_WIDTH = 79;

/**
 * The progress line on stderr, only when stderr is a terminal: files (when there are many, or one is
 * big) and, for a large aggregate, its entities (`lintMetadata`'s onProgress). Rewritten in place with
 * `\r`, at most once per percent, and erased before the report is written.
 */
export class Progress {
  #shown = false;
  #counter = '';
  #label = '';
  #percent = -1;
  readonly #io: CliIo;
  readonly #files: number;

  constructor(io: CliIo, files: number) {
    this.#io = io;
    this.#files = files;
  }

  /** Before linting file `i` (0-based). */
  file(i: number, name: string, bytes: number): void {
    const size = bytes > BIG_DOCUMENT ? ` (${(bytes / 1024 / 1024).toFixed(0)} MB)` : '';
    this.#counter = this.#files > 1 ? `${i + 1}/${this.#files} ` : '';
    this.#label = `${terminalSafe(name)}${size}`;
    this.#percent = -1;
    if (this.#io.stderrIsTTY && (this.#files > 10 || bytes > BIG_DOCUMENT)) this.#line(`samlfed lint: ${this.#counter}`);
  }

  /** The onProgress option for the current file (undefined when stderr is not a terminal). */
  entityCallback(): ((done: number, total: number) => void) | undefined {
    if (!this.#io.stderrIsTTY) return undefined;
    return (done, total) => {
      if (total < MANY_ENTITIES) return;
      const percent = Math.floor((done * 100) / total);
      if (percent === this.#percent) return;
      this.#percent = percent;
      const filled = Math.round((done * BAR_WIDTH) / total);
      this.#line(`samlfed lint: ${this.#counter}[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${done}/${total} entities `);
    };
  }

  /** Erase the line, if one was drawn. */
  clear(): void {
    if (this.#shown) this.#io.stderr.write(`\r${' '.repeat(LINE_WIDTH)}\r`);
  }

  /** `head` then as much of the file name as fits (its end), within an 80-column terminal. */
  #line(head: string): void {
    this.#shown = true;
    const room = LINE_WIDTH - head.length;
    const label = this.#label.length <= room ? this.#label : `…${this.#label.slice(-(room - 1))}`;
    // Synchronous on a terminal; called from inside lintMetadata, which does not yield.
    this.#io.stderr.write(`\r${`${head}${room > 1 ? label : ''}`.padEnd(LINE_WIDTH)}`);
  }
}

