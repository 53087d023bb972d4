/**
 * The events of EntityDescriptor subtrees (and the start tags of the EntitiesDescriptors around
 * them) as one message from the parsing thread to the lint worker (lint-parallel.ts,
 * lint-worker.ts): the worker builds from them exactly the subtrees the one-thread stream builds
 * from the events themselves. There is one parse: the worker never reads XML, only these events.
 *
 * Layout: `ops` holds, per event, an opcode and integers; `strings` holds the strings of the
 * events in order (a structured clone copies each; joining them into one text first cost more);
 * namespace names are sent once per batch in `uris`.
 *   START / CONTAINER_START: line, column, prefix length, uri index, attribute count, then per
 *     attribute: prefix length, uri index. Strings: the qname, then each attribute's name and value.
 *   TEXT / CDATA: nothing. String: the data.   END / ENTITY_END / CONTAINER_END: nothing.
 *   INDENT: k, for a text of one LF and k spaces (the indentation between tags, about half of the
 *     texts of a pretty-printed aggregate), sent without a string: the worker reads each string it
 *     is sent into a new one (10k bench aggregate: 835k strings sent without this, 465k with it).
 *     Names are sent as strings: looking each up in a table costs the parsing thread more than
 *     the structured clone of the string does.
 * A prefix is the part of its qualified name before the first colon (Namespaces in XML 1.0 §3 [7]),
 * the local part the rest; a name the parser split otherwise is refused (NotStreamable).
 */
import type { StreamElement } from '../../xml/stream/events.js';
import { NotStreamable } from '../../xml/stream/reader.js';
import type { AttributeEvent } from '../../xml/tree.js';

export const OP = { START: 1, END: 2, TEXT: 3, CDATA: 4, ENTITY_END: 5, CONTAINER_START: 6, CONTAINER_END: 7, INDENT: 8 } as const;

/** One message: its events, strings and namespace names, and the number of entities it completes. */
export interface EntityBatch {
  readonly ops: Int32Array;
  readonly strings: readonly string[];
  readonly uris: readonly string[];
  readonly entities: number;
}

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

/** k when `data` is one LF and k spaces, else -1. */
function indentation(data: string): number {
  if (data.charCodeAt(0) !== 0x0a) return -1;
  for (let i = 1; i < data.length; i++) if (data.charCodeAt(i) !== 0x20) return -1;
  return data.length - 1;
}

/** The indentation texts the worker has made, by number of spaces: each is made once. */
const indents: string[] = [];
function indentText(k: number): string {
  if (!(k >= 0 && k <= 0x7fffffff)) throw new TypeError('replayBatch: indentation out of range');
  if (k < 256) return (indents[k] ??= '\n' + ' '.repeat(k));
  return '\n' + ' '.repeat(k);
}

/** The prefix length of `qname`, checked to be the split the parser made. */
function splitAt(qname: string, prefix: string, local: string): number {
  const n = prefix.length;
  if (n === 0 ? local.length !== qname.length : local.length !== qname.length - n - 1 || qname.charCodeAt(n) !== 58) throw new NotStreamable('a name split otherwise than at its first colon');
  return n;
}

/** What the worker does with the events of a batch. */
export interface BatchTarget {
  start(op: typeof OP.START | typeof OP.CONTAINER_START, qname: string, prefix: string, local: string, uri: string, attributes: readonly AttributeEvent[], line: number, column: number): void;
  text(data: string, cdata: boolean): void;
  op(op: typeof OP.END | typeof OP.ENTITY_END | typeof OP.CONTAINER_END): void;
}

const NO_ATTRIBUTES: readonly AttributeEvent[] = Object.freeze([]);

/**
 * Replay the events of `batch` into `target`, in order.
 * @throws {TypeError} when the batch is not one BatchWriter wrote (a bug, never input).
 */
export function replayBatch(batch: EntityBatch, target: BatchTarget): void {
  const { ops, strings, uris } = batch;
  let i = 0;
  let k = 0;
  const str = (): string => {
    const s = strings[k++];
    if (typeof s !== 'string') throw new TypeError('replayBatch: fewer strings than events');
    return s;
  };
  const uriAt = (x: number): string => {
    const u = uris[x];
    if (u === undefined) throw new TypeError('replayBatch: namespace index out of range');
    return u;
  };
  const prefixOf = (name: string, p: number): string => {
    if (p < 0 || p >= name.length) throw new TypeError('replayBatch: prefix length out of range');
    return p === 0 ? '' : name.slice(0, p);
  };
  while (i < ops.length) {
    const op = ops[i++]!;
    if (op === OP.START || op === OP.CONTAINER_START) {
      const line = ops[i]!;
      const column = ops[i + 1]!;
      const prefixLength = ops[i + 2]!;
      const uri = uriAt(ops[i + 3]!);
      const count = ops[i + 4]!;
      i += 5;
      const qname = str();
      const attributes: AttributeEvent[] | readonly AttributeEvent[] = count === 0 ? NO_ATTRIBUTES : new Array<AttributeEvent>(count);
      for (let a = 0; a < count; a++) {
        const name = str();
        const p = ops[i]!;
        const attrUri = uriAt(ops[i + 1]!);
        i += 2;
        const value = str();
        (attributes as AttributeEvent[])[a] = { name, prefix: prefixOf(name, p), local: p === 0 ? name : name.slice(p + 1), uri: attrUri, value };
      }
      target.start(op, qname, prefixOf(qname, prefixLength), prefixLength === 0 ? qname : qname.slice(prefixLength + 1), uri, attributes, line, column);
    } else if (op === OP.INDENT) {
      target.text(indentText(ops[i++]!), false);
    } else if (op === OP.TEXT || op === OP.CDATA) {
      target.text(str(), op === OP.CDATA);
    } else if (op === OP.END || op === OP.ENTITY_END || op === OP.CONTAINER_END) {
      target.op(op);
    } else {
      throw new TypeError(`replayBatch: unknown opcode ${op}`);
    }
  }
  if (i !== ops.length || k !== strings.length) throw new TypeError('replayBatch: batch length mismatch');
}
