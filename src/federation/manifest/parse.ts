import { dirname, resolve } from 'node:path';
import { readPositionedYaml } from './yaml.js';
import { validateManifest } from './validate.js';
import type { PartnerManifest } from './types.js';

export interface ParseManifestOptions {
  /** File name used in error messages (and kept on the manifest). */
  readonly file?: string;
  /** Folder relative paths resolve against. Default: the folder of `file`, else the current directory. */
  readonly baseDir?: string;
  /** Check that referenced files (metadata, signing certificate) exist. Default true. */
  readonly checkFiles?: boolean;
}

/**
 * Parse and validate a partner manifest (YAML 1.2 or JSON text).
 *
 * Unknown keys, duplicate keys, non-string keys and every invalid value throw a
 * `ManifestError` naming the file, the field path (`domains[1]`) and line/column.
 */
export function parseManifest(text: string, opts: ParseManifestOptions = {}): PartnerManifest {
  if (typeof text !== 'string') throw new TypeError('parseManifest: text must be a string');
  const baseDir = opts.baseDir ?? (opts.file !== undefined ? dirname(resolve(opts.file)) : process.cwd());
  const tree = readPositionedYaml(text.replace(/^\uFEFF/, ''), opts.file);
  return validateManifest(tree, { baseDir, ...(opts.file !== undefined ? { file: opts.file } : {}), ...(opts.checkFiles !== undefined ? { checkFiles: opts.checkFiles } : {}) });
}
