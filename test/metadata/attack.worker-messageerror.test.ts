/**
 * Attack on the lint worker link (src/metadata/stream/lint-worker-pipe.ts): a message that fails to
 * deserialize is not delivered; Node emits 'messageerror' instead. The parsing thread waits for a
 * reply per batch, so a lost reply was a wait without end. Now it is an error (and the worker
 * answers a batch it cannot read with an error reply). A real reply never fails to deserialize:
 * a worker that swallows batches stands in, and the event is emitted on it.
 */
import { Worker } from 'node:worker_threads';
import { expect, it } from 'vitest';
import { LintWorkerPipe } from '../../src/metadata/stream/lint-worker-pipe.js';

const INIT = { ruleIds: [], now: Date.parse('2026-06-15T00:00:00Z'), expiryWarningDays: 30, trustGiven: false };

it('a reply that cannot be deserialized (messageerror): an error, not a hang', async () => {
  let worker: Worker | undefined;
  const pipe = new LintWorkerPipe(INIT, 4, () => (worker = new Worker('require("node:worker_threads").parentPort.on("message", () => {})', { eval: true })));
  pipe.send({ ops: new Int32Array(0), strings: [], uris: [''], entities: 0 });
  const settled = pipe.settle(() => {}, true);
  setTimeout(() => worker!.emit('messageerror', new Error('cannot deserialize')), 20);
  await expect(settled).rejects.toThrow(/reply could not be read: cannot deserialize/);
  await pipe.close();
}, 5000);
