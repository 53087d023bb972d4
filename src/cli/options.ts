import { parseArgs, type ParseArgsConfig } from 'node:util';

export type CommandOptions = NonNullable<ParseArgsConfig['options']>;
/** What `parseCommandArgs` returns for option set `O`. */
export type ParsedCommandArgs<O extends CommandOptions> = ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: boolean; strict: true }>>;
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { UsageError } from './io.js';
import { isSamlfedError } from '../errors.js';
import { normalizeThumbprint, readCertificates, type Certificate } from '../certs/index.js';
import type { TrustAnchors } from '../metadata/trust.js';
import { RULES, type RuleId, type RuleSetting } from '../metadata/lint/index.js';

const SETTINGS: readonly RuleSetting[] = ['off', 'info', 'warning', 'error'];

/** `--rule ID=SEVERITY` values (repeatable), shared by lint and payload. Unknown ids and settings exit 2. */
export function parseRuleOptions(list: readonly string[]): Partial<Record<RuleId, RuleSetting>> {
  const out: Partial<Record<RuleId, RuleSetting>> = {};
  for (const item of list) {
    const eq = item.indexOf('=');
    const id = eq === -1 ? item : item.slice(0, eq).trim();
    const setting = eq === -1 ? '' : item.slice(eq + 1).trim();
    if (!Object.hasOwn(RULES, id)) throw new UsageError(`--rule ${JSON.stringify(item)}: unknown rule id ${JSON.stringify(id)} (known: ${Object.keys(RULES).join(', ')})`);
    if (!SETTINGS.includes(setting as RuleSetting)) throw new UsageError(`--rule ${JSON.stringify(item)}: expected ${id}=off|info|warning|error`);
    out[id as RuleId] = setting as RuleSetting;
  }
  return out;
}

/** Option parsing shared by the commands. Each throws `UsageError` (exit 2) with the option's name. */

/** An integer option of at least `min`. */
export function integer(flag: string, value: string, min: number): number {
  if (!/^-?\d+$/.test(value.trim()) || Number(value) < min || !Number.isSafeInteger(Number(value))) {
    throw new UsageError(`${flag} must be an integer >= ${min}, got ${JSON.stringify(value)}`);
  }
  return Number(value);
}

const ISO = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/** `--now`: an ISO-8601 date or date-time; no zone means UTC. Shared by lint, inspect and certs. */
export function parseNow(value: string): Date {
  const m = ISO.exec(value.trim());
  const text = m && value.includes('T') && m[1] === undefined ? `${value.trim()}Z` : value.trim();
  const t = m ? Date.parse(text) : NaN;
  // Date.parse rolls 2026-02-30 over to March; refuse dates that do not exist.
  if (Number.isNaN(t) || (!/[+-]\d{2}:\d{2}$/.test(text) && new Date(t).toISOString().slice(0, 10) !== text.slice(0, 10))) throw new UsageError(`--now must be an ISO-8601 date or date-time such as 2026-06-15 or 2026-06-15T00:00:00Z, got ${JSON.stringify(value)}`);
  return new Date(t);
}

/** `--trust` PEM files and `--trust-thumbprint` values as TrustAnchors (`{}` when neither was given). Shared by lint and inspect. */
export async function trustAnchors(pemFiles: readonly string[], thumbprints: readonly string[], cwd: string): Promise<{ trust?: TrustAnchors }> {
  if (pemFiles.length === 0 && thumbprints.length === 0) return {};
  const pinned = thumbprints.map((t) => {
    try {
      return normalizeThumbprint(t);
    } catch {
      throw new UsageError(`--trust-thumbprint must be 40 (SHA-1) or 64 (SHA-256) hex digits, got ${JSON.stringify(t)}`);
    }
  });
  const certificates: Certificate[] = [];
  for (const file of pemFiles) {
    let bytes: Buffer;
    try {
      bytes = await readFile(resolve(cwd, file));
    } catch (e) {
      throw new UsageError(`cannot read --trust ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    try {
      certificates.push(...readCertificates(bytes));
    } catch (e) {
      throw new UsageError(`--trust ${file} is not a certificate: ${isSamlfedError(e) ? `${e.code}: ${e.message}` : (e as Error).message}`);
    }
  }
  return { trust: { certificates, thumbprints: pinned } };
}


/**
 * `node:util` parseArgs in strict mode, with the command's name in the usage error:
 * unknown options and missing option values exit 2 with a pointer to `--help`.
 */
export function parseCommandArgs<const O extends CommandOptions>(command: string, argv: string[], options: O, allowPositionals = true): ParsedCommandArgs<O> {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (e) {
    throw new UsageError(`${e instanceof Error ? e.message : String(e)}\nRun 'samlfed ${command} --help' for the options.`);
  }
}
