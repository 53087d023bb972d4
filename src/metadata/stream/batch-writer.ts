/**
 * The parsing thread's side of the entity batches (entity-batch.ts has the layout, the opcodes and
 * the worker's replay): collects the events of EntityDescriptor subtrees into one message for the
 * lint worker (lint-parallel.ts). Apart from entity-batch.ts so that the worker does not load the
 * XML reader (see there).
 */
import type { StreamElement } from '../../xml/stream/events.js';
import { NotStreamable } from '../../xml/stream/reader.js';
import { OP, type EntityBatch } from './entity-batch.js';

/** Collects events into batches (the parsing thread). */
export class BatchWriter {
  private ops = new Int32Array(1 << 14);
  private n = 0;
  private strings: string[] = [];
  private chars = 0;
  private uris: string[] = [''];
  private uriIndex = new Map<string, number>([['', 0]]);
  /** The last namespace name looked up and its index (most elements of a batch share one). */
  private lastUri = '';
  private lastIndex = 0;
  /** Entities completed in the batch being written. */
  entities = 0;

  /** Characters of strings in the batch being written. */
  get size(): number {
    return this.chars;
  }

  element(op: typeof OP.START | typeof OP.CONTAINER_START, el: StreamElement): void {
    const all = el.all;
    const count = all.length;
    const qname = el.qname;
    // Positions travel as 32-bit integers: a line or column past 2^31 - 1 (a caller's maxBytes over
    // 2 GiB) would come back negative. Such a document is not streamed in two threads.
    if (el.line > 0x7fffffff || el.column > 0x7fffffff) throw new NotStreamable('a position past 2^31 - 1');
    this.room(6 + 2 * count);
    const ops = this.ops;
    let n = this.n;
    ops[n] = op;
    ops[n + 1] = el.line;
    ops[n + 2] = el.column;
    ops[n + 3] = splitAt(qname, el.prefix, el.local);
    ops[n + 4] = this.uri(el.uri);
    ops[n + 5] = count;
    n += 6;
    const strings = this.strings;
    strings.push(qname);
    let chars = qname.length;
    for (let i = 0; i < count; i++) {
      const a = all[i]!;
      const name = a.name;
      const value = a.value;
      ops[n] = splitAt(name, a.prefix, a.local);
      ops[n + 1] = a.uri === '' ? 0 : this.uri(a.uri);
      n += 2;
      strings.push(name, value);
      chars += name.length + value.length;
    }
    this.n = n;
    this.chars += chars;
  }

  text(data: string, cdata: boolean): void {
    this.room(2);
    const spaces = cdata ? -1 : indentation(data);
    if (spaces !== -1) {
      // entity-batch.ts: INDENT.
      this.ops[this.n] = OP.INDENT;
      this.ops[this.n + 1] = spaces;
      this.n += 2;
    } else {
      this.ops[this.n++] = cdata ? OP.CDATA : OP.TEXT;
      this.strings.push(data);
    }
    this.chars += data.length;
  }

  op(op: typeof OP.END | typeof OP.ENTITY_END | typeof OP.CONTAINER_END): void {
    this.room(1);
    this.ops[this.n++] = op;
    if (op === OP.ENTITY_END) this.entities++;
  }

  /** The batch written so far (possibly empty), and a fresh one started. */
  take(): EntityBatch {
    const batch: EntityBatch = { ops: this.ops.slice(0, this.n), strings: this.strings, uris: this.uris, entities: this.entities };
    this.n = 0;
    this.strings = [];
    this.chars = 0;
    this.uris = [''];
    this.uriIndex = new Map([['', 0]]);
    this.lastUri = '';
    this.lastIndex = 0;
    this.entities = 0;
    return batch;
  }

  private room(k: number): void {
    if (this.n + k <= this.ops.length) return;
    let size = this.ops.length * 2;
    while (size < this.n + k) size *= 2;
    const grown = new Int32Array(size);
    grown.set(this.ops.subarray(0, this.n));
    this.ops = grown;
  }

  private uri(uri: string): number {
    if (uri === this.lastUri) return this.lastIndex;
    let i = this.uriIndex.get(uri);
    if (i === undefined) {
      i = this.uris.length;
      this.uris.push(uri);
      this.uriIndex.set(uri, i);
    }
    this.lastUri = uri;
    this.lastIndex = i;
    return i;
  }
}

/** The prefix length of `qname`, checked to be the split the parser made. */
function splitAt(qname: string, prefix: string, local: string): number {
  const n = prefix.length;
  if (n === 0 ? local.length !== qname.length : local.length !== qname.length - n - 1 || qname.charCodeAt(n) !== 58) throw new NotStreamable('a name split otherwise than at its first colon');
  return n;
}

/** k when `data` is one LF and k spaces, else -1. */
function indentation(data: string): number {
  if (data.charCodeAt(0) !== 0x0a) return -1;
  for (let i = 1; i < data.length; i++) if (data.charCodeAt(i) !== 0x20) return -1;
  return data.length - 1;
}
