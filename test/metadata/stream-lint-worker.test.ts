/**
 * The two-thread streaming lint's worker link (src/metadata/stream/lint-worker-pipe.ts,
 * lint-worker.ts, entity-batch.ts): a batch the worker cannot replay, a worker that exits or
 * fails to start, and an entity the worker cannot read as the one-thread stream does are errors
 * or a hand-over to the tree path, never a wait without end; and the batch format round-trips.
 */
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { BatchWriter } from '../../src/metadata/stream/batch-writer.js';
import { OP, replayBatch, type BatchTarget } from '../../src/metadata/stream/entity-batch.js';
import { LintWorkerPipe } from '../../src/metadata/stream/lint-worker-pipe.js';
import type { StreamElement } from '../../src/xml/stream/events.js';

const INIT = { ruleIds: [], now: Date.parse('2026-06-15T00:00:00Z'), expiryWarningDays: 30, trustGiven: false };

function element(qname: string, uri: string, all: [string, string, string][], line = 1, column = 1): StreamElement {
  const split = (n: string) => (n.includes(':') ? [n.slice(0, n.indexOf(':')), n.slice(n.indexOf(':') + 1)] : ['', n]) as [string, string];
  const [prefix, local] = split(qname);
  return {
    qname, prefix, local, uri, line, column, attrs: [], nsDecls: [],
    all: all.map(([name, attrUri, value]) => ({ name, prefix: split(name)[0], local: split(name)[1], uri: attrUri, value })),
  };
}

describe('entity batches', () => {
  it('round-trip: every event, string, namespace and position comes back in order', () => {
    const w = new BatchWriter();
    const md = 'urn:oasis:names:tc:SAML:2.0:metadata';
    w.element(OP.CONTAINER_START, element('md:EntitiesDescriptor', md, [['xmlns:md', 'http://www.w3.org/2000/xmlns/', md]], 2, 1));
    w.element(OP.START, element('md:EntityDescriptor', md, [['entityID', '', 'https://idp.example/ é \u{1F600}'], ['xml:lang', 'http://www.w3.org/XML/1998/namespace', 'sv']], 3, 5));
    w.text('\u0001 is not XML, and strings are sent one by one', false);
    w.text('<raw & ]]', true);
    w.op(OP.END);
    w.op(OP.ENTITY_END);
    w.op(OP.CONTAINER_END);
    const batch = w.take();
    expect(batch.entities).toBe(1);
    const seen: unknown[] = [];
    const target: BatchTarget = {
      start: (op, qname, prefix, local, uri, attributes, line, column) => seen.push([op, qname, prefix, local, uri, attributes.map((a) => [a.name, a.prefix, a.local, a.uri, a.value]), line, column]),
      text: (data, cdata) => seen.push([cdata ? 'cdata' : 'text', data]),
      op: (op) => seen.push(op),
    };
    replayBatch(batch, target);
    expect(seen).toEqual([
      [OP.CONTAINER_START, 'md:EntitiesDescriptor', 'md', 'EntitiesDescriptor', md, [['xmlns:md', 'xmlns', 'md', 'http://www.w3.org/2000/xmlns/', md]], 2, 1],
      [OP.START, 'md:EntityDescriptor', 'md', 'EntityDescriptor', md, [['entityID', '', 'entityID', '', 'https://idp.example/ é \u{1F600}'], ['xml:lang', 'xml', 'lang', 'http://www.w3.org/XML/1998/namespace', 'sv']], 3, 5],
      ['text', '\u0001 is not XML, and strings are sent one by one'],
      ['cdata', '<raw & ]]'],
      OP.END,
      OP.ENTITY_END,
      OP.CONTAINER_END,
    ]);
    expect(w.take()).toMatchObject({ strings: [], entities: 0 });
  });

  it('indentation (one LF, then spaces) is sent as its number of spaces; other texts as strings', () => {
    const w = new BatchWriter();
    for (const t of ['\n    ', '\n', '\n \t', ' \n', '\n  x', '']) w.text(t, false);
    w.text('\n  ', true);
    const batch = w.take();
    expect([...batch.ops]).toEqual([OP.INDENT, 4, OP.INDENT, 0, OP.TEXT, OP.TEXT, OP.TEXT, OP.TEXT, OP.CDATA]);
    expect(batch.strings).toEqual(['\n \t', ' \n', '\n  x', '', '\n  ']);
    const seen: string[] = [];
    replayBatch(batch, { start() {}, text: (d) => void seen.push(d), op() {} });
    expect(seen).toEqual(['\n    ', '\n', '\n \t', ' \n', '\n  x', '', '\n  ']);
    expect(() => replayBatch({ ...batch, ops: Int32Array.of(OP.INDENT, -1), strings: [] }, { start() {}, text() {}, op() {} })).toThrow(/indentation out of range/);
  });

  it('a batch that does not add up is refused (TypeError), not read past its end', () => {
    const w = new BatchWriter();
    w.text('abc', false);
    const batch = w.take();
    expect(() => replayBatch({ ...batch, strings: [] }, { start() {}, text() {}, op() {} })).toThrow(TypeError);
    expect(() => replayBatch({ ...batch, strings: ['abc', 'extra'] }, { start() {}, text() {}, op() {} })).toThrow(/length mismatch/);
    expect(() => replayBatch({ ...batch, ops: Int32Array.of(99) }, { start() {}, text() {}, op() {} })).toThrow(/unknown opcode 99/);
  });
});

describe('the lint worker link never waits without end', () => {
  it('a batch the worker cannot replay: the error comes back', async () => {
    const pipe = new LintWorkerPipe(INIT);
    pipe.send({ ops: Int32Array.of(42), strings: [], uris: [''], entities: 0 });
    await expect(pipe.settle(() => {}, true)).rejects.toThrow(/lint worker: TypeError: replayBatch: unknown opcode 42/);
    await pipe.close();
  });

  // A real worker does not exit or fail to load on its own: a stand-in forces it (test-only `start`).
  it('a worker that exits while batches are unanswered: an error, not a hang', async () => {
    const pipe = new LintWorkerPipe(INIT, 4, () => new Worker('setTimeout(() => process.exit(3), 50)', { eval: true }));
    pipe.send({ ops: new Int32Array(0), strings: [], uris: [''], entities: 0 });
    await expect(pipe.settle(() => {}, true)).rejects.toThrow(/exited with code 3/);
    await pipe.close();
  });

  it('a worker whose code fails to load: an error, not a hang', async () => {
    const pipe = new LintWorkerPipe(INIT, 4, () => new Worker('throw new Error("cannot load")', { eval: true }));
    pipe.send({ ops: new Int32Array(0), strings: [], uris: [''], entities: 0 });
    await expect(pipe.settle(() => {}, true)).rejects.toThrow(/cannot load/);
    await pipe.close();
  });

  it('with at most N batches unanswered, settle returns only once the worker has caught up to N', async () => {
    const pipe = new LintWorkerPipe(INIT, 2);
    const w = new BatchWriter();
    for (let i = 0; i < 6; i++) pipe.send(w.take());
    await pipe.settle(() => {});
    expect((pipe as unknown as { sent: number; received: number }).sent - (pipe as unknown as { received: number }).received).toBeLessThanOrEqual(2);
    await pipe.settle(() => {}, true);
    expect((pipe as unknown as { received: number }).received).toBe(6);
    await pipe.close();
  });
});
