/**
 * Attack on the two-thread streaming lint (src/metadata/stream/lint-parallel.ts): a library caller
 * hands the whole aggregate as ONE chunk. The parser must still wait for the worker every so often
 * (at most the pipe's batches in flight unanswered, plus what one 64 KiB piece of input completes),
 * not post every batch of the document before the first reply comes back (memory growing with the
 * input).
 * The spy only counts Worker.postMessage calls; the real worker runs.
 */
import { Worker } from 'node:worker_threads';
import { afterEach, expect, it, vi } from 'vitest';
import { lintMetadata } from '../../src/metadata/lint/index.js';
import { lintAggregateStreamParallel } from '../../src/metadata/stream/index.js';

const NOW = new Date('2026-06-15T00:00:00Z');
const ent = (i: number): string =>
  `<EntityDescriptor entityID="https://e${i}.example/"><SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">` +
  `<AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://e${i}.example/acs" index="0"/></SPSSODescriptor></EntityDescriptor>`;

afterEach(() => {
  vi.restoreAllMocks();
});

it('one chunk of 12,000 entities: batches are sent as the worker answers, not all before its first reply', async () => {
  const n = 12_000;
  const bytes = Buffer.from(`<EntitiesDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata">${Array.from({ length: n }, (_, i) => ent(i)).join('\n')}</EntitiesDescriptor>`);
  let placed = 0;
  const placedAtSend: number[] = [];
  const post = Worker.prototype.postMessage;
  vi.spyOn(Worker.prototype, 'postMessage').mockImplementation(function (this: Worker, ...args: Parameters<Worker['postMessage']>) {
    placedAtSend.push(placed);
    return post.apply(this, args);
  });
  const result = await lintAggregateStreamParallel([bytes], { now: NOW, onProgress: (done) => (placed = done) }, { expectedEntities: n });
  expect(result).toEqual(lintMetadata(bytes, { now: NOW }));
  expect(placedAtSend.length).toBeGreaterThan(700); // 750 batches of 16 entities
  // Before the fix every batch was posted before any entity came back (all sends with 0 placed).
  // Bounded: the batches in flight (32, MAX_IN_FLIGHT in lint-parallel.ts) + what one 64 KiB piece
  // of input completes (~13 batches of 16 of these ~330-byte entities), before the first reply and
  // after it.
  const sentBeforeFirstReply = placedAtSend.filter((p) => p === 0).length;
  expect(sentBeforeFirstReply).toBeLessThanOrEqual(32 + 20);
  const inFlightAtSend = placedAtSend.map((p, i) => i + 1 - Math.floor(p / 16));
  expect(Math.max(...inFlightAtSend)).toBeLessThanOrEqual(32 + 20);
});
