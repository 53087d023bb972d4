import type { LintOptions, LintResult } from '../../src/metadata/lint/index.js';
import { lintAggregateStream, lintAggregateStreamParallel, type StreamLintOptions } from '../../src/metadata/stream/index.js';

/** A streaming lint of an aggregate, one-thread or two-thread, seen as the same (async) call. */
export type Stream = (chunks: Iterable<Uint8Array>, options?: LintOptions, streamOptions?: StreamLintOptions) => Promise<LintResult | undefined>;

/** Both streaming paths, named, for `describe.each`: every streaming case runs on both. */
export const STREAM_PATHS: [string, Stream][] = [
  ['one thread', async (c, o, s) => lintAggregateStream(c, o, s)],
  ['two threads', lintAggregateStreamParallel],
];
