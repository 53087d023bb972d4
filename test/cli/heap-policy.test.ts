import { getHeapSpaceStatistics } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { withYoungGenerationCap } from '../../src/cli/heap-policy.js';

describe('withYoungGenerationCap', () => {
  it('yields the same chunks, in order', () => {
    const chunks = [new Uint8Array([1]), new Uint8Array([2, 3]), new Uint8Array(0)];
    expect([...withYoungGenerationCap(chunks)]).toEqual(chunks);
  });

  it('closes the source when the reader stops early (the file descriptor of fileChunks)', () => {
    let closed = false;
    function* source(): Generator<number> {
      try {
        yield 1;
        yield 2;
        yield 3;
      } finally {
        closed = true;
      }
    }
    for (const n of withYoungGenerationCap(source())) if (n === 2) break;
    expect(closed).toBe(true);
  });

  it('finds the young generation it watches in this V8', () => {
    // If V8 renames the space, the cap silently does nothing: this says so.
    expect(getHeapSpaceStatistics().some((s) => s.space_name === 'new_space')).toBe(true);
  });
});
