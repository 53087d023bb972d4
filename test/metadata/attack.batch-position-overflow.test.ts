/**
 * Attack on the entity batches of the two-thread lint (src/metadata/stream/entity-batch.ts): lines
 * and columns travel in an Int32Array. A caller may raise maxBytes past 2 GiB, and the stream
 * reader counts positions without bound: a column past 2^31 - 1 (one line of 2 GiB) came back from
 * the worker negative, in the findings. Such an element is now refused (NotStreamable: the
 * document is not streamed in two threads). A 2 GiB document cannot be made in a test: the
 * element event carries the position the reader would report.
 */
import { expect, it } from 'vitest';
import { BatchWriter } from '../../src/metadata/stream/batch-writer.js';
import { OP, replayBatch } from '../../src/metadata/stream/entity-batch.js';
import { NotStreamable } from '../../src/xml/stream/reader.js';
import type { StreamElement } from '../../src/xml/stream/events.js';

const at = (line: number, column: number): StreamElement => ({ qname: 'md:EntityDescriptor', prefix: 'md', local: 'EntityDescriptor', uri: 'urn:oasis:names:tc:SAML:2.0:metadata', attrs: [], all: [], nsDecls: [], line, column });

it('a position up to 2^31 - 1 comes back exactly; past it the element is refused, never sent wrapped', () => {
  const w = new BatchWriter();
  w.element(OP.START, at(0x7fffffff, 0x7fffffff));
  const seen: number[][] = [];
  replayBatch(w.take(), { start: (_op, _q, _p, _l, _u, _a, line, column) => seen.push([line, column]), text() {}, op() {} });
  expect(seen).toEqual([[0x7fffffff, 0x7fffffff]]);
  expect(() => w.element(OP.START, at(1, 2 ** 31 + 5))).toThrow(NotStreamable); // was: column -2147483643
  expect(() => w.element(OP.START, at(2 ** 32, 1))).toThrow(NotStreamable); // was: line 0
});
