/**
 * The lint worker (src/metadata/stream/lint-worker.ts) reads no XML, so it must not load the XML
 * reader: through it the worker would import saxes, a CommonJS package, whose ESM import runs
 * cjs-module-lexer in the worker's isolate (+8.4 MB RSS measured for an idle worker; entity-batch.ts).
 * The runtime import graph is esbuild's (type-only imports erased), the compiler the tests use to
 * run the worker from the sources.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const esbuild = createRequire(import.meta.url)('esbuild') as typeof import('esbuild');
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function runtimeGraph(entry: string): { files: string[]; packages: string[] } {
  const out = esbuild.buildSync({ entryPoints: [`${ROOT}${entry}`], absWorkingDir: ROOT, bundle: true, write: false, metafile: true, format: 'esm', platform: 'node', packages: 'external', logLevel: 'silent' });
  const files = Object.keys(out.metafile.inputs);
  const packages = new Set<string>();
  for (const input of Object.values(out.metafile.inputs)) for (const i of input.imports) if (i.external && !i.path.startsWith('node:')) packages.add(i.path);
  return { files, packages: [...packages] };
}

describe('the lint worker loads no XML parser', () => {
  it('imports neither the stream reader nor saxes', () => {
    const worker = runtimeGraph('src/metadata/stream/lint-worker.ts');
    expect(worker.files).toContain('src/metadata/stream/lint-worker.ts');
    expect(worker.files).toContain('src/metadata/stream/entity-batch.ts');
    expect(worker.files.filter((f) => f.startsWith('src/xml/stream/reader') || f.startsWith('src/xml/sax'))).toEqual([]);
    expect(worker.packages).not.toContain('saxes');
  });

  it('while the parsing side does (the check can fail)', () => {
    const parsing = runtimeGraph('src/metadata/stream/lint-parallel.ts');
    expect(parsing.files).toContain('src/xml/stream/reader.ts');
    expect(parsing.packages).toContain('saxes');
  });
});
