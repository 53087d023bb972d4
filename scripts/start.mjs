// `npm start`: the main job on built-in defaults — onboard the two bundled example partners
// (one AD FS, one tenant-to-tenant): lint and inspect their IdP metadata, build the
// CreateFederation request for each (shown part by part), map sample users' groups to host
// groups, and end with a summary and the next steps. Every step shows the exact `samlfed`
// command it runs, so it can be copied. Exits 0 when every step works, else with the failing
// step's exit code.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli/main.js', import.meta.url).pathname;
if (!existsSync(cli)) {
  console.error('samlfed is not built: run `npm ci` (or `npm run build`) first.');
  process.exit(2);
}

const SETTINGS = 'examples/global-settings.json';
const GLOBAL = 'examples/global-mappings.json';
const partners = [
  {
    title: 'AD FS partner',
    dir: 'examples/adfs-partner',
    metadata: 'federationmetadata.xml',
    // one value of each kind: partner mapping, partner-over-global conflict, global only, unmapped
    values: ['Sales Managers', 'Contractors', 'Auditors', 'Domain Users'],
  },
  {
    title: 'tenant-to-tenant partner',
    dir: 'examples/tenant-partner',
    metadata: 'idp-metadata.xml',
    values: ['Globex Sales', 'Globex Support Engineers', 'Globex Interns'],
  },
];

