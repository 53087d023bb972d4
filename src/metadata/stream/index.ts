export { lintAggregateStream, type StreamLintOptions } from './lint-stream.js';
export { countEntityTags } from './count.js';
