import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export const root = join(import.meta.dirname, '..', '..');

/**
 * Compile the CLI with tsconfig.build.json into a private folder (not dist/, which `npm pack` in
 * test/package rebuilds concurrently) and return the path of its main.js. package.json is copied
 * beside it so that `--version` resolves as it does in the package.
 */
export async function buildCli(name: string): Promise<string> {
  const dir = join(root, '.tmp', `built-${name}-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // Asynchronous: a long synchronous child process would block the vitest worker's RPC.
  await promisify(execFile)(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json'), '--outDir', join(dir, 'dist')], { cwd: root });
  copyFileSync(join(root, 'package.json'), join(dir, 'package.json'));
  return join(dir, 'dist', 'cli', 'main.js');
}

export function removeBuild(main: string): void {
  rmSync(join(main, '..', '..', '..'), { recursive: true, force: true });
}
