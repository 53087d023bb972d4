import { closeSync, openSync, readSync } from 'node:fs';

/**
 * The bytes of a file as chunks, read synchronously one at a time (at most `limit` bytes in all),
 * for the streaming lint of large aggregates: only one chunk is in memory at a time.
 * The file is closed when the iteration ends, normally or not.
 *
 * ONE buffer is reused for every chunk: a chunk's bytes are valid only until the next one is asked
 * for (the stream reader and countEntityTags decode each chunk before asking for the next). A fresh
 * 64 KiB buffer per chunk left its memory to the collector (ArrayBuffers outside the V8 heap, freed
 * only when their wrappers are collected): 5-18 MB of them were waiting at 50k entities.
 * 64 KiB chunks: their decoded strings stay in V8's young generation and die there (1 MiB chunks
 * went to the large-object space, where they waited for full collections: peak RSS 149 MB instead
 * of 110 MB on the 10k-entity bench input).
 */
export function* fileChunks(path: string, limit: number, chunkSize = 1 << 16): Generator<Uint8Array> {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(chunkSize);
    let total = 0;
    while (total < limit) {
      const n = readSync(fd, buf, 0, Math.min(chunkSize, limit - total), null);
      if (n === 0) return;
      total += n;
      yield buf.subarray(0, n);
    }
  } finally {
    closeSync(fd);
  }
}
