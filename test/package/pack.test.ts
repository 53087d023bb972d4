import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

// Issue 11 "Package": npm pack, install the tarball into an empty project, run the CLI, import every
// subpath, type-check a file importing every subpath, and run publint and @arethetypeswrong/cli on it.
//
// Offline install: `npm install --offline <tgz>` needs every dependency in the npm cache, and after
// `npm ci` here it is not (ENOTCACHED for form-data), so the test does what npm would do without the
// network: it unpacks the tarball into node_modules/samlfed and links each runtime dependency to the
// copy this repository installed (Node resolves a linked package's own dependencies from its real path).
const ROOT = resolve(__dirname, '../..');
const BIN = (name: string) => join(ROOT, 'node_modules', '.bin', name);
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string; bin: Record<string, string>; exports: Record<string, unknown>; dependencies: Record<string, string>; files: string[] };
const work = join(ROOT, '.tmp', `pack-${process.pid}`);
const project = join(work, 'project');
const installed = join(project, 'node_modules', pkg.name);
let tarball = '';
const subpaths = Object.keys(pkg.exports).filter((k) => k !== './package.json').map((k) => (k === '.' ? pkg.name : `${pkg.name}/${k.slice(2)}`));
// Asynchronous: a synchronous child process would block the vitest worker (its RPC times out).
const run = async (cmd: string, args: string[], cwd = project): Promise<string> => (await promisify(execFile)(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } })).stdout;

