// `npm start`: the main job on built-in defaults — onboard the two bundled example
// partners (one AD FS, one tenant-to-tenant): lint and inspect their IdP metadata,
// then build and show the reviewable CreateFederation payload and a group mapping.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli/main.js', import.meta.url).pathname;
if (!existsSync(cli)) {
  console.error('samlfed is not built: run `npm ci` (or `npm run build`) first.');
  process.exit(2);
}
const partners = [
  { name: 'AD FS partner', dir: 'examples/adfs-partner', metadata: 'federationmetadata.xml', values: ['Sales Managers', 'Domain Users'] },
  { name: 'tenant partner', dir: 'examples/tenant-partner', metadata: 'idp-metadata.xml', values: ['Partner Admins', 'Sales'] },
];

function step(title, args) {
  console.log(`\n=== ${title}\n$ samlfed ${args.join(' ')}`);
  const r = spawnSync(process.execPath, [cli, ...args], { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`\nnpm start: "samlfed ${args.join(' ')}" exited with ${r.status}`);
    process.exit(r.status ?? 1);
  }
}

step('Lint the partners\' IdP metadata', ['lint', ...partners.map((p) => `${p.dir}/${p.metadata}`)]);
for (const p of partners) {
  step(`Inspect the ${p.name}'s metadata`, ['inspect', `${p.dir}/${p.metadata}`]);
  if (existsSync(`${p.dir}/partner.yaml`)) {
    step(`CreateFederation payload for the ${p.name} (reviewable view)`, ['payload', '--partner', `${p.dir}/partner.yaml`, '--settings', 'examples/global-settings.json', '--format', 'json']);
    step(`Host groups for a ${p.name} user with ${p.values.join(' + ')}`, ['map', '--partner', `${p.dir}/partner.yaml`, '--global', 'examples/global-mappings.json', ...p.values]);
  }
}
console.log('\nnpm start: done.');
