import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { isSamlfedError } from '../../errors.js';
import {
  applyPlan, checkSavedPlan, formatDryRequest, formatPlanText, makePlan, readPlanDocument, recordingClient, MAX_PLAN_BYTES, PLAN_FORMAT,
  type ApplyResult, type DryRequest, type MadePlan, type StepEvent,
} from '../../onboard/index.js';
import { changeLines } from '../../onboard/format/text.js';
import type { TenantClient } from '../../tenant/client-types.js';
import { CONNECTION_HELP, CONNECTION_OPTIONS, openTenantClient } from '../connection.js';
import { writeOutputFile } from '../output.js';
import { EXIT, UsageError, write, type CliIo } from '../io.js';
import { parseCommandArgs, parseNow } from '../options.js';
import { StepProgress } from '../onboard-progress.js';

const HELP = `Usage: samlfed onboard plan PATH... [options]
       samlfed onboard apply PATH... [options]
       samlfed onboard apply PLAN.json [options]

Federation as code: make the tenant match the partner manifests (partner.yaml, *.partner.yaml)
and the onboard file (samlfed.onboard.yaml) found in each PATH, a file or a folder (docs/onboard.md).

  plan                   read the tenant and show the changes, in apply order
  apply                  plan, then make the changes; each step re-reads the tenant first,
                         so apply can be run again after any failure
  apply PLAN.json        apply a plan saved with -o; refused if the tenant or the files changed

  -f, --format text|json the plan (and apply's result) as text or JSON (docs/onboard.md)
  -o, --output FILE      plan: save the JSON plan to FILE (for apply PLAN.json); --out FILE too
  --prune                remove what the files no longer name (else listed as "not managed")
  --detailed-exitcode    plan: exit 0 no changes, 2 changes pending, 1 error
  --dry-run              apply: print the requests (multipart summarised, secrets redacted), send none
  --now ISO-8601         clock for certificate validity in the lint gate (default: now)
  -h, --help             this help
${CONNECTION_HELP}
Progress goes to stderr, one line per step. Exit codes: 0 done (plan: made), 1 rejected, blocked or
failed (apply prints what was done and what was not), 2 usage or unreadable input.
`;

/** `samlfed onboard`. */
export async function run(argv: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === '-h' || sub === '--help') {
    await write(sub === undefined ? io.stderr : io.stdout, HELP);
    return sub === undefined ? EXIT.USAGE : EXIT.OK;
  }
  if (sub !== 'plan' && sub !== 'apply') throw new UsageError(`expected plan or apply, got ${JSON.stringify(sub)}\nRun 'samlfed onboard --help' for the options.`);
  const { values, positionals } = parseCommandArgs(`onboard ${sub}`, rest, {
    ...CONNECTION_OPTIONS,
    format: { type: 'string', short: 'f', default: 'text' },
    output: { type: 'string', short: 'o' },
    out: { type: 'string' }, // Terraform's spelling (issue 9: `--out plan.json`)
    prune: { type: 'boolean', default: false },
    'detailed-exitcode': { type: 'boolean', default: false },
    'dry-run': { type: 'boolean', default: false },
    now: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    await write(io.stdout, HELP);
    return EXIT.OK;
  }
  const detailed = values['detailed-exitcode'] === true;
  try {
    if (values.out !== undefined) {
      if (values.output !== undefined) throw new UsageError('give the plan file once: -o/--output or --out');
      values.output = values.out;
    }
    if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`--format must be text or json, got ${JSON.stringify(values.format)}`);
    if (positionals.length === 0) throw new UsageError(`give at least one PATH (a partner manifest, samlfed.onboard.yaml, or a folder such as examples/)\nRun 'samlfed onboard --help' for the options.`);
    if (sub === 'apply' && values.output !== undefined) throw new UsageError('-o/--output saves a plan: use it with plan');
    if (sub === 'plan' && values['dry-run']) throw new UsageError('--dry-run is for apply (plan never sends a write)');
    if (sub === 'apply' && detailed) throw new UsageError('--detailed-exitcode is for plan');
    const now = values.now !== undefined ? parseNow(values.now) : new Date();
    const saved = sub === 'apply' ? await savedPlan(positionals, io) : undefined;
    if (saved && values.prune) throw new UsageError('--prune is recorded in a saved plan: make the plan with --prune');
    const client = await openTenantClient(values, io);
    const json = values.format === 'json';
    if (sub === 'plan') return await doPlan(client, positionals, { now, prune: values.prune === true, json, detailed, ...(values.output !== undefined ? { output: values.output } : {}) }, io);
    return await doApply(client, saved ? { saved } : { paths: positionals }, { now, prune: values.prune === true, json, dryRun: values['dry-run'] === true }, io);
  } catch (e) {
    if (e instanceof UsageError && !detailed) throw e;
    if (!(e instanceof UsageError) && !isSamlfedError(e)) throw e;
    await write(io.stderr, `samlfed onboard ${sub}: ${isSamlfedError(e) ? `${e.code}: ` : ''}${e.message}\n`);
    // Unreadable input is 2 (house rule) unless --detailed-exitcode, where every error is 1.
    if (detailed) return EXIT.REJECTED;
    return isSamlfedError(e) && (e.code === 'ERR_MANIFEST_FILE' || e.code === 'ERR_ONBOARD_NO_INPUT' || e.code === 'ERR_ONBOARD_PLAN_INVALID' || e.code === 'ERR_TENANT_CONFIG') ? EXIT.USAGE : EXIT.REJECTED;
  }
}

