import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** ../shared/corpus beside the project root (override with SAMLFED_CORPUS). */
export const CORPUS_DIR = resolve(process.env.SAMLFED_CORPUS ?? join(import.meta.dirname, '..', '..', 'shared', 'corpus'));

if (!existsSync(join(CORPUS_DIR, 'README.md'))) {
  // Fail loudly: the corpus tests must never pass by skipping.
  throw new Error(`The real-world corpus was not found at ${CORPUS_DIR}. Put ../shared/corpus beside the project root (or set SAMLFED_CORPUS).`);
}

export function corpusPath(...parts: string[]): string {
  return join(CORPUS_DIR, ...parts);
}

export function corpusFile(...parts: string[]): Buffer {
  return readFileSync(corpusPath(...parts));
}
