import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../sandbox/index.js';
import { EXIT, UsageError, write, type CliIo } from '../io.js';
import { integer, parseCommandArgs } from '../options.js';

const HELP = `Usage: samlfed sandbox [--port N] [--state FILE] [--seed N] [--faults SPEC] [--loose]
                       [--mfa EMAIL|OATH] [--format text|json]

Run a local emulator of the tenant API on 127.0.0.1 (LocalStack style), built from the vendor's
public documentation: it is not the product. Every response carries X-Samlfed-Sandbox: 1.
Stops on SIGINT/SIGTERM.

  --port N              TCP port on 127.0.0.1 (default 0: a free port)
  --state FILE          state file, kept across restarts and written after every change
                        (default: a temporary file removed on exit); a corrupt file stops the start
  --seed N              seed for ids and fault decisions (default: random; a state file keeps its own)
  --faults SPEC         fault rules: JSON text, or a file holding it (see docs/sandbox.md)
  --loose               do not require the native-client header or the exact CreateFederation form
  --mfa EMAIL|OATH      give the admin user a second challenge (new state only)
  -f, --format text|json
                        how to print the start banner (json: one line with url and credentials)
  -h, --help            show this help

Admin login from SAMLFED_SANDBOX_USER / SAMLFED_SANDBOX_PASSWORD, OAuth2 client from
SAMLFED_SANDBOX_CLIENT_ID / SAMLFED_SANDBOX_CLIENT_SECRET; otherwise generated and printed once.
Admin endpoints: /_sandbox/health, reset, state, faults, requests, codes.

Exit codes: 0 stopped cleanly, 2 usage, unreadable or corrupt state, port in use.
`;

async function readFaults(spec: string, cwd: string): Promise<unknown> {
  const text = /^\s*[[{]/.test(spec) ? spec : await readFile(resolve(cwd, spec), 'utf8').catch((e: unknown) => {
    throw new UsageError(`--faults: cannot read ${spec}: ${e instanceof Error ? e.message : String(e)}`);
  });
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new UsageError(`--faults must be JSON (or a JSON file): ${e instanceof Error ? e.message : String(e)}`);
  }
}

function banner(sb: RunningSandbox): string {
  const lines = [
    `samlfed sandbox: tenant emulator built from public documentation (not the vendor product)`,
    `  tenant URL   ${sb.url}   (tenant ${sb.tenantId})`,
    `  pod entry    ${sb.podUrl}   (StartAuthentication there answers PodFqdn)`,
    `  state file   ${sb.stateFile}`,
    `  admin user   ${sb.admin.user}`,
    `  password     ${sb.admin.password === undefined ? '(unchanged, kept in the state file; set SAMLFED_SANDBOX_PASSWORD to replace it)' : sb.admin.generated ? `${sb.admin.password}   (generated, shown once)` : '(from SAMLFED_SANDBOX_PASSWORD)'}`,
    `  OAuth2 app   ${sb.oauth.appId}   client ${sb.oauth.clientId}   scope ${sb.oauth.scope}`,
    `  secret       ${sb.oauth.clientSecret === undefined ? '(unchanged, kept in the state file; set SAMLFED_SANDBOX_CLIENT_SECRET to replace it)' : sb.oauth.generated ? `${sb.oauth.clientSecret}   (generated, shown once)` : '(from SAMLFED_SANDBOX_CLIENT_SECRET)'}`,
    `  log in       SAMLFED_TENANT_URL=${sb.url} SAMLFED_USER=${sb.admin.user} SAMLFED_PASSWORD=... samlfed tenant whoami`,
    `  browser      ${sb.url}/login`,
    `  admin        ${sb.url}/_sandbox/health (reset, state, faults, requests, codes)`,
    `Stop with Ctrl-C.`,
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * `samlfed sandbox`, stoppable by `signal` (tests) as well as SIGINT/SIGTERM.
 */
export async function runSandbox(argv: string[], io: CliIo, signal?: AbortSignal): Promise<number> {
  const { values } = parseCommandArgs('sandbox', argv, {
    port: { type: 'string' },
    state: { type: 'string' },
    seed: { type: 'string' },
    faults: { type: 'string' },
    loose: { type: 'boolean', default: false },
    mfa: { type: 'string' },
    format: { type: 'string', short: 'f', default: 'text' },
    help: { type: 'boolean', short: 'h' },
  }, false);
  if (values.help) {
    await write(io.stdout, HELP);
    return EXIT.OK;
  }
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`--format must be text or json, got ${JSON.stringify(values.format)}`);
  if (values.mfa !== undefined && values.mfa !== 'EMAIL' && values.mfa !== 'OATH') throw new UsageError(`--mfa must be EMAIL or OATH, got ${JSON.stringify(values.mfa)}`);
  const port = values.port === undefined ? 0 : integer('--port', values.port, 0);
  if (port > 65535) throw new UsageError(`--port must be at most 65535, got ${port}`);
  const seed = values.seed === undefined ? undefined : integer('--seed', values.seed, 0);
  if (seed !== undefined && seed > 0xffffffff) throw new UsageError(`--seed must be at most 4294967295, got ${seed}`);
  const env = io.env;
  const opts: SandboxOptions = {
    port,
    loose: values.loose === true,
    log: (line) => void io.stdout.write(`[sandbox] ${line}\n`),
    ...(values.state !== undefined ? { stateFile: resolve(io.cwd, values.state) } : {}),
    ...(seed !== undefined ? { seed } : {}),
    ...(values.faults !== undefined ? { faults: await readFaults(values.faults, io.cwd) } : {}),
    ...(values.mfa !== undefined ? { adminMfa: values.mfa as 'EMAIL' | 'OATH' } : {}),
    ...(env['SAMLFED_SANDBOX_USER'] ? { adminUser: env['SAMLFED_SANDBOX_USER'] } : {}),
    ...(env['SAMLFED_SANDBOX_PASSWORD'] ? { adminPassword: env['SAMLFED_SANDBOX_PASSWORD'] } : {}),
    ...(env['SAMLFED_SANDBOX_CLIENT_ID'] ? { oauthClientId: env['SAMLFED_SANDBOX_CLIENT_ID'] } : {}),
    ...(env['SAMLFED_SANDBOX_CLIENT_SECRET'] ? { oauthClientSecret: env['SAMLFED_SANDBOX_CLIENT_SECRET'] } : {}),
  };
  const sb = await startSandbox(opts);
  if (values.format === 'json') {
    // Secrets appear only when generated by this start (shown once); never those taken from the environment.
    const admin = { user: sb.admin.user, ...(sb.admin.generated ? { password: sb.admin.password } : {}) };
    const oauth = { appId: sb.oauth.appId, clientId: sb.oauth.clientId, scope: sb.oauth.scope, ...(sb.oauth.generated ? { clientSecret: sb.oauth.clientSecret } : {}) };
    await write(io.stdout, `${JSON.stringify({ url: sb.url, podUrl: sb.podUrl, tenantId: sb.tenantId, stateFile: sb.stateFile, admin, oauth })}\n`);
  } else {
    await write(io.stdout, banner(sb));
  }
  await new Promise<void>((resolveStop) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      signal?.removeEventListener('abort', stop);
      resolveStop();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    if (signal?.aborted) stop();
    else signal?.addEventListener('abort', stop);
  });
  await sb.stop();
  if (values.format === 'text') await write(io.stdout, 'samlfed sandbox: stopped\n');
  return EXIT.OK;
}

/** `samlfed sandbox`. */
export async function run(argv: string[], io: CliIo): Promise<number> {
  return runSandbox(argv, io);
}
