import { describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { cli } from './helpers/cli.js';
import { mainUsage } from '../src/cli/run.js';
import { RULES } from '../src/metadata/lint/index.js';

const root = join(import.meta.dirname, '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : []));
}

describe('README stays true', () => {
  it('opens with the two commands that work on a fresh machine', () => {
    const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    expect(firstBlock).toMatch(/^npm ci && npm start\b/m);
    expect(firstBlock).toMatch(/^npm ci && npm test\b/m);
  });

  const COMMANDS = ['lint', 'inspect', 'certs', 'verify', 'payload', 'map', 'idp', 'sandbox', 'tenant', 'onboard'];

  it('has a CLI reference for every command src/cli/run.ts registers', () => {
    const listed = /\nCommands:\n([\s\S]*?)\n\n/.exec(mainUsage())?.[1] ?? '';
    const registered = [...listed.matchAll(/^ {2}(\S+) /gm)].map((m) => m[1]!);
    expect(registered.length).toBeGreaterThanOrEqual(10);
    expect([...registered].sort()).toEqual([...COMMANDS].sort());
  });

  for (const command of COMMANDS) {
    it(`CLI reference for ${command} matches --help`, async () => {
      const r = await cli([command, '--help']);
      expect(r.code).toBe(0);
      const section = new RegExp(`### \`samlfed ${command}\`\\n\\n\`\`\`text\\n([\\s\\S]*?)\\n\`\`\``).exec(readme)?.[1];
      expect(section).toBe(r.stdout.replace(/\n+$/, ''));
    });
  }

  it('documents every lint rule', () => {
    const ids = Object.keys(RULES);
    expect(ids.length).toBeGreaterThanOrEqual(21);
    expect(ids.filter((id) => !readme.includes(`\`${id}\``))).toEqual([]);
  });

  it('documents every error code used in src/', () => {
    const codes = new Set<string>();
    for (const file of walk(join(root, 'src'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/'(ERR_[A-Z0-9]+(?:_[A-Z0-9]+)+)'/g)) codes.add(m[1]!);
    }
    expect(codes.size).toBeGreaterThan(50);
    expect([...codes].filter((c) => !readme.includes(`\`${c}\``)).sort()).toEqual([]);
  });

  it('library examples compile against the public exports', () => {
    const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(blocks.length).toBeGreaterThanOrEqual(3);
    const dir = join(root, '.tmp', 'readme-examples');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const files = blocks.map((code, i) => {
      const f = join(dir, `example-${i + 1}.ts`);
      writeFileSync(f, `${code}\nexport {};\n`);
      return f;
    });
    const program = ts.createProgram(files, {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      types: ['node'],
      typeRoots: [join(root, 'node_modules', '@types')],
      baseUrl: root,
      // Resolve the package's own subpaths to its sources, as the exports map resolves them to dist/.
      paths: { samlfed: ['src/index.ts'], 'samlfed/*': ['src/*/index.ts'] },
    });
    const diagnostics = ts.getPreEmitDiagnostics(program).filter((d) => d.file && d.file.fileName.startsWith(dir));
    const text = diagnostics.map((d) => `${d.file?.fileName.slice(dir.length + 1)}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    expect(text).toEqual([]);
  }, 240_000); // a whole TypeScript program: 40 s alone, more than 60 s on a loaded 2-core machine
});
