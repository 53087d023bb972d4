/**
 * The parsing thread's end of the lint worker (lint-worker.ts): batches go out in order, replies
 * come back in order, at most `maxInFlight` batches are unanswered (the parser waits, so memory
 * stays bounded whichever thread is slower), and a worker that fails or exits is an error, never a
 * wait without end.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { EntityBatch } from './entity-batch.js';
import type { EntityOutcome } from './entity-lint.js';
import type { LintWorkerInit, LintWorkerReply } from './lint-worker.js';

/**
 * The semi-space size (MiB) of the worker's young generation: V8 is kept from growing it past this
 * (`resourceLimits.maxYoungGenerationSizeMb`, three semi-spaces' worth on Node 20: two semi-spaces
 * plus the young large-object space), and the CLI has it start there (src/cli/heap-policy.ts).
 *
 * Why 2 and not V8's 8-16: each semi-space is resident twice (from- and to-space) for the whole
 * run, and the worker's garbage is short-lived (one entity's tree at a time, the batch being
 * replayed): 50k entities, two threads, 8 -> 2 MiB: peak RSS -10 to -12 MB, scavenges 222 -> ~890,
 * each copying what is live (the batch: why batches are small, lint-parallel.ts). Measured
 * 2026-12-02 on the bench's 2-core machine (bench/README.md, "Lint memory").
 */
export const LINT_WORKER_SEMI_SPACE_MIB = 2;

/** The worker's entity lint met what the one-thread stream hands to the tree path. */
export class WorkerFallback extends Error {}

export class LintWorkerPipe {
  private readonly worker: Worker;
  private readonly replies: LintWorkerReply[] = [];
  private sent = 0;
  private received = 0;
  private failed: Error | undefined;
  private wake: (() => void) | undefined;

  /** `start` starts the worker (tests give another to force what the real one never does). */
  constructor(init: LintWorkerInit, private readonly maxInFlight = 4, start: (init: LintWorkerInit) => Worker = startWorker) {
    this.worker = start(init);
    this.worker.on('message', (m: LintWorkerReply) => {
      this.replies.push(m);
      this.wakeUp();
    });
    this.worker.on('error', (e) => this.fail(e));
    // A reply that cannot be deserialized is lost: its batch would be waited for without end.
    this.worker.on('messageerror', (e) => this.fail(new Error(`the lint worker's reply could not be read: ${e.message}`)));
    this.worker.on('exit', (code) => this.fail(new Error(`the lint worker exited with code ${code}`)));
  }

  /** Send one batch (its `ops` buffer is transferred, not copied). */
  send(batch: EntityBatch): void {
    if (this.failed) throw this.failed;
    this.worker.postMessage(batch, [batch.ops.buffer as ArrayBuffer]);
    this.sent++;
  }

  /** Hand every reply received so far to `place`, in order. @throws WorkerFallback, or the worker's failure. */
  drain(place: (o: EntityOutcome) => void): void {
    while (this.replies.length > 0) {
      const r = this.replies.shift()!;
      this.received++;
      if ('fallback' in r) throw new WorkerFallback();
      if ('error' in r) throw new Error(`lint worker: ${r.error.name}: ${r.error.message}`);
      for (const o of r.outcomes) place(o);
    }
    if (this.failed) throw this.failed;
  }

  /** Wait while more than `maxInFlight` batches are unanswered (all of them when `all`), placing replies. */
  async settle(place: (o: EntityOutcome) => void, all = false): Promise<void> {
    this.drain(place);
    const limit = all ? 0 : this.maxInFlight;
    while (this.sent - this.received > limit) {
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        if (this.replies.length > 0 || this.failed) this.wakeUp();
      });
      this.drain(place);
    }
  }

  /** Stop the worker (whether it finished or not). */
  async close(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }

  private fail(e: Error): void {
    this.failed ??= e;
    this.wakeUp();
  }

  private wakeUp(): void {
    const w = this.wake;
    this.wake = undefined;
    w?.();
  }
}

/**
 * The worker runs lint-worker.js beside this module. Run from the TypeScript sources (the tests),
 * Node cannot load lint-worker.ts itself: it is bundled once per process with esbuild (a
 * devDependency, the compiler vitest uses too) and run as an evaluated script.
 */
function startWorker(init: LintWorkerInit): Worker {
  const here = import.meta.url;
  const resourceLimits = { maxYoungGenerationSizeMb: 3 * LINT_WORKER_SEMI_SPACE_MIB };
  if (!here.endsWith('.ts')) return new Worker(new URL('./lint-worker.js', here), { workerData: init, resourceLimits });
  bundled ??= bundleWorkerSource(fileURLToPath(new URL('./lint-worker.ts', here)));
  return new Worker(bundled, { eval: true, workerData: init, resourceLimits });
}

let bundled: string | undefined;

function bundleWorkerSource(entry: string): string {
  const esbuild = createRequire(import.meta.url)('esbuild') as typeof import('esbuild');
  const out = esbuild.buildSync({ entryPoints: [entry], bundle: true, format: 'cjs', platform: 'node', target: 'node20', write: false, packages: 'external', logLevel: 'error' });
  // A function scope: top-level declarations of an evaluated script would meet globals (crypto).
  return `(function () {\n${out.outputFiles[0]!.text}\n})();`;
}
