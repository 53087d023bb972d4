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
 *
 * The writer (the parsing thread's side) is in batch-writer.ts: this file is what the worker loads,
 * and it imports nothing from the XML reader. Through the reader the worker would load saxes, a
 * CommonJS package, whose ESM import runs cjs-module-lexer in the worker's isolate: +8.4 MB RSS
 * (an idle worker importing saxes: 60.6 MB vs 52.2 MB; measured 2026-12-02, Node 20.20) for a
 * thread that reads no XML.
 */
import type { AttributeEvent } from '../../xml/tree.js';

export const OP = { START: 1, END: 2, TEXT: 3, CDATA: 4, ENTITY_END: 5, CONTAINER_START: 6, CONTAINER_END: 7, INDENT: 8 } as const;

/** One message: its events, strings and namespace names, and the number of entities it completes. */
export interface EntityBatch {
  readonly ops: Int32Array;
  readonly strings: readonly string[];
  readonly uris: readonly string[];
  readonly entities: number;
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

/** The indentation texts the worker has made, by number of spaces: each is made once. */
const indents: string[] = [];
function indentText(k: number): string {
  if (!(k >= 0 && k <= 0x7fffffff)) throw new TypeError('replayBatch: indentation out of range');
  if (k < 256) return (indents[k] ??= '\n' + ' '.repeat(k));
  return '\n' + ' '.repeat(k);
}
