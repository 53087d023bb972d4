// The `samlfed` bin (package.json "bin": dist/bin/samlfed.js) and the lint worker it starts, bundled
// with esbuild after `tsc` has built the library (npm run build). Why: Node 20 has no compile cache,
// and loading the ~130 modules of `samlfed lint` one by one (resolve, stat, read, compile each) cost
// ~60 ms on the parsing thread, and as much again on the worker's. Issue 10, bench/README.md.
//
// - dist/bin/samlfed.js: src/cli/main.ts, split into chunks (ESM, `splitting`): each command is
//   already a dynamic import (src/cli/run.ts), so `samlfed lint` loads main, the lint command and the
//   chunks it shares with others, not the sandbox, the IdP or the tenant client. (One bundle of the
//   whole CLI, every command compiled, was slower than tsc's files: bench/README.md.)
// - dist/bin/lint-worker.js: src/metadata/stream/lint-worker.ts as one file. lint-worker-pipe.ts
//   starts `new URL('./lint-worker.js', import.meta.url)`: from the bundle's chunk that is this
//   file; from the library (dist/metadata/stream) it is tsc's lint-worker.js beside it.
// - Runtime dependencies stay external (imported from node_modules, so "a runtime dependency is one
//   that dist/ imports" stays true). Those that are CommonJS are loaded with `require` through a
//   small shim module instead of `import`: an ESM import of CommonJS makes Node scan the package's
//   source for its export names (cjs-module-lexer, ~15 ms for saxes); `require` does not. The shim
//   exports what Node's import would (default = module.exports, and its named properties).
// - The library itself (dist/ outside dist/bin, the exports map) is tsc's output, unchanged.
import { build } from 'esbuild';
import { chmodSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = join(root, 'dist/bin');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const require = createRequire(join(root, 'package.json'));

/** Is `name` (a runtime dependency) loaded as CommonJS by Node's `import`? */
function isCommonJs(name) {
  const file = fileURLToPath(import.meta.resolve(name, new URL(`file://${root}/`)));
  if (file.endsWith('.cjs')) return true;
  if (file.endsWith('.mjs')) return false;
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    try {
      return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).type !== 'module';
    } catch (e) {
      if (e.code !== 'ENOENT' || dirname(dir) === dir) throw e;
    }
  }
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `import` of a CommonJS runtime dependency -> `require` through a shim (see above). */
const requireCommonJs = {
  name: 'require-commonjs-dependencies',
  setup(b) {
    const deps = Object.keys(pkg.dependencies ?? {}).filter(isCommonJs);
    const filter = new RegExp(`^(${deps.map((d) => d.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})$`);
    b.onResolve({ filter }, (args) => (args.namespace === 'require-shim' ? { path: args.path, external: true } : { path: args.path, namespace: 'require-shim' }));
    b.onLoad({ filter: /.*/, namespace: 'require-shim' }, (args) => {
      const names = Object.keys(require(args.path)).filter((n) => n !== 'default' && IDENTIFIER.test(n));
      const contents = [
        `import { createRequire } from 'node:module';`,
        `const m = createRequire(import.meta.url)(${JSON.stringify(args.path)});`,
        `export default m;`,
        ...names.map((n) => `export const ${n} = m[${JSON.stringify(n)}];`),
      ].join('\n');
      return { contents, loader: 'js', resolveDir: root };
    });
  },
};

const common = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  // Error classes name themselves after `new.target.name` (src/errors.ts): keep the names.
  keepNames: true,
  outdir,
  entryNames: '[name]',
  logLevel: 'warning',
  plugins: [requireCommonJs],
};

rmSync(outdir, { recursive: true, force: true });
await build({ ...common, entryPoints: { samlfed: join(root, 'src/cli/main.ts') }, splitting: true, chunkNames: 'chunk-[hash]' });
await build({ ...common, entryPoints: { 'lint-worker': join(root, 'src/metadata/stream/lint-worker.ts') } });
chmodSync(join(outdir, 'samlfed.js'), 0o755);
