/**
 * Streaming lint of an md:EntitiesDescriptor aggregate in two threads: this one reads the bytes
 * once with the hardened event parser (src/xml/stream/reader.ts), keeps the document's structure
 * and streams the root's exclusive c14n into its digest (walker.ts, root-digest.ts), and sends the
 * events of each EntityDescriptor subtree to a worker thread (entity-batch.ts) that builds, reads
 * and lints it (lint-worker.ts). The signature is checked on the event stream the entities are
 * built from: one parse, no second parser, and the worker reads no XML.
 *
 * Same result as `lintAggregateStream` (and so `lintMetadata`): same findings, order, messages
 * and positions (test/metadata/stream-lint.test.ts runs every case on both paths), and `undefined` in the same cases.
 * It pays when there are many entities: on two cores the parsing side and the entity side each take
 * about half of the work (bench/README.md). A failing worker is an error, never a hang.
 */
import { isSamlfedError } from '../../errors.js';
import { NotStreamable, XmlStreamReader } from '../../xml/stream/reader.js';
import type { LintOptions, LintResult } from '../lint/types.js';
import { finishAggregate, NO_PLACE } from './collect.js';
import { PendingPlaces } from './pending-places.js';
import { BatchWriter } from './batch-writer.js';
import { OP } from './entity-batch.js';
import type { EntityOutcome } from './entity-lint.js';
import { groupChildOfClone, type MutableGroup } from './kept.js';
import type { StreamElement } from '../../xml/stream/events.js';
import { limitsOf } from '../lint/lint.js';
import { documentSettings, progressCollector, type StreamLintOptions } from './lint-stream.js';
import { LintWorkerPipe, WorkerFallback } from './lint-worker-pipe.js';
import { AggregateWalker, type EntityChannel } from './walker.js';

/**
 * A batch goes to the worker once it completes this many entities or holds this many characters.
 * Small because the batch being replayed is live at each of the worker's young collections (its
 * strings are copied by every scavenge it spans): with the worker's 2 MiB semi-spaces
 * (lint-worker-pipe.ts), 64 entities per batch took ~1.6x the worker's scavenge pause time of 16
 * (10k entities: 536 vs 327 ms, same loaded machine), and 16 cost no measurable CPU or wall time
 * in messages (10k, six alternating runs against 64: bench/README.md, "Lint memory").
 */
const BATCH_ENTITIES = 16;
const BATCH_CHARS = 1 << 16;
/** Bytes parsed between two waits for the worker (the CLI's chunk size: src/cli/read-chunks.ts). */
const PIECE = 1 << 16;

/**
 * Batches the parser may run ahead of the worker: 32 of at most 16 entities or 64K characters,
 * about 500 entities (~1.2 MB of events at the bench's 2.4 KB per entity), 2M characters at most
 * (plus one entity larger than that). Under load the worker is the slower thread and a longer queue
 * only holds more events (48 batches of 64 entities, ~3,000: 3-5 MB more peak RSS at 50k). Letting
 * the parser run ~3,000 entities ahead until the worker's first reply, so that it would not wait
 * while the worker starts (session 15 saw a ~0.1 s wait at 10k with ~1,000), showed no wall-time
 * difference (10k, eight alternating pairs at load ~2.7: 1.19-1.33 s vs 1.23-1.29 s when the second
 * core was free) and cost 3-8 MB at 50k: the start-up queue's messages stay resident in malloc's
 * arena. Measured 2026-12-02 (bench/README.md, "Lint memory, two threads"). On a quiet machine the
 * parsing thread does wait ~0.15 s for the still-cold worker at this limit; 96 or 192 in flight
 * gained ~30 ms at 10k (0.92-0.99 s vs 0.98-1.01 s) for +3 to +6 MB at 50k, and memory is the
 * tighter of issue 10's targets (bench/README.md, 06:20 figures).
 */
const MAX_IN_FLIGHT = 32;

/** Placeholder of an entity whose stub is not back from the worker yet. */
const PENDING = Object.freeze({}) as MutableGroup;

