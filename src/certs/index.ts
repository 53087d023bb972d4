export type { Certificate, KeyInfo } from './types.js';
