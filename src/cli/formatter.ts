import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UsageError } from './io.js';
import { FORMATS, type FormatInput, type FormatOptions, type LintFormat } from '../metadata/lint/index.js';

/**
 * A formatter: the built-in ones take `(input, options)` and return the report text. A module named
 * with `--format ./my-formatter.js` (any argument with a `/` or ending in .js/.mjs/.cjs) exports the
 * same function as its default export (or as `format`); it may return a Promise. Interface (README
 * "Configuration"): `input.files[]` = `{ file, result: { findings[], errorCount, warningCount,
 * infoCount, entities, entityIds }, path? }`, `options` = `{ color, quiet, version }`.
 */
export type Formatter = (input: FormatInput, options: FormatOptions) => string | Promise<string>;

export function isFormatterPath(name: string): boolean {
  return name.includes('/') || name.includes('\\') || /\.[cm]?js$/i.test(name);
}

/** The built-in formatter called `name`, or the module at `name` (relative to `cwd`). */
export async function loadFormatter(name: string, cwd: string): Promise<Formatter> {
  if (!isFormatterPath(name)) {
    if (!Object.hasOwn(FORMATS, name)) throw new UsageError(`--format must be one of ${Object.keys(FORMATS).join(', ')} or a formatter module path (./my-formatter.js), got ${JSON.stringify(name)}`);
    return FORMATS[name as LintFormat];
  }
  let mod: { default?: unknown; format?: unknown };
  try {
    mod = (await import(pathToFileURL(resolve(cwd, name)).href)) as typeof mod;
  } catch (e) {
    throw new UsageError(`--format ${name}: cannot load the formatter module: ${(e as Error).message}`);
  }
  const fn = typeof mod.default === 'function' ? mod.default : mod.format;
  if (typeof fn !== 'function') throw new UsageError(`--format ${name}: the module must export a function (default export or "format")`);
  return async (input, options) => {
    const out: unknown = await (fn as Formatter)(input, options);
    if (typeof out !== 'string') throw new UsageError(`--format ${name}: the formatter returned ${typeof out}, expected a string`);
    return out;
  };
}
