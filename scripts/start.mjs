// `npm start`: the full rehearsal of federation as code, against a local sandbox of the tenant.
// 1. start the sandbox (src/sandbox, built into dist/) on a free port with a temporary state;
// 2. `samlfed onboard plan examples/`  : the two example partners (AD FS and tenant to tenant),
//    the global mappings and roles of examples/samlfed.onboard.yaml, MFA for federated logins;
// 3. `samlfed onboard apply examples/` : make it so (progress on stderr, one line per step);
// 4. `samlfed tenant ...`              : what the tenant now holds (federations, mappings, roles);
// 5. `samlfed onboard plan examples/`  : "No changes." (exit 0 with --detailed-exitcode);
// 6. partner logins (the idp helper's section, scripts/start-logins.mjs, when present);
// 7. stop the sandbox. Every step shows the exact command; exits with the failing step's code.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
const cli = `${root}dist/bin/samlfed.js`; // package.json "bin" (scripts/build-bin.mjs)
if (!existsSync(cli) || !existsSync(`${root}dist/sandbox/index.js`)) {
  console.error('samlfed is not built: run `npm ci` (or `npm run build`) first.');
  process.exit(2);
}
const { startSandbox } = await import(`${root}dist/sandbox/index.js`);

const heading = (text) => console.log(`\n${'='.repeat(78)}\n${text}\n${'='.repeat(78)}`);
const quote = (a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `"${a}"`);

const started = Date.now();
const sandbox = await startSandbox({ port: 0, log: () => {} });
// The connection of every `samlfed tenant` / `samlfed onboard` command: environment variables,
// never argv (docs/tenant.md). The sandbox generated this admin password for this run only.
const env = { ...process.env, SAMLFED_TENANT_URL: sandbox.url, SAMLFED_USER: sandbox.admin.user, SAMLFED_PASSWORD: sandbox.admin.password ?? '' };
delete env.SAMLFED_TOKEN;
delete env.SAMLFED_CLIENT_ID;
delete env.SAMLFED_CLIENT_SECRET;

/** Run `samlfed ARGS` (asynchronously: the sandbox answers from this process). */
function run(args, { echo = true, capture = false } = {}) {
  if (echo) console.log(`$ samlfed ${args.map(quote).join(' ')}`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: root, env, stdio: ['ignore', capture ? 'pipe' : 'inherit', capture ? 'pipe' : 'inherit'] });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d) => (stdout += d));
    child.stderr?.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** Run a step that must exit with one of `ok` (default 0), else stop everything. */
async function step(args, ok = [0]) {
  const r = await run(args);
  if (!ok.includes(r.status)) {
    console.error(`\nnpm start: "samlfed ${args.map(quote).join(' ')}" exited with ${r.status}`);
    await sandbox.stop();
    process.exit(r.status || 1);
  }
  return r;
}

let exitCode = 0;
try {
  console.log(`samlfed: federation as code, rehearsed against a local sandbox of the tenant.
The sandbox is an emulator built from the vendor's public documentation, not the product.
  tenant URL  ${sandbox.url}  (tenant ${sandbox.tenantId}, temporary state)
  admin       ${sandbox.admin.user}  (password in SAMLFED_PASSWORD for the commands below)`);

  heading('1. Plan: what the files in examples/ want that the tenant does not have yet');
  await step(['onboard', 'plan', 'examples', '--detailed-exitcode'], [2]);

  heading('2. Apply: make the changes (each step re-reads the tenant first; safe to re-run)');
  await step(['onboard', 'apply', 'examples']);

  heading('3. What the tenant holds now');
  await step(['tenant', 'federations']);
  console.log();
  await step(['tenant', 'global-mappings']);
  console.log();
  await step(['tenant', 'roles', '--members']);
  console.log();
  await step(['tenant', 'policy']);

  heading('4. Plan again: the tenant matches the files');
  await step(['onboard', 'plan', 'examples', '--detailed-exitcode'], [0]);

  // ---------------------------------------------------------------------------------------------
  // 5. Partner logins (owned by the idp helper: scripts/start-logins.mjs). It gets the sandbox URL,
  // the connection environment and `run(args)`; it onboards its simulators as extra partners and
  // signs one user in per flavour. Absent file: the section is skipped.
  const logins = new URL('./start-logins.mjs', import.meta.url);
  if (existsSync(logins)) {
    heading('5. Partner logins through the sandbox');
    const { partnerLogins } = await import(logins.href);
    await partnerLogins({ cli, sandboxUrl: sandbox.url, env, run: (args) => run(args, { capture: true }), heading });
  }
  // ---------------------------------------------------------------------------------------------

  console.log(`
Next steps for a real tenant:
  1. write a partner manifest (docs/federation.md "Manifest"; start from examples/*/partner.yaml)
     and the tenant-wide samlfed.onboard.yaml (docs/onboard.md)
  2. export SAMLFED_TENANT_URL and credentials (docs/tenant.md), then
     samlfed onboard plan DIR -o plan.json    review it; confirm each SHA-1 thumbprint with the partner
  3. samlfed onboard apply plan.json          refused if the tenant changed since the plan

npm start: done in ${((Date.now() - started) / 1000).toFixed(1)} s (every step succeeded).`);
} catch (e) {
  console.error(`npm start: ${e instanceof Error ? e.message : String(e)}`);
  exitCode = 1;
} finally {
  await sandbox.stop();
}
process.exit(exitCode);
