import { readFile, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { UsageError } from '../io.js';
import { validateConfig, type SamlfedConfig } from './validate.js';

/** Config file names looked for in each folder, in this order (then package.json's `samlfed` key). */
export const CONFIG_FILES = ['samlfed.config.json', 'samlfed.config.yaml', 'samlfed.config.yml'] as const;
/** Config files are small: anything bigger is refused. */
const MAX_CONFIG_BYTES = 1024 * 1024;

/** A config and where it came from (paths inside it resolve against `dir`). */
export interface LoadedConfig {
  readonly file: string;
  readonly dir: string;
  readonly config: SamlfedConfig;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

async function readConfigFile(file: string, key?: 'samlfed'): Promise<LoadedConfig | undefined> {
  let text: string;
  try {
    const st = await stat(file);
    if (st.size > MAX_CONFIG_BYTES) throw new UsageError(`config ${file}: ${st.size} bytes, more than the ${MAX_CONFIG_BYTES}-byte limit`);
    text = await readFile(file, 'utf8');
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`cannot read config ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let data: unknown = shallowJson(file, text);
  if (data === NOT_SHALLOW_JSON) data = await parseChecked(file, text);
  if (key !== undefined) {
    if (data === null || typeof data !== 'object' || !Object.hasOwn(data, key)) return undefined;
    data = (data as Record<string, unknown>)[key];
  }
  return { file, dir: dirname(file), config: validateConfig(data, key ? `${file} ("samlfed" key)` : file) };
}

/**
 * The configuration for a run: `--config FILE` when given; else the first of samlfed.config.json,
 * samlfed.config.yaml, samlfed.config.yml or a package.json with a `samlfed` key, looking in `cwd`
 * and then in each parent folder up to the file-system root (as ESLint finds its config).
 * Undefined when there is none. A config that does not parse or validate is a usage error (exit 2).
 */
export async function loadConfig(cwd: string, explicit?: string): Promise<LoadedConfig | undefined> {
  if (explicit !== undefined) {
    const file = resolve(cwd, explicit);
    if (!(await isFile(file))) throw new UsageError(`--config ${explicit}: no such file`);
    const loaded = await readConfigFile(file, /(^|[\\/])package\.json$/.test(file) ? 'samlfed' : undefined);
    if (!loaded) throw new UsageError(`--config ${explicit}: package.json has no "samlfed" key`);
    return loaded;
  }
  let dir = resolve(cwd);
  for (;;) {
    for (const name of CONFIG_FILES) {
      const file = join(dir, name);
      if (await isFile(file)) return readConfigFile(file);
    }
    const pkg = join(dir, 'package.json');
    if (await isFile(pkg)) {
      const loaded = await readConfigFile(pkg, 'samlfed');
      if (loaded) return loaded;
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

const NOT_SHALLOW_JSON = Symbol('not shallow JSON');
/** Far below YAML_MAX_NESTING (64, src/federation/manifest/yaml-depth.ts): JSON this shallow passes that check. */
const SHALLOW_DEPTH = 16;

/**
 * A JSON config (or package.json) that parses and nests at most SHALLOW_DEPTH levels: its value,
 * read without loading the yaml package (~80 modules, most of a small lint run's start-up: every
 * run in a folder with a package.json reads it for the "samlfed" key). Anything else (YAML, invalid
 * JSON, deeper JSON) returns NOT_SHALLOW_JSON and goes through `parseChecked`, with its errors.
 */
function shallowJson(file: string, text: string): unknown {
  if (/\.ya?ml$/i.test(file)) return NOT_SHALLOW_JSON;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \\ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > SHALLOW_DEPTH) return NOT_SHALLOW_JSON;
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) depth--;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return NOT_SHALLOW_JSON;
  }
}

/** Nesting is checked before the recursive YAML composer runs (src/federation/manifest/yaml-depth.ts); then the text is parsed. */
async function parseChecked(file: string, text: string): Promise<unknown> {
  const [{ parse: parseYaml }, { YAML_MAX_NESTING, yamlNestingDepth }] = await Promise.all([import('yaml'), import('../../federation/manifest/yaml-depth.js')]);
  try {
    if (yamlNestingDepth(text, YAML_MAX_NESTING) > YAML_MAX_NESTING) throw new Error(`nested more than ${YAML_MAX_NESTING} levels deep`);
    return /\.ya?ml$/i.test(file) ? parseYaml(text, { maxAliasCount: 0 }) : JSON.parse(text);
  } catch (e) {
    throw new UsageError(`config ${file} is not valid ${/\.ya?ml$/i.test(file) ? 'YAML' : 'JSON'}: ${(e as Error).message}`);
  }
}
