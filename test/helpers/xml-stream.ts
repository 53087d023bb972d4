/** Feeding the stream reader (src/xml/stream/reader.ts) in tests: bytes cut into chunks of a fixed size. */
import { ExcC14nStream } from '../../src/xml/stream/c14n-stream.js';
import { readXmlStream, type XmlStreamHandler } from '../../src/xml/stream/reader.js';
import type { XmlLimits } from '../../src/xml/parse.js';
import type { StreamElement } from '../../src/xml/stream/events.js';

/** `bytes` in consecutive slices of `size` (UTF-8 sequences, CR LF pairs, names and values split). */
export function* chunked(bytes: Uint8Array, size: number): Generator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

const none = (): void => {};
/** A handler that drops every event. */
export const IGNORE_EVENTS: XmlStreamHandler = { startElement: none, endElement: none, text: none, pi: none };

/** Read `xml` with the stream reader in chunks of `size` bytes, dropping the events (its errors are thrown). */
export function readInChunks(xml: string | Uint8Array, size: number, limits?: XmlLimits): void {
  readXmlStream(chunked(typeof xml === 'string' ? new TextEncoder().encode(xml) : xml, size), IGNORE_EVENTS, limits);
}

/**
 * The stream reader's events as lines, text merged between markup (the parser may split it
 * anywhere): start tags as `startTag` writes them, end tags, CDATA, PIs. `onText` sees each text
 * event as reported (its `plain` flag included), and may add a line. Errors are thrown, after the
 * events before them have been recorded in `out`.
 */
export function recordStreamEvents(
  chunks: Iterable<Uint8Array>,
  startTag: (el: StreamElement, depth: number) => string,
  out: string[] = [],
  onText?: (data: string, plain: boolean, out: string[]) => void,
): string[] {
  let text = '';
  const flush = (): void => {
    if (text !== '') out.push(`text ${JSON.stringify(text)}`);
    text = '';
  };
  try {
    readXmlStream(chunks, {
      startElement(el, depth) {
        flush();
        out.push(startTag(el, depth));
      },
      endElement(el, depth) {
        flush();
        out.push(`</${el.qname} ${depth}`);
      },
      text(data, _depth, cdata, plain) {
        onText?.(data, plain, out);
        if (cdata) {
          flush();
          out.push(`cdata ${JSON.stringify(data)}`);
        } else text += data;
      },
      pi(target, data, depth) {
        flush();
        out.push(`pi ${target} ${JSON.stringify(data)} ${depth}`);
      },
    });
  } finally {
    flush();
  }
  return out;
}

/** The streamed exclusive c14n of the document element (the root digest's canonicalizer), fed in `chunk`-byte chunks. */
export function streamedExcC14n(xml: string, prefixList: readonly string[] | undefined, chunk: number): string {
  let out = '';
  const c14n = new ExcC14nStream((s) => (out += s), prefixList);
  readXmlStream(chunked(new TextEncoder().encode(xml), chunk), {
    startElement: (el) => c14n.start(el),
    endElement: (el) => c14n.end(el),
    text: (data, depth) => {
      if (depth >= 1) c14n.text(data);
    },
    pi: () => {},
  });
  return out;
}
