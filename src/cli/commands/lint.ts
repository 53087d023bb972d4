import { statSync } from 'node:fs';
import { open, readdir, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { EXIT, UsageError, write, type CliIo } from '../io.js';
import { isSamlfedError } from '../../errors.js';
import { lintMetadata, RULES, FORMATS, type LintFormat, type LintOptions, type LintResult, type RuleSetting } from '../../metadata/lint/index.js';
import { fetchMetadata } from '../../metadata/fetch.js';
import { describeFsError, FETCH_TIMEOUT_MS, MAX_INPUT_BYTES } from '../read-input.js';
import { integer, parseNow, trustAnchors, parseCommandArgs } from '../options.js';
import { MANY_ENTITIES, Progress } from '../progress.js';
import { countEntityTags, lintAggregateStream } from '../../metadata/stream/index.js';
import { fileChunks } from '../read-chunks.js';

const SETTINGS: readonly RuleSetting[] = ['off', 'info', 'warning', 'error'];

export const HELP = `Usage: samlfed lint <file|dir|url|->... [options]

Lint SAML 2.0 IdP metadata: single EntityDescriptors or federation aggregates
(EntitiesDescriptor, linted entity by entity).

Inputs:
  <file>                     a metadata file (any name)
  <dir>                      every *.xml file below it, recursively, in sorted order
  https://...                fetched (${FETCH_TIMEOUT_MS / 1000} s timeout, ${MAX_INPUT_BYTES / 1024 / 1024} MB cap)
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

On a terminal, stderr shows progress: file by file for more than 10 files, and
entity by entity for an aggregate of ${MANY_ENTITIES} or more EntityDescriptors.

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
  const parsed = parseCommandArgs('lint', argv, {
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
  });
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
  const files: { file: string; result: LintResult }[] = [];
  const progress = new Progress(io, sources.length);
  for (const [i, source] of sources.entries()) {
    // An EntitiesDescriptor file is linted streaming (flat memory); anything else, and anything
    // the stream hands back, by the tree path below, which also reports unreadable files.
    const streamed = source.kind === 'file' ? lintFileStreaming(source, i, options, progress) : undefined;
    if (streamed !== undefined) {
      files.push({ file: source.name, result: streamed });
      continue;
    }
    const bytes = await load(source, io);
    progress.file(i, source.name, bytes.byteLength);
    files.push({ file: source.name, result: lintMetadata(bytes, { ...options, onProgress: progress.entityCallback() }) });
  }
  progress.clear();

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

/** Streaming lint of an aggregate file (src/metadata/stream), or `undefined` to use the tree path. */
function lintFileStreaming(source: Source, i: number, options: LintOptions, progress: Progress): LintResult | undefined {
  let size: number;
  try {
    size = statSync(source.location).size;
  } catch {
    return undefined;
  }
  progress.file(i, source.name, Math.min(size, MAX_INPUT_BYTES + 1));
  try {
    const onProgress = progress.entityCallback();
    // On a terminal, a first quick scan counts the entities for the progress bar.
    const expected = onProgress === undefined ? undefined : countEntityTags(fileChunks(source.location, MAX_INPUT_BYTES + 1));
    return lintAggregateStream(fileChunks(source.location, MAX_INPUT_BYTES + 1), { ...options, ...(onProgress ? { onProgress } : {}) }, expected === undefined ? {} : { expectedEntities: expected });
  } catch (e) {
    if (e instanceof TypeError) throw e;
    return undefined; // an I/O error: the tree path reads the file again and reports it
  }
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
    } else if (st.isFile()) {
      add({ name: displayName(cwd, abs), kind: 'file', location: abs });
    } else {
      // A FIFO or device would block the read or never end.
      throw new UsageError(`${arg}: cannot read: not a regular file`);
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
      if (size > MAX_INPUT_BYTES + 1) break;
      chunks.push(b);
    }
    return Buffer.concat(chunks);
  }
  if (source.kind === 'url') {
    try {
      return await fetchMetadata(source.location, { timeoutMs: FETCH_TIMEOUT_MS, maxBytes: MAX_INPUT_BYTES });
    } catch (e) {
      throw new UsageError(`${source.location}: cannot fetch: ${isSamlfedError(e) ? `${e.code}: ${e.message}` : (e as Error).message}`);
    }
  }
  try {
    // As for stdin: past the cap lintMetadata reports xml-malformed, so one byte over is enough.
    const handle = await open(source.location, 'r');
    try {
      const size = Math.min((await handle.stat()).size, MAX_INPUT_BYTES + 1);
      const buf = Buffer.alloc(size);
      const { bytesRead } = await handle.read(buf, 0, size, 0);
      return buf.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (e) {
    throw new UsageError(`${source.name}: cannot read: ${describeFsError(e)}`);
  }
}

