import { readdir, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { OnboardError } from '../errors.js';

/** File names of the onboard file. */
export const ONBOARD_FILE = /^samlfed\.onboard\.(ya?ml|json)$/i;
/** File names of partner manifests inside a folder: `partner.yaml` or `<anything>.partner.yaml`. */
export const PARTNER_FILE = /^(?:.+\.)?partner\.(ya?ml|json)$/i;
/** Folders are searched this deep; dot folders and node_modules are skipped. */
export const MAX_DEPTH = 4;
/** At most this many files are taken from the PATHs (a hostile tree cannot cost much). */
export const MAX_FILES = 500;

export interface FoundFiles {
  /** Partner manifests as given or found (relative to cwd when the PATH was). */
  readonly partners: readonly string[];
  readonly onboard: readonly string[];
}

/**
 * Expand PATHs: a file is an onboard file when named `samlfed.onboard.yaml|yml|json`, else a partner
 * manifest; a folder contributes its `partner.yaml` / `*.partner.yaml` files and its onboard file,
 * searched `MAX_DEPTH` levels deep in name order. A PATH that does not exist, or a folder with
 * neither, is `ERR_ONBOARD_NO_INPUT`.
 */
export async function findDesiredFiles(paths: readonly string[], cwd: string): Promise<FoundFiles> {
  if (!Array.isArray(paths) || paths.length === 0) throw new TypeError('findDesiredFiles: give at least one path');
  const partners: string[] = [];
  const onboard: string[] = [];
  const seen = new Set<string>();
  const add = (list: string[], shown: string): void => {
    const abs = resolve(cwd, shown);
    if (seen.has(abs)) return;
    seen.add(abs);
    if (seen.size > MAX_FILES) throw new OnboardError('ERR_ONBOARD_NO_INPUT', `expected at most ${MAX_FILES} desired-state files, found more`, { expected: `<= ${MAX_FILES}`, actual: seen.size });
    list.push(shown);
  };
  const walk = async (dir: string, shown: string, depth: number): Promise<void> => {
    const entries = (await readdir(resolve(cwd, dir), { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const child = join(shown, e.name);
      if (e.isFile() && ONBOARD_FILE.test(e.name)) add(onboard, child);
      else if (e.isFile() && PARTNER_FILE.test(e.name)) add(partners, child);
      else if (e.isDirectory() && depth < MAX_DEPTH && !e.name.startsWith('.') && e.name !== 'node_modules') await walk(join(dir, e.name), child, depth + 1);
    }
  };
  for (const p of paths) {
    if (typeof p !== 'string' || p === '') throw new TypeError('findDesiredFiles: paths must be non-empty strings');
    let st;
    try {
      st = await stat(resolve(cwd, p));
    } catch (e) {
      throw new OnboardError('ERR_ONBOARD_NO_INPUT', `cannot read ${p}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, { files: [p], cause: e });
    }
    if (st.isDirectory()) {
      const before = seen.size;
      await walk(p, p, 0);
      if (seen.size === before) throw new OnboardError('ERR_ONBOARD_NO_INPUT', `expected partner manifests (partner.yaml, *.partner.yaml) or a samlfed.onboard.yaml in folder ${p}, found none`, { files: [p] });
    } else if (st.isFile()) add(ONBOARD_FILE.test(basename(p)) ? onboard : partners, p);
    else throw new OnboardError('ERR_ONBOARD_NO_INPUT', `expected a file or a folder, found something else at ${p}`, { files: [p] });
  }
  return { partners, onboard };
}
