export type * from './model.js';
export * from './lint/index.js';
