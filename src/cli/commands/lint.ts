import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { EXIT, UsageError, write, type CliIo } from '../io.js';
import { isSamlfedError } from '../../errors.js';
import { lintMetadata, RULES, FORMATS, type LintFormat, type LintOptions, type LintResult, type RuleSetting } from '../../metadata/lint/index.js';
import { fetchMetadata } from '../../metadata/fetch.js';
import type { TrustAnchors } from '../../metadata/trust.js';
import { readCertificates, type Certificate } from '../../certs/index.js';

const FETCH_TIMEOUT_MS = 15_000;
const MAX_BYTES = 128 * 1024 * 1024;
/** Documents above this size (bytes) get a progress line on a TTY even when alone (an eduGAIN-sized aggregate parses for seconds). */
const BIG_DOCUMENT = 8 * 1024 * 1024;
const SETTINGS: readonly RuleSetting[] = ['off', 'info', 'warning', 'error'];

export const HELP = `Usage: samlfed lint <file|dir|url|->... [options]

Lint SAML 2.0 IdP metadata: single EntityDescriptors or federation aggregates
(EntitiesDescriptor, linted entity by entity).

Inputs:
  <file>                     a metadata file (any name)
  <dir>                      every *.xml file below it, recursively, in sorted order
  https://...                fetched (${FETCH_TIMEOUT_MS / 1000} s timeout, ${MAX_BYTES / 1024 / 1024} MB cap)
  -                          standard input

Options:
  -f, --format <name>        text (default), json, sarif, junit, github
      --now <ISO-8601>       the clock for every time check, e.g. 2026-06-15 or
                             2026-06-15T00:00:00Z (default: now)
      --expiry-warning-days <N>
                             cert-expiring window in days (default 30)
      --trust <PEM file>     trust anchor certificate(s) for the metadata signature
                             (repeatable)
      --trust-thumbprint <HEX>
                             pinned SHA-1 or SHA-256 thumbprint of the signer (repeatable)
      --rule <ID=SEVERITY>   override a rule: off, info, warning or error (repeatable)
      --max-warnings <N>     exit 1 when there are more than N warnings
                             (default -1: unlimited)
  -o, --output <FILE>        write the report to FILE instead of standard output
  -q, --quiet                report errors only (text and github formats)
  -h, --help                 show this help

Rules: ${Object.keys(RULES).join(', ')}
(each documented in docs/rules/<id>.md).

Exit codes: 0 no errors and warnings within --max-warnings; 1 errors or too many
warnings (a file that is not well-formed XML is an error finding); 2 bad usage or
unreadable input (missing file, failed download).
`;

interface Source {
  /** Display name: path relative to cwd (forward slashes), the URL, or `<stdin>`. */
  readonly name: string;
  readonly kind: 'file' | 'url' | 'stdin';
  readonly location: string;
}