/**
 * Lint an EntitiesDescriptor aggregate read from `chunks` (its bytes, in order), streaming, with
 * the entities linted in a worker thread.
 *
 * @returns the same result as `lintAggregateStream`, or `undefined` when the input must be linted
 *   with `lintMetadata` instead.
 * @throws {TypeError} for the caller mistakes `lintMetadata` refuses; an Error when the worker fails.
 */
export async function lintAggregateStreamParallel(chunks: Iterable<Uint8Array>, options: LintOptions = {}, streamOptions: StreamLintOptions = {}): Promise<LintResult | undefined> {
  const doc = documentSettings(options);
  const collector = progressCollector(options, streamOptions);
  const pipe = new LintWorkerPipe({
    ruleIds: doc.rules.filter((r) => r.scope === 'entity').map((r) => r.id),
    now: doc.now.getTime(),
    expiryWarningDays: doc.expiryWarningDays,
    trustGiven: doc.trustGiven,
  }, MAX_IN_FLIGHT);
  const writer = new BatchWriter();
  const pending = new PendingPlaces();
  const place = (o: EntityOutcome): void => {
    const { group, slot } = pending.shift();
    collector.add(o, group, slot, groupChildOfClone(o.stub));
  };
  // Whether the current entity's start tag or one of its children's (its roles') has a validUntil
  // attribute: only then is a place kept for it in its group's children, in document order among
  // the nested groups (the document rules read validUntil there: kept.ts groupChild). Any
  // namespace counts: a superset of what the entity's reader takes (read-entity.ts, read-role.ts).
  let depth = 0;
  let validity = false;
  const channel: EntityChannel = {
    // Groups without entities (hostile or not) must not pile up in one batch either.
    containerStart(el) {
      writer.element(OP.CONTAINER_START, el);
      if (writer.size >= BATCH_CHARS) pipe.send(writer.take());
    },
    containerEnd() {
      writer.op(OP.CONTAINER_END);
      if (writer.size >= BATCH_CHARS) pipe.send(writer.take());
    },
    entityStart(el) {
      depth = 0;
      validity = hasValidUntil(el);
      writer.element(OP.START, el);
    },
    start(el) {
      if (++depth === 1 && !validity) validity = hasValidUntil(el);
      writer.element(OP.START, el);
    },
    end() {
      depth--;
      writer.op(OP.END);
    },
    text: (data, cdata) => writer.text(data, cdata),
    entityEnd(group) {
      writer.op(OP.ENTITY_END);
      if (validity) {
        pending.push(group, group.children.length);
        group.children.push(PENDING);
      } else {
        pending.push(group, NO_PLACE);
      }
      if (writer.entities >= BATCH_ENTITIES || writer.size >= BATCH_CHARS) pipe.send(writer.take());
    },
  };
  const walker = new AggregateWalker(channel);
  try {
    const reader = new XmlStreamReader(walker, limitsOf(options));
    for (const chunk of chunks) {
      // A caller's chunk may be the whole document: it is parsed in pieces, with a wait for the
      // worker after each, or every batch of it would be sent at once (no bound on memory).
      for (let i = 0; i < chunk.byteLength; i += PIECE) {
        reader.write(chunk.byteLength <= PIECE ? chunk : chunk.subarray(i, i + PIECE));
        await pipe.settle(place);
      }
    }
    reader.end();
    pipe.send(writer.take());
    await pipe.settle(place, true);
  } catch (e) {
    await pipe.close();
    if (e instanceof NotStreamable || e instanceof WorkerFallback || isSamlfedError(e)) return undefined;
    throw e;
  }
  const closed = pipe.close(); // while the signature and the document rules are checked
  try {
    return finishAggregate(walker, collector, doc);
  } finally {
    await closed;
  }
}

/** Whether `el` has an attribute named validUntil (in any namespace). */
function hasValidUntil(el: StreamElement): boolean {
  for (const a of el.attrs) if (a.local === 'validUntil') return true;
  return false;
}
