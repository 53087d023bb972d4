/** Feeding the stream reader (src/xml/stream/reader.ts) in tests: bytes cut into chunks of a fixed size. */
import { readXmlStream, type XmlStreamHandler } from '../../src/xml/stream/reader.js';
import type { XmlLimits } from '../../src/xml/parse.js';

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
