/** Progress total for the streaming lint (src/metadata/stream). */

const ENTITY_TAG = /<(?:[^\s<>/:!?]+:)?EntityDescriptor[\s>/]/g;

/**
 * The number of EntityDescriptor start tags in `chunks`, by a text scan (a commented-out one is
 * counted too): the progress total of `lintAggregateStream`, an estimate, never a lint input.
 */
export function countEntityTags(chunks: Iterable<Uint8Array>): number {
  let n = 0;
  let carry = '';
  for (const chunk of chunks) {
    // latin1 keeps one character per byte: the tag names are ASCII, offsets stay byte offsets.
    const text = carry + Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('latin1');
    ENTITY_TAG.lastIndex = 0;
    let last = 0;
    for (let m = ENTITY_TAG.exec(text); m !== null; m = ENTITY_TAG.exec(text)) {
      n++;
      last = m.index + m[0].length;
    }
    // Keep a tail that may hold the start of a tag split across chunks (never one already counted).
    carry = text.slice(Math.max(last, text.length - 256));
  }
  return n;
}
