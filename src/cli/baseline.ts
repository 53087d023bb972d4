import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { UsageError, type CliIo } from './io.js';
import type { Finding, LintResult } from '../metadata/lint/index.js';

/**
 * A lint baseline (`lint --baseline FILE`): the findings a team has accepted for now, so that only
 * new ones are reported. Matched by file + entityID + rule + fingerprint, never by line numbers
 * (which move whenever an aggregate is regenerated). The fingerprint is a hash of the rule id,
 * the entityID and the message with every run of digits replaced by `#` (so "expires in 12 days"
 * matches tomorrow's "expires in 11 days", and a changed certificate or URL does not).
 */
export interface BaselineEntry {
  readonly file: string;
  readonly entityId: string | null;
  readonly ruleId: string;
  readonly fingerprint: string;
  /** How many findings with these four values are accepted (an aggregate can repeat one). */
  readonly count: number;
}

export interface Baseline {
  readonly version: 1;
  readonly entries: readonly BaselineEntry[];
}

export function fingerprint(f: Finding): string {
  return createHash('sha256').update(`${f.ruleId}\0${f.entityId ?? ''}\0${f.message.replace(/\d+/g, '#')}`).digest('hex').slice(0, 16);
}

function key(file: string, f: Finding): string {
  return JSON.stringify([file, f.entityId ?? null, f.ruleId, fingerprint(f)]);
}

/** The baseline of a run's findings (every severity), sorted for stable diffs. */
export function buildBaseline(files: readonly { file: string; result: LintResult }[]): Baseline {
  const counts = new Map<string, number>();
  for (const { file, result } of files) for (const f of result.findings) counts.set(key(file, f), (counts.get(key(file, f)) ?? 0) + 1);
  const entries = [...counts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, count]) => {
    const [file, entityId, ruleId, fp] = JSON.parse(k) as [string, string | null, string, string];
    return { file, entityId, ruleId, fingerprint: fp, count };
  });
  return { version: 1, entries };
}

/** Read a baseline file; a missing file is an empty baseline only when `missingOk` (for --update-baseline). */
export async function readBaseline(io: CliIo, file: string, missingOk: boolean): Promise<Baseline> {
  let text: string;
  try {
    text = await readFile(resolve(io.cwd, file), 'utf8');
  } catch (e) {
    if (missingOk && (e as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, entries: [] };
    throw new UsageError(`cannot read --baseline ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`--baseline ${file} is not valid JSON: ${(e as Error).message}`);
  }
  const d = data as Partial<Baseline> | null;
  const ok = d !== null && typeof d === 'object' && d.version === 1 && Array.isArray(d.entries) && d.entries.every((x) => x && typeof x.file === 'string' && typeof x.ruleId === 'string' && typeof x.fingerprint === 'string' && Number.isSafeInteger(x.count) && (x.entityId === null || typeof x.entityId === 'string'));
  if (!ok) throw new UsageError(`--baseline ${file}: expected {"version": 1, "entries": [{file, entityId, ruleId, fingerprint, count}]} as written by --update-baseline`);
  return d as Baseline;
}

/** The results without the findings the baseline accepts (counts re-computed); `suppressed` says how many were dropped. */
export function applyBaseline(files: readonly { file: string; result: LintResult }[], baseline: Baseline): { files: { file: string; result: LintResult }[]; suppressed: number } {
  const left = new Map<string, number>();
  for (const e of baseline.entries) left.set(JSON.stringify([e.file, e.entityId, e.ruleId, e.fingerprint]), e.count);
  let suppressed = 0;
  const out = files.map(({ file, result }) => {
    const findings = result.findings.filter((f) => {
      const k = key(file, f);
      const n = left.get(k) ?? 0;
      if (n === 0) return true;
      left.set(k, n - 1);
      suppressed++;
      return false;
    });
    return { file, result: withFindings(result, findings) };
  });
  return { files: out, suppressed };
}

/** A result with another list of findings, its counts recomputed. */
export function withFindings(result: LintResult, findings: readonly Finding[]): LintResult {
  const count = (s: string) => findings.filter((f) => f.severity === s).length;
  return { ...result, findings, errorCount: count('error'), warningCount: count('warning'), infoCount: count('info') };
}