/** `samlfed lint`: lint metadata files, folders, https URLs or stdin, and report in one format. */
export async function run(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f', default: 'text' },
        now: { type: 'string' },
        'expiry-warning-days': { type: 'string' },
        trust: { type: 'string', multiple: true },
        'trust-thumbprint': { type: 'string', multiple: true },
        rule: { type: 'string', multiple: true },
        'max-warnings': { type: 'string', default: '-1' },
        output: { type: 'string', short: 'o' },
        quiet: { type: 'boolean', short: 'q', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    throw new UsageError(`${(e as Error).message}\nRun 'samlfed lint --help' for the options.`);
  }
  const { values: v, positionals } = parsed;
  if (v.help) {
    await write(io.stdout, HELP);
    return EXIT.OK;
  }
  if (positionals.length === 0) throw new UsageError("no input: give files, folders, https URLs or '-' (see 'samlfed lint --help')");
  const format = v.format as LintFormat;
  if (!Object.hasOwn(FORMATS, format)) throw new UsageError(`--format must be one of ${Object.keys(FORMATS).join(', ')}, got ${JSON.stringify(v.format)}`);
  const maxWarnings = integer('--max-warnings', v['max-warnings'], -1);
  const options: LintOptions = {
    ...(v.now !== undefined ? { now: parseNow(v.now) } : {}),
    ...(v['expiry-warning-days'] !== undefined ? { expiryWarningDays: integer('--expiry-warning-days', v['expiry-warning-days'], 0) } : {}),
    rules: parseRules(v.rule ?? []),
    ...(await trustAnchors(v.trust ?? [], v['trust-thumbprint'] ?? [], io.cwd)),
  };

  const sources = await resolveSources(positionals, io.cwd);
  // Progress only for an interactive stderr and a run that takes a while: many files, or a big aggregate.
  const files: { file: string; result: LintResult }[] = [];
  let showProgress = false;
  for (const [i, source] of sources.entries()) {
    const bytes = await load(source, io);
    if (io.stderrIsTTY && (sources.length > 10 || bytes.byteLength > BIG_DOCUMENT)) {
      showProgress = true;
      const size = bytes.byteLength > BIG_DOCUMENT ? ` (${(bytes.byteLength / 1024 / 1024).toFixed(0)} MB)` : '';
      await write(io.stderr, `\rsamlfed lint: ${i + 1}/${sources.length} ${`${source.name.slice(-50)}${size}`.padEnd(60)}`);
    }
    files.push({ file: source.name, result: lintMetadata(bytes, options) });
  }
  if (showProgress) await write(io.stderr, `\r${' '.repeat(85)}\r`);

  const color = format === 'text' && v.output === undefined && useColor(io);
  const report = FORMATS[format]({ files }, { color, quiet: v.quiet, version: packageVersion() });
  if (v.output !== undefined) {
    try {
      await writeFile(resolve(io.cwd, v.output), report);
    } catch (e) {
      throw new UsageError(`cannot write --output ${v.output}: ${(e as Error).message}`);
    }
  } else if (report !== '') {
    await write(io.stdout, report);
  }

  const errors = files.reduce((n, f) => n + f.result.errorCount, 0);
  const warnings = files.reduce((n, f) => n + f.result.warningCount, 0);
  if (errors > 0) return EXIT.REJECTED;
  if (maxWarnings >= 0 && warnings > maxWarnings) {
    await write(io.stderr, `samlfed lint: ${warnings} warnings, more than --max-warnings ${maxWarnings}\n`);
    return EXIT.REJECTED;
  }
  return EXIT.OK;
}

function packageVersion(): string | undefined {
  try {
    // src/cli/commands and dist/cli/commands are both three levels below package.json.
    return (createRequire(import.meta.url)('../../../package.json') as { version?: string }).version;
  } catch {
    return undefined;
  }
}

function useColor(io: CliIo): boolean {
  // https://no-color.org: NO_COLOR set and non-empty disables colour; FORCE_COLOR=0 too.
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR !== undefined) return io.env.FORCE_COLOR !== '0' && io.env.FORCE_COLOR !== 'false';
  return io.stdoutIsTTY;
}

function integer(flag: string, value: string, min: number): number {
  if (!/^-?\d+$/.test(value.trim()) || Number(value) < min || !Number.isSafeInteger(Number(value))) {
    throw new UsageError(`${flag} must be an integer >= ${min}, got ${JSON.stringify(value)}`);
  }
  return Number(value);
}

const ISO = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/** ISO-8601 date or date-time; no zone means UTC. */
export function parseNow(value: string): Date {
  const m = ISO.exec(value.trim());
  const text = m && value.includes('T') && m[1] === undefined ? `${value.trim()}Z` : value.trim();
  const t = m ? Date.parse(text) : NaN;
  // Date.parse rolls 2026-02-30 over to March; refuse dates that do not exist.
  if (Number.isNaN(t) || (!/[+-]\d{2}:\d{2}$/.test(text) && new Date(t).toISOString().slice(0, 10) !== text.slice(0, 10))) throw new UsageError(`--now must be an ISO-8601 date or date-time such as 2026-06-15 or 2026-06-15T00:00:00Z, got ${JSON.stringify(value)}`);
  return new Date(t);
}

function parseRules(list: readonly string[]): Record<string, RuleSetting> {
  const out: Record<string, RuleSetting> = {};
  for (const item of list) {
    const eq = item.indexOf('=');
    const id = eq === -1 ? item : item.slice(0, eq).trim();
    const setting = eq === -1 ? '' : item.slice(eq + 1).trim();
    if (!Object.hasOwn(RULES, id)) throw new UsageError(`--rule ${JSON.stringify(item)}: unknown rule id ${JSON.stringify(id)} (known: ${Object.keys(RULES).join(', ')})`);
    if (!SETTINGS.includes(setting as RuleSetting)) throw new UsageError(`--rule ${JSON.stringify(item)}: expected ${id}=off|info|warning|error`);
    out[id] = setting as RuleSetting;
  }
  return out;
}

