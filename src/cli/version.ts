import { createRequire } from 'node:module';

/**
 * samlfed's version, from package.json. This module sits two folders below package.json in each form
 * the CLI runs from: src/cli (tsx), dist/cli (tsc) and dist/bin (the bundled bin, whose chunks hold
 * this code; scripts/build-bin.mjs). Undefined when package.json cannot be read.
 */
export function packageVersion(): string | undefined {
  try {
    return (createRequire(import.meta.url)('../../package.json') as { version?: string }).version;
  } catch {
    return undefined;
  }
}
