import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { EXIT, UsageError, write, type CliIo } from '../io.js';
import { isSamlfedError } from '../../errors.js';
import { lintMetadata, RULES, type LintOptions, type LintResult } from '../../metadata/lint/index.js';
import { fetchMetadata } from '../../metadata/fetch.js';
import { FETCH_TIMEOUT_MS, MAX_INPUT_BYTES, readInputFile } from '../read-input.js';
import { integer, parseNow, trustAnchors, parseCommandArgs, parseRuleOptions } from '../options.js';
import { MANY_ENTITIES, Progress } from '../progress.js';
import { writeOutputFile } from '../output.js';
import { loadConfig } from '../config/load.js';
import { resolveSources, type Source } from '../lint-sources.js';
import { applyBaseline, buildBaseline, readBaseline, withFindings } from '../baseline.js';
import { loadFormatter } from '../formatter.js';
import { useColor } from '../color.js';
import { packageVersion } from '../version.js';
import { countEntityTags, lintAggregateStream, lintAggregateStreamParallel } from '../../metadata/stream/index.js';
import { fileChunks } from '../read-chunks.js';
import { LINT_WORKER_SEMI_SPACE_MIB } from '../../metadata/stream/lint-worker-pipe.js';
import { boundOldGenerationGrowth, ONE_THREAD_SEMI_SPACE_MIB, PARSING_THREAD_SEMI_SPACE_MIB, withYoungGenerationCap, workersStartWithYoungGeneration } from '../heap-policy.js';

export const HELP = `Usage: samlfed lint <file|dir|glob|url|->... [options]

Lint SAML 2.0 IdP metadata: single EntityDescriptors or federation aggregates
(EntitiesDescriptor, linted entity by entity).

Inputs:
  <file>                     a metadata file (any name; a pipe such as <(curl ...) too)
  <dir>                      every *.xml file below it, recursively, in sorted order,
                             skipping .git/, node_modules/ and ignored paths
  <glob>                     e.g. 'metadata/**/*.xml' (quoted: expanded by samlfed)
  https://...                fetched (${FETCH_TIMEOUT_MS / 1000} s timeout, ${MAX_INPUT_BYTES / 1024 / 1024} MB cap)
  -                          standard input (named <stdin>, or --stdin-filename)
A file found in a directory or by a glob that is not SAML metadata (pom.xml) is
skipped (the text format says so on stderr); a file named on the command line is
always linted.

Options:
  -f, --format <name>        text (default), json, sarif, junit, github, or a
                             formatter module path (./my-formatter.js)
  -o, --output <FILE>        write the report to FILE instead of standard output
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
      --config <FILE>        configuration file (default: samlfed.config.json|yaml|yml
                             or package.json "samlfed", found upward from the cwd)
      --no-config            use no configuration file
      --ignore-pattern <P>   skip files matching P in directories and globs (repeatable)
      --baseline <FILE>      report only findings that are not in FILE
      --update-baseline      write the current findings to the --baseline FILE
      --stdin-filename <N>   the name to report standard input under
      --threads <N>          threads for an aggregate file: 2 parses in one and lints
                             entities in another, 1 does both in one, auto (default)
                             2 from 8 MiB on a machine with two CPUs or more
  -q, --quiet                report errors only (every format)
      --color, --no-color    force colour on or off (default: on a terminal, unless
                             NO_COLOR is set; FORCE_COLOR forces it)
  -h, --help                 show this help

Rules: ${Object.keys(RULES).join(', ')}
(each documented in docs/rules/<id>.md).

On a terminal, stderr shows progress: file by file for more than 10 files, and
entity by entity for an aggregate of ${MANY_ENTITIES} or more EntityDescriptors.

Exit codes: 0 no errors and warnings within --max-warnings; 1 errors or too many
warnings (a file that is not well-formed XML is an error finding); 2 bad usage or
unreadable input (missing file, failed download, file over the size cap).
`;