beforeAll(async () => {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(join(project, 'node_modules'), { recursive: true });
  // Build, then pack without scripts (prepare would build a second time).
  await run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.build.json')], ROOT);
  await run(process.execPath, [join(ROOT, 'scripts/build-bin.mjs')], ROOT);
  const out = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], ROOT);
  tarball = join(work, (JSON.parse(out) as { filename: string }[])[0]!.filename);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  mkdirSync(installed, { recursive: true });
  await run('tar', ['xzf', tarball, '-C', installed, '--strip-components=1']);
  for (const dep of Object.keys(pkg.dependencies)) {
    const target = join(project, 'node_modules', dep);
    mkdirSync(dirname(target), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules', dep), target, 'dir');
  }
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the packed package', () => {
  it('ships dist, src (so source maps resolve), docs, README and LICENSE; no tests', () => {
    const top = readdirSync(installed).sort();
    expect(top).toEqual(['LICENSE', 'README.md', 'dist', 'docs', 'package.json', 'src']);
    expect(readFileSync(join(installed, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n\nCopyright \(c\) 2026 samlfed contributors\n/);
  });

  it('every source map and declaration map points at a file in the package', () => {
    const maps: string[] = [];
    const walk = (d: string): void => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        if (e.isDirectory()) walk(join(d, e.name));
        else if (e.name.endsWith('.map')) maps.push(join(d, e.name));
      }
    };
    walk(join(installed, 'dist'));
    expect(maps.length).toBeGreaterThan(50);
    const missing = maps.flatMap((m) => (JSON.parse(readFileSync(m, 'utf8')) as { sources: string[] }).sources.map((s) => resolve(dirname(m), s)).filter((s) => !existsSync(s)));
    expect(missing).toEqual([]);
  });

  it('the CLI runs from the bin path: --version, and lint on a fixture', async () => {
    const bin = join(installed, pkg.bin.samlfed!);
    expect(statSync(bin).mode & 0o111).not.toBe(0);
    expect((await run(bin, ['--version'])).trim()).toBe(pkg.version);
    expect(await run(process.execPath, [bin, 'lint', join(ROOT, 'test/fixtures/lint/clean.xml'), '--now', '2026-06-15', '-f', 'json'])).toContain('"errorCount": 0');
  });

  it('the bin is the bundle (scripts/build-bin.mjs): it imports its own chunks, Node built-ins and runtime dependencies only', () => {
    const dir = join(installed, 'dist/bin');
    expect(join(installed, pkg.bin.samlfed!)).toBe(join(dir, 'samlfed.js'));
    const files = readdirSync(dir).filter((f) => f.endsWith('.js'));
    expect(files).toContain('lint-worker.js');
    const specifiers = new Set<string>();
    for (const f of files) {
      const text = readFileSync(join(dir, f), 'utf8');
      for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*"([^"]+)"|\bimport\("([^"]+)"\)|createRequire\d*\(import\.meta\.url\)\("([^"]+)"\)|^import\s*"([^"]+)"/gm)) specifiers.add(m[1] ?? m[2] ?? m[3] ?? m[4]!);
    }
    const chunks = [...specifiers].filter((s) => s.startsWith('.'));
    const packages = [...specifiers].filter((s) => !s.startsWith('.') && !s.startsWith('node:'));
    for (const c of chunks) expect(existsSync(join(dir, c)), c).toBe(true);
    expect(chunks.length).toBeGreaterThan(5);
    // esbuild: lint-worker-pipe.ts requires it only when it runs from the .ts sources (the tests bundle the
    // worker with it); never from dist/ (the same dead branch is in tsc's dist/metadata/stream).
    expect(packages.filter((p) => !(p in pkg.dependencies) && p !== 'esbuild')).toEqual([]);
    // saxes (the parser every command uses) is among them: the check above sees the bundle's imports.
    expect(packages).toContain('saxes');
  });

  it('the bin lints an aggregate in two threads with its own bundled worker (dist/bin/lint-worker.js): the same report as one thread', async () => {
    // A preload (run in the worker too) tells which script the worker runs and what it replies.
    const spy = join(work, 'worker-spy.mjs');
    writeFileSync(spy, `import { isMainThread, parentPort } from 'node:worker_threads';\nif (!isMainThread) { const post = parentPort.postMessage.bind(parentPort); parentPort.postMessage = (m, t) => { process.stderr.write('worker ' + process.argv[1] + ' ' + Object.keys(m).join() + '\\n'); return post(m, t); }; }\n`);
    const file = join(ROOT, 'test/fixtures/metadata/aggregate.three-entities.xml');
    const args = ['lint', file, '--trust', join(ROOT, 'test/keys/metadata-signing.crt.pem'), '--now', '2026-06-15', '-f', 'json'];
    const bin = join(installed, pkg.bin.samlfed!);
    const two = await promisify(execFile)(process.execPath, ['--import', pathToFileURL(spy).href, bin, ...args, '--threads', '2'], { cwd: project, encoding: 'utf8' });
    expect(two.stderr.trim().split('\n')).toEqual([`worker ${join(installed, 'dist/bin/lint-worker.js')} outcomes`]);
    const report = JSON.parse(two.stdout) as { files: { entities: number; errorCount: number }[] };
    expect(report.files[0]).toMatchObject({ entities: 3, errorCount: 0 });
    expect(await run(process.execPath, [bin, ...args, '--threads', '1'])).toBe(two.stdout);
  });

  it('the bin reports the package version in SARIF (read from package.json two folders up)', async () => {
    const sarif = JSON.parse(await run(process.execPath, [join(installed, pkg.bin.samlfed!), 'lint', join(ROOT, 'test/fixtures/lint/clean.xml'), '--now', '2026-06-15', '-f', 'sarif'])) as { runs: { tool: { driver: { version?: string } } }[] };
    expect(sarif.runs[0]!.tool.driver.version).toBe(pkg.version);
  });

  it('every subpath of the exports map imports', async () => {
    const script = `for (const s of ${JSON.stringify(subpaths)}) { const m = await import(s); if (Object.keys(m).length === 0) throw new Error(s + ' exports nothing'); } console.log('ok');`;
    expect((await run(process.execPath, ['--input-type=module', '-e', script])).trim()).toBe('ok');
  });

  it('a TypeScript file importing every subpath type-checks (NodeNext)', async () => {
    const lines = subpaths.map((s, i) => `import * as m${i} from '${s}';\nvoid m${i};`);
    writeFileSync(join(project, 'consumer.ts'), `${lines.join('\n')}\nimport { lintMetadata, type LintOptions } from '${pkg.name}/metadata';\nconst o: LintOptions = { rules: { 'cert-expired': 'warning' } };\nlintMetadata('<a/>', o);\n// @ts-expect-error a misspelt rule id (proves the types are real, not any)\nlintMetadata('<a/>', { rules: { 'cert-expird': 'off' } });\nexport {};\n`);
    await run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--skipLibCheck', '--types', 'node', '--typeRoots', join(ROOT, 'node_modules/@types'), 'consumer.ts']);
  }, 60_000);

  it('publint (strict) and @arethetypeswrong/cli (--profile esm-only) report no problem', async () => {
    expect(await run(BIN('publint'), ['run', tarball, '--strict'])).toContain('All good!');
    // attw exits non-zero on any problem for the profile; the table lists every subpath.
    const attw = await run(BIN('attw'), [tarball, '--profile', 'esm-only', '--format', 'table-flipped']);
    for (const s of subpaths) expect(attw).toContain(`"${s}"`);
  }, 60_000);
});