/** `apply FILE` where FILE is a saved plan (JSON with format samlfed-onboard-plan), else undefined. */
async function savedPlan(paths: readonly string[], io: CliIo) {
  if (paths.length !== 1 || !paths[0]!.toLowerCase().endsWith('.json')) return undefined;
  let text: string;
  try {
    text = await readFile(resolve(io.cwd, paths[0]!), 'utf8');
  } catch {
    return undefined; // a folder or a missing file: the loader says what is wrong
  }
  if (text.length > MAX_PLAN_BYTES || !text.includes(PLAN_FORMAT)) return undefined;
  return readPlanDocument(text, paths[0]);
}

async function doPlan(client: TenantClient, paths: readonly string[], o: { now: Date; prune: boolean; json: boolean; detailed: boolean; output?: string }, io: CliIo): Promise<number> {
  const made = await makePlan(client, paths, { cwd: io.cwd, now: o.now, prune: o.prune });
  const json = `${JSON.stringify(made.document, null, 2)}\n`;
  await write(io.stdout, o.json ? json : formatPlanText(made.plan, { tenant: client.baseUrl, fingerprint: made.document.fingerprint }));
  if (o.output !== undefined) {
    await writeOutputFile(io, o.output, json);
    await write(io.stderr, `samlfed onboard plan: saved the plan to ${o.output}; apply it with: samlfed onboard apply ${o.output}\n`);
  }
  if (made.plan.blocked.length || made.plan.problems.length) return EXIT.REJECTED;
  return o.detailed && made.plan.changes.length > 0 ? 2 : EXIT.OK;
}

async function doApply(client: TenantClient, what: { saved: NonNullable<Awaited<ReturnType<typeof savedPlan>>> } | { paths: readonly string[] }, o: { now: Date; prune: boolean; json: boolean; dryRun: boolean }, io: CliIo): Promise<number> {
  const made: MadePlan = 'saved' in what ? await checkSavedPlan(client, what.saved, { cwd: io.cwd, now: o.now }) : await makePlan(client, what.paths, { cwd: io.cwd, now: o.now, prune: o.prune });
  if (!o.json) await write(io.stdout, formatPlanText(made.plan, { tenant: client.baseUrl, fingerprint: made.document.fingerprint }));
  const requests: DryRequest[] = [];
  const target = o.dryRun ? recordingClient(client, (r) => requests.push(r)) : client;
  const progress = new StepProgress(io, o.dryRun ? 'dry run' : 'apply');
  let result: ApplyResult;
  try {
    result = await applyPlan(target, made.desired, made.plan, { now: o.now, dryRun: o.dryRun, onStep: (e: StepEvent) => progress.event(e) });
  } finally {
    progress.stop();
  }
  if (o.json) {
    const err = result.failed?.error;
    const failed = result.failed ? { change: result.failed.change, label: result.failed.label, error: isSamlfedError(err) ? err.toJSON() : { message: err instanceof Error ? err.message : String(err) } } : null;
    await write(io.stdout, `${JSON.stringify({ plan: made.document, result: { done: result.done, already: result.already, planned: result.planned, failed, notRun: result.notRun }, ...(o.dryRun ? { requests } : {}) }, null, 2)}\n`);
  } else if (o.dryRun) {
    await write(io.stdout, requests.length ? `\nDry run: these requests would be sent (none was):\n\n${requests.map(formatDryRequest).join('\n')}` : '\nDry run: nothing to send.\n');
  }
  if (result.failed) {
    const lines = [`samlfed onboard apply: stopped at step ${result.failed.label}:`, `  ${isSamlfedError(result.failed.error) ? `${result.failed.error.code}: ` : ''}${result.failed.error instanceof Error ? result.failed.error.message : String(result.failed.error)}`];
    lines.push(`Done (${result.done.length + result.already.length}):`, ...[...result.done, ...result.already].flatMap((c) => changeLines(c).slice(0, 1).map((l) => `  ${l}`)));
    lines.push(`Not done (${result.notRun.length + 1}):`, ...[result.failed.change, ...result.notRun].flatMap((c) => changeLines(c).slice(0, 1).map((l) => `  ${l}`)));
    lines.push('Run apply again to finish: every step checks the tenant first.');
    await write(io.stderr, `${lines.join('\n')}\n`);
    return EXIT.REJECTED;
  }
  if (!o.json && !o.dryRun) await write(io.stdout, `\nApply complete: ${result.done.length} changed, ${result.already.length} already in place.\n`);
  return EXIT.OK;
}
