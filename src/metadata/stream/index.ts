export { lintAggregateStream, type StreamLintOptions } from './lint-stream.js';
export { countEntityTags } from './count.js';
export { lintAggregateStreamParallel } from './lint-parallel.js';