/** `samlfed lint`: lint metadata files, folders, globs, https URLs or stdin, and report in one format. */
export async function run(argv: string[], io: CliIo): Promise<number> {
  const { values: v, positionals } = parseCommandArgs('lint', argv, {
    format: { type: 'string', short: 'f', default: 'text' },
    output: { type: 'string', short: 'o' },
    now: { type: 'string' },
    'expiry-warning-days': { type: 'string' },
    trust: { type: 'string', multiple: true },
    'trust-thumbprint': { type: 'string', multiple: true },
    rule: { type: 'string', multiple: true },
    'max-warnings': { type: 'string', default: '-1' },
    config: { type: 'string' },
    'no-config': { type: 'boolean', default: false },
    'ignore-pattern': { type: 'string', multiple: true },
    baseline: { type: 'string' },
    'update-baseline': { type: 'boolean', default: false },
    'stdin-filename': { type: 'string' },
    threads: { type: 'string' },
    quiet: { type: 'boolean', short: 'q', default: false },
    color: { type: 'boolean' },
    'no-color': { type: 'boolean' },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (v.help) {
    await write(io.stdout, HELP);
    return EXIT.OK;
  }
  if (positionals.length === 0) throw new UsageError("no input: give files, folders, globs, https URLs or '-' (see 'samlfed lint --help')");
  if (v.config !== undefined && v['no-config']) throw new UsageError('give --config or --no-config, not both');
  if (v['update-baseline'] && v.baseline === undefined) throw new UsageError('--update-baseline needs --baseline <FILE>');
  if (v.color && v['no-color']) throw new UsageError('give --color or --no-color, not both');
  const formatter = await loadFormatter(v.format, io.cwd);
  const maxWarnings = integer('--max-warnings', v['max-warnings'], -1);
  const loaded = v['no-config'] ? undefined : await loadConfig(io.cwd, v.config);
  const config = loaded?.config ?? {};
  const trust = v.trust !== undefined || v['trust-thumbprint'] !== undefined
    ? await trustAnchors(v.trust ?? [], v['trust-thumbprint'] ?? [], io.cwd)
    : await trustAnchors(config.trust ?? [], config.trustThumbprints ?? [], loaded?.dir ?? io.cwd);
  const days = v['expiry-warning-days'] !== undefined ? integer('--expiry-warning-days', v['expiry-warning-days'], 0) : config.expiryWarningDays;
  const options: LintOptions = {
    ...(v.now !== undefined ? { now: parseNow(v.now) } : {}),
    ...(days !== undefined ? { expiryWarningDays: days } : {}),
    // Command-line --rule wins over the config's rules.
    rules: { ...config.rules, ...parseRuleOptions(v.rule ?? []) },
    ...(config.overrides ? { overrides: config.overrides } : {}),
    ...trust,
  };

  const threads = v.threads === undefined || v.threads === 'auto' ? 'auto' : v.threads === '1' ? 1 : v.threads === '2' ? 2 : undefined;
  if (threads === undefined) throw new UsageError(`--threads must be 1, 2 or auto, got ${JSON.stringify(v.threads)}`);

  const ignores = [...(config.ignorePatterns ?? []).map((pattern) => ({ pattern, base: loaded!.dir })), ...(v['ignore-pattern'] ?? []).map((pattern) => ({ pattern, base: io.cwd }))];
  const sources = await resolveSources(positionals, { cwd: io.cwd, ignores, ...(v['stdin-filename'] !== undefined ? { stdinFilename: v['stdin-filename'] } : {}) });
  let files: { file: string; result: LintResult; path?: string }[] = [];
  const skipped: string[] = [];
  const progress = new Progress(io, sources.length);
  for (const [i, source] of sources.entries()) {
    // An EntitiesDescriptor file is linted streaming (flat memory); anything else, and anything
    // the stream hands back, by the tree path below, which also reports unreadable files.
    const streamed = source.kind === 'file' ? await lintFileStreaming(source, i, options, progress, threads) : undefined;
    if (streamed !== undefined) {
      files.push({ file: source.name, result: streamed, path: source.location });
      continue;
    }
    const bytes = await load(source, io);
    progress.file(i, source.name, bytes.byteLength);
    const result = lintMetadata(bytes, { ...options, onProgress: progress.entityCallback() });
    // A found file (directory walk, glob) that is XML but not SAML metadata (pom.xml) is not ours to judge.
    if (source.found && result.findings.length === 1 && result.findings[0]!.ruleId === 'not-metadata') {
      skipped.push(source.name);
      continue;
    }
    files.push({ file: source.name, result, ...(source.kind === 'file' ? { path: source.location } : {}) });
  }
  progress.clear();
  if (skipped.length > 0 && !v.quiet && v.format === 'text') await write(io.stderr, `samlfed lint: skipped ${skipped.length} XML file${skipped.length === 1 ? '' : 's'} that ${skipped.length === 1 ? 'is' : 'are'} not SAML metadata: ${skipped.join(', ')}\n`);

  if (v.baseline !== undefined) {
    if (v['update-baseline']) {
      const baseline = buildBaseline(files);
      await writeOutputFile(io, v.baseline, `${JSON.stringify(baseline, null, 2)}\n`, '--baseline');
      await write(io.stderr, `samlfed lint: wrote ${baseline.entries.reduce((n, e) => n + e.count, 0)} findings to ${v.baseline}\n`);
    }
    const applied = applyBaseline(files, await readBaseline(io, v.baseline, false));
    files = applied.files;
  }
  // Counted before --quiet hides warnings: --max-warnings still sees them (as ESLint does).
  const errors = files.reduce((n, f) => n + f.result.errorCount, 0);
  const warnings = files.reduce((n, f) => n + f.result.warningCount, 0);
  if (v.quiet) files = files.map((f) => ({ ...f, result: withFindings(f.result, f.result.findings.filter((x) => x.severity === 'error')) }));

  const color = v.color === true ? true : v['no-color'] === true ? false : v.output === undefined && useColor(io);
  const report = await formatter({ files }, { color, quiet: v.quiet, ...versionOption() });
  if (v.output !== undefined) await writeOutputFile(io, v.output, report);
  else if (report !== '') await write(io.stdout, report);

  if (errors > 0) return EXIT.REJECTED;
  if (maxWarnings >= 0 && warnings > maxWarnings) {
    await write(io.stderr, `samlfed lint: ${warnings} warnings, more than --max-warnings ${maxWarnings}\n`);
    return EXIT.REJECTED;
  }
  return EXIT.OK;
}

/**
 * With `--threads auto` (the default), from this size up and with two CPUs or more, the entities
 * of a streamed aggregate are linted in a worker thread while this one parses
 * (src/metadata/stream/lint-parallel.ts). The worker's start-up (~0.1 s, loading its modules) and
 * JIT warm-up pay for themselves only from a few thousand entities: at 1k entities (2.6 MB) two
 * threads took as long as one; at 10k (26 MB) and 50k less, when the second core is free (bench/README.md).
 */
const PARALLEL_FROM_BYTES = 8 << 20;

/**
 * Streaming lint of an aggregate in a regular file (src/metadata/stream), or `undefined` to use the
 * tree path. Pipes and devices are never streamed: the tree path must still be able to read them.
 */
async function lintFileStreaming(source: Source, i: number, options: LintOptions, progress: Progress, threads: 1 | 2 | 'auto'): Promise<LintResult | undefined> {
  let size: number;
  try {
    const st = statSync(source.location);
    if (!st.isFile()) return undefined;
    size = st.size;
  } catch {
    return undefined;
  }
  progress.file(i, source.name, Math.min(size, MAX_INPUT_BYTES + 1));
  boundOldGenerationGrowth();
  try {
    const onProgress = progress.entityCallback();
    // On a terminal, a first quick scan counts the entities for the progress bar.
    const expected = onProgress === undefined ? undefined : countEntityTags(fileChunks(source.location, MAX_INPUT_BYTES + 1));
    const lintOptions = { ...options, ...(onProgress ? { onProgress } : {}) };
    const streamOptions = expected === undefined ? {} : { expectedEntities: expected };
    const two = threads === 2 || (threads === 'auto' && size >= PARALLEL_FROM_BYTES && availableParallelism() > 1);
    const chunks = withYoungGenerationCap(fileChunks(source.location, MAX_INPUT_BYTES + 1), two ? PARSING_THREAD_SEMI_SPACE_MIB : ONE_THREAD_SEMI_SPACE_MIB);
    if (two) {
      workersStartWithYoungGeneration(LINT_WORKER_SEMI_SPACE_MIB);
      return await lintAggregateStreamParallel(chunks, lintOptions, streamOptions);
    }
    return lintAggregateStream(chunks, lintOptions, streamOptions);
  } catch (e) {
    if (e instanceof TypeError) throw e;
    return undefined; // an I/O error or a failed worker: the tree path reads the file again and reports it
  }
}

function versionOption(): { version?: string } {
  const version = packageVersion();
  return version === undefined ? {} : { version };
}

async function load(source: Source, io: CliIo): Promise<Uint8Array> {
  if (source.kind === 'url') {
    try {
      return await fetchMetadata(source.location, { timeoutMs: FETCH_TIMEOUT_MS, maxBytes: MAX_INPUT_BYTES });
    } catch (e) {
      throw new UsageError(`${source.location}: cannot fetch: ${isSamlfedError(e) ? `${e.code}: ${e.message}` : (e as Error).message}`);
    }
  }
  // Regular files are size-checked first (the message gives the real size and the cap); pipes and
  // standard input are read up to the same cap.
  return readInputFile(source.kind === 'stdin' ? '-' : source.location, io);
}
