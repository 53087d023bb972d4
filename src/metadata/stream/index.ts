export { lintAggregateStream, countEntityTags, type StreamLintOptions } from './lint-stream.js';
