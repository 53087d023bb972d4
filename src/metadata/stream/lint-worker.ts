/**
 * The lint worker of the two-thread streaming lint (lint-parallel.ts): it receives the events of
 * EntityDescriptor subtrees from the parsing thread (entity-batch.ts), builds each subtree with
 * the tree builder under a skeleton of its EntitiesDescriptor ancestors (their start tags, so
 * namespaces resolve as in the whole document), lints it (entity-lint.ts) and posts back, per
 * batch, the outcome of each entity in order. It reads no XML and does no I/O.
 *
 * Messages back: `{ outcomes }` per batch; `{ fallback: true }` when an entity cannot be read the
 * way the one-thread stream reads it (a samlfed error: the caller lints with the tree path, as the
 * one-thread stream does); `{ error: { name, message } }` for anything else (a bug).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { RepeatCertificateCache } from '../../certs/repeat-cache.js';
import { isSamlfedError } from '../../errors.js';
import { SubtreeBuilder } from '../../xml/stream/build.js';
import type { Element } from '../../xml/tree.js';
import { RULE_LIST } from '../lint/rules/index.js';
import { OP, replayBatch, type BatchTarget, type EntityBatch } from './entity-batch.js';
import { entityRuleContext, lintEntity, type EntityOutcome } from './entity-lint.js';
import { keptStringsAreCopiedElsewhere } from './kept.js';

/** What the parsing thread tells the worker at start (structured-clone safe). */
export interface LintWorkerInit {
  /** Entity-scope rule ids to run, in RULE_LIST order. */
  readonly ruleIds: readonly string[];
  /** `now` in milliseconds since the epoch. */
  readonly now: number;
  readonly expiryWarningDays: number;
  readonly trustGiven: boolean;
}

export type LintWorkerReply = { readonly outcomes: EntityOutcome[] } | { readonly fallback: true } | { readonly error: { readonly name: string; readonly message: string } };

keptStringsAreCopiedElsewhere();
const init = workerData as LintWorkerInit;
const ids = new Set(init.ruleIds);
const rules = RULE_LIST.filter((r) => r.scope === 'entity' && ids.has(r.id));
const ctx = entityRuleContext(new Date(init.now), init.expiryWarningDays, init.trustGiven);
const certificates = new RepeatCertificateCache();
const builder = new SubtreeBuilder();
/** The open EntitiesDescriptors (the root first), then the entity being built and its open descendants. */
const containers: Element[] = [];
let entity: Element | undefined;
let outcomes: EntityOutcome[] = [];

const target: BatchTarget = {
  start(op, qname, prefix, local, uri, attributes, line, column) {
    const el = builder.startParts(qname, prefix, local, uri, attributes, line, column);
    if (op === OP.CONTAINER_START) containers.push(el);
    else if (entity === undefined) entity = el;
  },
  text(data, cdata) {
    if (cdata) builder.cdata(data);
    else builder.text(data);
  },
  op(op) {
    if (op === OP.END) {
      builder.end();
    } else if (op === OP.ENTITY_END) {
      builder.end();
      const dom = entity!;
      entity = undefined;
      outcomes.push(lintEntity(dom, rules, ctx, certificates));
      builder.detach(dom);
    } else {
      builder.end();
      builder.detach(containers.pop()!);
    }
  },
};

// A batch that cannot be deserialized is answered all the same (the parsing thread waits for each).
parentPort!.on('messageerror', (e) => {
  outcomes = [];
  parentPort!.postMessage({ error: { name: e.name, message: `a batch could not be read: ${e.message}` } } satisfies LintWorkerReply);
});

parentPort!.on('message', (batch: EntityBatch) => {
  let reply: LintWorkerReply;
  try {
    replayBatch(batch, target);
    reply = { outcomes };
  } catch (e) {
    // NotStreamable is thrown by the parsing thread only (the reader, the walker, the batch writer):
    // nothing here reads XML, and importing it would load the reader and saxes (entity-batch.ts).
    reply = isSamlfedError(e) ? { fallback: true } : { error: { name: e instanceof Error ? e.name : 'Error', message: e instanceof Error ? e.message : String(e) } };
  }
  outcomes = [];
  parentPort!.postMessage(reply);
});