/** Quote an argument the way a POSIX shell user would type it. */
function shellQuote(arg) {
  if (/^[\w@%+=:,./-]+$/.test(arg)) return arg;
  if (!/[$`"\\!]/.test(arg)) return `"${arg}"`;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}
const command = (args) => `$ samlfed ${args.map(shellQuote).join(' ')}`;
const indent = (text, by = '  ') => text.replace(/\n$/, '').split('\n').map((l) => (l ? by + l : l)).join('\n');
const heading = (text) => console.log(`\n${'='.repeat(78)}\n${text}\n${'='.repeat(78)}`);
const subheading = (text) => console.log(`\n--- ${text}`);

function fail(args, status, stderr) {
  if (stderr) console.error(indent(stderr));
  console.error(`\nnpm start: "samlfed ${args.map(shellQuote).join(' ')}" exited with ${status}`);
  process.exit(status || 1);
}

/** Run a step with its output shown as is. */
function show(args) {
  console.log(command(args));
  const r = spawnSync(process.execPath, [cli, ...args], { stdio: 'inherit' });
  if (r.status !== 0) fail(args, r.status, '');
}

/** Run a step and return its output (stderr is shown indented: warnings, the thumbprint). */
function capture(args, { echo = true, showStderr = true } = {}) {
  if (echo) console.log(command(args));
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) fail(args, r.status, r.stderr.toString('utf8'));
  if (showStderr && r.stderr.length) console.log(indent(r.stderr.toString('utf8'), '  stderr | '));
  return { stdout: r.stdout, stderr: r.stderr.toString('utf8') };
}

const fmtBytes = (n) => `${n.toLocaleString('en-US')} bytes`;

/** The reviewable view as a table: one line per part, in the order the request sends them. */
function printParts(view) {
  const width = Math.max(...view.fields.map((f) => f.name.length + ('file' in f ? 7 : 0)));
  console.log(`\n  ${'#'.padStart(2)}  ${'part'.padEnd(width)}  value`);
  view.fields.forEach((f, i) => {
    let value;
    if ('file' in f) {
      value = f.file.size === 0 ? '(empty, filename="")' : `${f.file.filename}, ${f.file.contentType}, ${fmtBytes(f.file.size)}, SHA-256 ${f.file.sha256.slice(0, 16)}…`;
    } else if (f.name === 'Mappings') {
      const list = JSON.parse(f.value);
      value = list.length ? list.map((m) => `${m.AttributeValue} -> ${m.GroupName}`).join('; ') : '[] (none)';
    } else {
      value = f.value === '' ? '(empty)' : f.value;
    }
    const name = 'file' in f ? `${f.name} (file)` : f.name;
    console.log(`  ${String(i + 1).padStart(2)}  ${name.padEnd(width)}  ${value}`);
  });
}

console.log(`samlfed: onboarding the two example partners in examples/ as a host tenant admin would.
For each partner: what its IdP metadata says, the CreateFederation request samlfed builds
from its manifest (partner.yaml), and which host groups and roles its users would get.`);

heading("1. Lint both partners' IdP metadata (errors would block the CreateFederation request)");
show(['lint', ...partners.map((p) => `${p.dir}/${p.metadata}`)]);

const summary = [];
partners.forEach((p, n) => {
  const manifest = `${p.dir}/partner.yaml`;
  const payloadArgs = ['payload', '--partner', manifest, '--settings', SETTINGS];
  heading(`${n + 2}. ${p.title} (${manifest})`);

  subheading('What its IdP metadata says');
  show(['inspect', `${p.dir}/${p.metadata}`]);

  subheading('The CreateFederation request, part by part (the reviewable JSON view, as a table)');
  const view = JSON.parse(capture([...payloadArgs, '--format', 'json']).stdout.toString('utf8'));
  printParts(view);
  const lint = view.lint ? `${view.lint.errorCount} errors, ${view.lint.warningCount} warnings, ${view.lint.infoCount} info` : 'no metadata (manual)';
  console.log(`\n  flavour ${view.flavour}; group attribute ${view.groupAttribute}; metadata lint: ${lint}`);
  const body = capture(payloadArgs, { echo: false, showStderr: false });
  const contentType = /^Content-Type: (.*)$/m.exec(body.stderr)?.[1] ?? '?';
  console.log(`  request body: ${fmtBytes(body.stdout.length)} (${command([...payloadArgs, '--out', 'body.bin']).slice(2)})`);
  console.log(`  POST it to https://<your tenant>/Federation/CreateFederation with Content-Type: ${contentType.replace(/boundary=.*/, 'boundary=…')}`);

  subheading(`Host groups and roles for a partner user whose IdP sends ${p.values.map((v) => `"${v}"`).join(', ')}`);
  const mapped = capture(['map', '--partner', manifest, '--global', GLOBAL, ...p.values]).stdout.toString('utf8');
  console.log(indent(mapped));
  const json = JSON.parse(capture(['map', '--partner', manifest, '--global', GLOBAL, '--format', 'json', ...p.values], { echo: false, showStderr: false }).stdout.toString('utf8'));

  summary.push({ name: view.fields[0].value, flavour: view.flavour, lint, thumbprint: view.thumbprint, parts: view.fields.length, bytes: body.stdout.length, hostGroups: json.hostGroups, conflicts: json.conflicts.length, unmapped: json.unmapped.length });
});

heading('Summary');
const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
for (const s of summary) {
  const row = (label, value) => console.log(`  ${label.padEnd(26)} ${value}`);
  console.log(`${s.name} (${s.flavour})`);
  row('metadata lint', s.lint);
  row('IdP signing SHA-1', `${s.thumbprint}  <- confirm with the partner out of band`);
  row('CreateFederation request', `${s.parts} parts, ${fmtBytes(s.bytes)}`);
  row("sample user's host groups", s.hostGroups.join(', ') || '(none)');
  row('', `${plural(s.conflicts, 'conflict')} with global mappings (the partner's mapping wins), ${plural(s.unmapped, 'unmapped value')}`);
}
console.log(`
Next steps for a real partner:
  1. write its manifest (docs/federation.md "Manifest"; start from examples/*/partner.yaml)
  2. samlfed payload --partner partner.yaml --settings global-settings.json --format json   review it
  3. confirm the SHA-1 thumbprint with the partner, pin it as expectedThumbprint
  4. samlfed payload --partner partner.yaml --settings global-settings.json --out body.bin   and POST it
  5. samlfed verify <SAMLResponse> --idp <metadata> --sp sp.json   on the first partner logins

npm start: done (every step succeeded).`);
