import type { CliIo } from './io.js';
import type { StepEvent } from '../onboard/index.js';
import { terminalSafe } from '../metadata/lint/format/text.js';

const FRAMES = ['|', '/', '-', '\\'];

/**
 * `samlfed onboard apply` progress on stderr: one line per step when it ends (`[3/9] label: done`),
 * a line per retry; on a terminal, a spinner on the running step's line, redrawn with `\r`.
 */
export class StepProgress {
  #timer: NodeJS.Timeout | undefined;
  #frame = 0;
  #line = '';
  constructor(private readonly io: CliIo, private readonly verb: string) {}

  event(e: StepEvent): void {
    const head = `[${e.index}/${e.total}] ${terminalSafe(e.label)}`;
    if (e.status === 'start') {
      if (!this.io.stderrIsTTY) return;
      this.#line = head;
      this.#draw();
      this.#timer ??= setInterval(() => this.#draw(), 120);
      this.#timer.unref();
      return;
    }
    this.#clear();
    if (e.status !== 'retry') this.#line = '';
    const why = e.error instanceof Error ? `${'code' in e.error ? `${String((e.error as { code: unknown }).code)}: ` : ''}${e.error.message}` : '';
    const text = e.status === 'retry' ? `${head}: ${why}; re-reading the tenant` : e.status === 'failed' ? `${head}: FAILED: ${why}` : `${head}: ${e.status === 'already' ? 'already in place' : e.status === 'planned' ? (e.note ?? 'request shown below') : 'done'}`;
    this.io.stderr.write(`samlfed onboard ${this.verb}: ${terminalSafe(text.replace(/\n/g, ' '))}\n`);
    if (e.status === 'retry' && this.io.stderrIsTTY) this.#draw();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    this.#clear();
  }

  #draw(): void {
    if (!this.#line) return;
    this.io.stderr.write(`\r${FRAMES[this.#frame++ % FRAMES.length]} ${this.#line.slice(0, 76)}\x1b[K`);
  }

  #clear(): void {
    if (this.io.stderrIsTTY && this.#line) this.io.stderr.write('\r\x1b[K');
  }
}
