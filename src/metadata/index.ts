export type * from './model.js';
export * from './lint/index.js';
export type { TrustAnchors } from './trust.js';
