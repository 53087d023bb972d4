import { readdir, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type picomatchType from 'picomatch';
import { UsageError } from './io.js';
import { describeFsError, STDIN_NAME } from './read-input.js';

/** Skipped when walking a directory or expanding a glob (as ESLint does), unless named explicitly. */
export const DEFAULT_IGNORES = ['**/.git/**', '**/node_modules/**'] as const;

export interface Source {
  /** Display name: a relative argument stays relative to the cwd, an absolute one stays absolute; a URL; `<stdin>` (or --stdin-filename). */
  readonly name: string;
  readonly kind: 'file' | 'url' | 'stdin';
  /** Absolute path, the URL, or `-`. */
  readonly location: string;
  /** Found by walking a directory or expanding a glob (not named): non-metadata XML is skipped, not reported. */
  readonly found: boolean;
}

export interface SourceOptions {
  readonly cwd: string;
  /** Ignore patterns (picomatch, relative to `base` of each), beyond DEFAULT_IGNORES. */
  readonly ignores: readonly { readonly pattern: string; readonly base: string }[];
  readonly stdinFilename?: string;
}

const GLOB = /[*?[\]{}]/;

function slash(p: string): string {
  return p.replace(/\\/g, '/');
}

/** Name a found file the way its argument was written: below a relative argument relative to the cwd, below an absolute one absolute. */
function nameFor(cwd: string, abs: string, absoluteArg: boolean): string {
  if (absoluteArg) return slash(abs);
  const rel = relative(cwd, abs);
  return slash(rel === '' || isAbsolute(rel) ? abs : rel);
}

function ignoredBy(opts: SourceOptions, picomatch: typeof picomatchType): (abs: string) => boolean {
  const matchers = [
    ...DEFAULT_IGNORES.map((p) => ({ test: picomatch(p, { dot: true }), base: opts.cwd })),
    ...opts.ignores.map((i) => ({ test: picomatch(i.pattern, { dot: true }), base: i.base })),
  ];
  return (abs) => matchers.some((m) => {
    const rel = slash(relative(m.base, abs));
    // A path outside the pattern's folder is matched by its absolute form (patterns like **/vendor/** still apply).
    return m.test(rel.startsWith('../') ? slash(abs) : rel) || m.test(slash(abs));
  });
}

async function xmlFilesBelow(dir: string, arg: string, ignored: (abs: string) => boolean): Promise<string[]> {
  const out: string[] = [];
  const stack = [dir];
  while (stack.length > 0) {
    const d = stack.pop()!;
    let entries;
    try {
      entries = await readdir(d, { withFileTypes: true });
    } catch (e) {
      throw new UsageError(`${arg}: cannot list ${slash(relative(dir, d)) || '.'}: ${describeFsError(e)}`);
    }
    for (const ent of entries) {
      const p = join(d, ent.name);
      if (ent.isDirectory()) {
        if (!ignored(`${p}/`) && !ignored(join(p, 'x'))) stack.push(p);
      } else if ((ent.isFile() || ent.isSymbolicLink()) && ent.name.toLowerCase().endsWith('.xml') && !ignored(p)) out.push(p);
    }
  }
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The inputs of `samlfed lint`, in order, without duplicates: `-`, https URLs, files (named files
 * are always linted, ignore patterns or not), directories (every *.xml below, sorted, minus the
 * ignored ones) and globs (expanded by tinyglobby when the argument is not an existing path).
 */
export async function resolveSources(args: readonly string[], opts: SourceOptions): Promise<Source[]> {
  const out: Source[] = [];
  const seen = new Set<string>();
  const add = (s: Source) => {
    if (seen.has(s.location)) return;
    seen.add(s.location);
    out.push(s);
  };
  // picomatch and tinyglobby are loaded only for directories and globs (~15 ms of start-up otherwise).
  let matcher: ((abs: string) => boolean) | undefined;
  const ignored = async (): Promise<(abs: string) => boolean> => (matcher ??= ignoredBy(opts, (await import('picomatch')).default));
  for (const arg of args) {
    if (arg === '-') {
      add({ name: opts.stdinFilename ?? STDIN_NAME, kind: 'stdin', location: '-', found: false });
      continue;
    }
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(arg)) {
      if (!/^https:\/\//i.test(arg)) throw new UsageError(`${arg}: only https:// URLs are fetched (metadata over plain http can be altered in transit)`);
      add({ name: arg, kind: 'url', location: arg, found: false });
      continue;
    }
    const abs = resolve(opts.cwd, arg);
    let st;
    try {
      st = await stat(abs);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT' && GLOB.test(arg)) {
        const { glob } = await import('tinyglobby');
        const skip = await ignored();
        const matches = (await glob([slash(arg)], { cwd: opts.cwd, absolute: true, onlyFiles: true, dot: false, expandDirectories: false })).filter((p) => !skip(p)).sort();
        if (matches.length === 0) throw new UsageError(`${arg}: no files match this pattern`);
        for (const m of matches) add({ name: nameFor(opts.cwd, m, isAbsolute(arg)), kind: 'file', location: m, found: true });
        continue;
      }
      throw new UsageError(`${arg}: cannot read: ${describeFsError(e)}`);
    }
    if (st.isDirectory()) {
      const found = await xmlFilesBelow(abs, arg, await ignored());
      if (found.length === 0) throw new UsageError(`${arg}: directory contains no *.xml files (outside ignored paths)`);
      for (const f of found) add({ name: nameFor(opts.cwd, f, isAbsolute(arg)), kind: 'file', location: f, found: true });
    } else {
      // A regular file, or a pipe (FIFO, process substitution) or device read with the stdin cap.
      add({ name: isAbsolute(arg) ? slash(arg) : nameFor(opts.cwd, abs, false), kind: 'file', location: abs, found: false });
    }
  }
  return out;
}