async function trustAnchors(pemFiles: readonly string[], thumbprints: readonly string[], cwd: string): Promise<{ trust?: TrustAnchors }> {
  if (pemFiles.length === 0 && thumbprints.length === 0) return {};
  for (const t of thumbprints) {
    const hex = t.replace(/[:\s]/g, '');
    if (!/^(?:[0-9a-fA-F]{40}|[0-9a-fA-F]{64})$/.test(hex)) throw new UsageError(`--trust-thumbprint must be 40 (SHA-1) or 64 (SHA-256) hex digits, got ${JSON.stringify(t)}`);
  }
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
  return { trust: { certificates, thumbprints: [...thumbprints] } };
}

function displayName(cwd: string, abs: string): string {
  const rel = relative(cwd, abs);
  return (rel === '' || isAbsolute(rel) ? abs : rel).replace(/\\/g, '/');
}

async function resolveSources(args: readonly string[], cwd: string): Promise<Source[]> {
  const out: Source[] = [];
  const seen = new Set<string>();
  const add = (s: Source) => {
    if (seen.has(s.location)) return;
    seen.add(s.location);
    out.push(s);
  };
  for (const arg of args) {
    if (arg === '-') {
      add({ name: '<stdin>', kind: 'stdin', location: '-' });
      continue;
    }
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(arg)) {
      if (!/^https:\/\//i.test(arg)) throw new UsageError(`${arg}: only https:// URLs are fetched (metadata over plain http can be altered in transit)`);
      add({ name: arg, kind: 'url', location: arg });
      continue;
    }
    const abs = resolve(cwd, arg);
    let st;
    try {
      st = await stat(abs);
    } catch (e) {
      throw new UsageError(`${arg}: cannot read: ${describeFsError(e)}`);
    }
    if (st.isDirectory()) {
      const found = await xmlFilesBelow(abs, arg);
      if (found.length === 0) throw new UsageError(`${arg}: directory contains no *.xml files`);
      for (const f of found) add({ name: displayName(cwd, f), kind: 'file', location: f });
    } else {
      add({ name: displayName(cwd, abs), kind: 'file', location: abs });
    }
  }
  return out;
}

async function xmlFilesBelow(dir: string, arg: string): Promise<string[]> {
  const out: string[] = [];
  const stack = [dir];
  while (stack.length > 0) {
    const d = stack.pop()!;
    let entries;
    try {
      entries = await readdir(d, { withFileTypes: true });
    } catch (e) {
      throw new UsageError(`${arg}: cannot list ${displayName(dir, d) || '.'}: ${describeFsError(e)}`);
    }
    for (const ent of entries) {
      const p = join(d, ent.name);
      if (ent.isDirectory()) stack.push(p);
      else if ((ent.isFile() || ent.isSymbolicLink()) && ent.name.toLowerCase().endsWith('.xml')) out.push(p);
    }
  }
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

async function load(source: Source, io: CliIo): Promise<Uint8Array> {
  if (source.kind === 'stdin') {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of io.stdin) {
      const b = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      size += b.length;
      // Past the XML size cap lintMetadata reports xml-malformed; no need to keep reading.
      if (size > MAX_BYTES + 1) break;
      chunks.push(b);
    }
    return Buffer.concat(chunks);
  }
  if (source.kind === 'url') {
    try {
      return await fetchMetadata(source.location, { timeoutMs: FETCH_TIMEOUT_MS, maxBytes: MAX_BYTES });
    } catch (e) {
      throw new UsageError(`${source.location}: cannot fetch: ${isSamlfedError(e) ? `${e.code}: ${e.message}` : (e as Error).message}`);
    }
  }
  try {
    return await readFile(source.location);
  } catch (e) {
    throw new UsageError(`${source.name}: cannot read: ${describeFsError(e)}`);
  }
}

function describeFsError(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'ENOENT') return 'no such file or directory';
  if (err.code === 'EACCES' || err.code === 'EPERM') return 'permission denied';
  if (err.code === 'EISDIR') return 'is a directory';
  return err.code ?? err.message;
}
