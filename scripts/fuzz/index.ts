/**
 * `npm run fuzz -- <c14n|verify> [--count N] [--seed S] [--out DIR] [--no-line-separators]`
 *
 * - `c14n`: the c14n differential against libxml2 (scripts/fuzz/c14n-diff.ts); needs xmllint and
 *   xmlsec1. Documents with literal U+0085/U+2028/U+2029 that differ are reported apart as
 *   "known (issue 7 §2)" until the XML 1.0 line-end fix of the parser lands.
 * - `verify`: mutation fuzzing of verifyResponse (scripts/fuzz/verify-fuzz.ts).
 *
 * Prints inputs run, findings and throughput; writes findings (with the inputs) as JSON to
 * `--out` (default: a new directory under the OS temp dir). Exit code 0 when nothing was found,
 * 1 on findings, 2 on a usage error or a missing tool.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runC14nDifferential } from './c14n-diff.js';
import { hasTool } from './tools.js';
import { runVerifyFuzz } from './verify-fuzz.js';

const USAGE = 'Usage: npm run fuzz -- <c14n|verify> [--count N] [--seed S] [--out DIR] [--no-line-separators]';

function usage(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

const { values, positionals } = (() => {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        count: { type: 'string' },
        seed: { type: 'string' },
        out: { type: 'string' },
        'no-line-separators': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    return usage((e as Error).message);
  }
})();
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const target = positionals[0];
if (target !== 'c14n' && target !== 'verify') usage(`Expected a target, c14n or verify, found ${target === undefined ? 'none' : JSON.stringify(target)}`);
const int = (v: string | undefined, name: string, dflt: number): number => {
  if (v === undefined) return dflt;
  if (!/^\d+$/.test(v)) usage(`Expected --${name} to be a non-negative integer, found ${JSON.stringify(v)}`);
  return Number(v);
};
const seed = int(values.seed, 'seed', 1);

function save(name: string, data: unknown): string {
  const dir = values.out ?? mkdtempSync(join(tmpdir(), 'samlfed-fuzz-findings-'));
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(data, null, 2));
  return file;
}

if (target === 'c14n') {
  const count = int(values.count, 'count', 1000);
  for (const tool of ['xmllint', 'xmlsec1'] as const) if (!hasTool(tool)) usage(`${tool} is not installed (Debian: libxml2-utils, xmlsec1)`);
  const t0 = Date.now();
  const r = runC14nDifferential({ seed, count, lineSeparators: values['no-line-separators'] !== true });
  const seconds = (Date.now() - t0) / 1000;
  const known = r.findings.filter((f) => f.lineSeparator);
  const real = r.findings.filter((f) => !f.lineSeparator);
  console.log(`c14n differential: seed ${seed}, ${r.documents} documents, ${r.signed} signed subsets, ${r.comparisons} comparisons with libxml2 in ${seconds.toFixed(1)} s (${(r.documents / seconds).toFixed(0)} documents/s)`);
  console.log(`findings: ${real.length}; known (issue 7 §2, literal line separators): ${known.length}`);
  for (const f of real.slice(0, 20)) console.log(`  #${f.index} ${f.check}: ${f.detail}`);
  if (r.findings.length > 0) console.log(`written: ${save(`c14n-seed${seed}.json`, r.findings)}`);
  process.exit(real.length > 0 ? 1 : 0);
} else {
  const count = int(values.count, 'count', 10000);
  const every = Math.max(1000, Math.floor(count / 20));
  const t0 = Date.now();
  const r = await runVerifyFuzz({
    seed,
    count,
    progressEvery: every,
    onProgress: (done, found) => console.log(`  ${done} inputs, ${found} findings, ${(done / ((Date.now() - t0) / 1000)).toFixed(0)}/s`),
  });
  console.log(`verify fuzz: seed ${seed}, ${r.inputs} inputs in ${r.seconds.toFixed(1)} s (${(r.inputs / r.seconds).toFixed(0)} inputs/s), accepted ${r.accepted}, max CPU per input ${r.maxCpuMs.toFixed(1)} ms`);
  console.log(`rejections by code: ${JSON.stringify(r.rejected)}`);
  console.log(`findings: ${r.findings.length}`);
  for (const f of r.findings.slice(0, 20)) console.log(`  #${f.index} ${f.kind} (${f.seedFile}; ${f.what}): ${f.detail.split('\n')[0]}`);
  if (r.findings.length > 0) console.log(`written: ${save(`verify-seed${seed}.json`, r.findings)}`);
  process.exit(r.findings.length > 0 ? 1 : 0);
}
