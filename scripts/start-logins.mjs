// `npm start`, final section (owned by the idp helper; called by scripts/start.mjs while the sandbox
// still runs): one partner user of each flavour logs in over HTTP, no browser. Two partner IdP
// simulators (`samlfed idp`: AD FS and a tenant's B2B SAML app) start with generated keys; their
// metadata is onboarded as two more partners; then each user goes through home-realm discovery
// (Security/StartAuthentication), signs in at her IdP, and her Response is posted to the sandbox's
// ACS (/My). Her session's host groups and roles are printed (Security/whoami).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const NATIVE = { 'X-CENTRIFY-NATIVE-CLIENT': 'true', 'X-IDAP-NATIVE-CLIENT': 'true' };

const PARTNERS = [
  {
    flavour: 'adfs',
    title: 'AD FS partner (simulated)',
    user: 'alice@sim-adfs.example',
    groups: ['Sales Managers', 'Contractors', 'Domain Users'],
    manifest: [
      'name: simadfs',
      'domains: [sim-adfs.example]',
      'metadata: ./metadata.xml',
      'flavor: auto',
      'groupAttribute: http://schemas.xmlsoap.org/claims/Group',
      'mappings:',
      '  Sales Managers: Mgrs-Sales',
      '  Contractors: Partner-Guests',
      'roles:',
      '  Mgrs-Sales: [Sales Portal Users, Sales Reports]',
      '  Partner-Guests: [Guest Portal Users]',
    ],
  },
  {
    flavour: 'tenant',
    title: 'tenant-to-tenant partner (simulated)',
    user: 'bob@sim-tenant.example',
    groups: ['Globex Sales', 'Globex Support Engineers', 'Globex Interns'],
    manifest: ['name: simtenant', 'domains: [sim-tenant.example]', 'metadata: ./metadata.xml', 'flavor: auto', 'mappings:', '  Globex Sales: Partner-Sales', 'roles:', '  Partner-Sales: [Sales Portal Users]'],
  },
];

/** A tiny cookie-keeping client with manual redirects. */
function agent() {
  const jar = new Map();
  return async (url, { form, json, headers = {} } = {}) => {
    const h = { ...headers };
    if (jar.size) h.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    let body;
    if (form) (h['content-type'] = 'application/x-www-form-urlencoded'), (body = new URLSearchParams(form).toString());
    if (json !== undefined) (h['content-type'] = 'application/json'), (body = JSON.stringify(json));
    const res = await fetch(url, { method: body === undefined ? 'GET' : 'POST', headers: h, body, redirect: 'manual', signal: AbortSignal.timeout(15_000) });
    for (const c of res.headers.getSetCookie()) {
      const pair = c.split(';')[0];
      const i = pair.indexOf('=');
      jar.set(pair.slice(0, i).trim(), pair.slice(i + 1).trim());
    }
    return { status: res.status, location: res.headers.get('location'), text: await res.text(), jar };
  };
}

const unescape = (s) => s.replace(/&(amp|lt|gt|quot|#39);/g, (_m, e) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]);

function readForm(html, id, base) {
  const start = html.search(new RegExp(`<form[^>]*\\bid="${id}"`));
  const form = html.slice(start, html.indexOf('</form>', start));
  const action = /\baction="([^"]*)"/.exec(form)?.[1] ?? '';
  const fields = {};
  for (const m of form.matchAll(/<input\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[0])?.[1];
    if (name) fields[unescape(name)] = unescape(/\bvalue="([^"]*)"/.exec(m[0])?.[1] ?? '');
  }
  const codeName = /<input\b[^>]*\bid="mfa-code"[^>]*>/.exec(form)?.[0]?.match(/\bname="([^"]+)"/)?.[1];
  return { action: new URL(unescape(action), base).href, fields, codeName };
}

/** One partner user's login over HTTP; returns whoami's Result. */
async function login(sandboxUrl, p, signInAt, log) {
  const request = agent();
  const start = JSON.parse((await request(`${sandboxUrl}/Security/StartAuthentication`, { json: { User: p.user, Version: '1.0' }, headers: NATIVE })).text);
  const redirect = start.Result?.IdpRedirectUrl;
  if (!redirect) throw new Error(`home-realm discovery gave no IdpRedirectUrl for ${p.user}: ${start.Message ?? JSON.stringify(start.Result)}`);
  log(`HRD: ${p.user} -> ${new URL(redirect).origin}${new URL(redirect).pathname}`);
  const signed = await signInAt(redirect, p.user, { groups: p.groups });
  log(`IdP: signed in, Group values sent: ${p.groups.join(', ')}`);
  let acs = await request(signed.acsUrl, { form: { SAMLResponse: signed.samlResponse, ...(signed.relayState !== undefined ? { RelayState: signed.relayState } : {}) } });
  if (acs.status === 200 && acs.text.includes('id="mfa-form"')) {
    const codes = await (await fetch(`${sandboxUrl}/_sandbox/codes?user=${encodeURIComponent(p.user)}`)).json();
    const form = readForm(acs.text, 'mfa-form', signed.acsUrl);
    log('MFA: federated logins need a second factor; answering with the code the sandbox logged');
    acs = await request(form.action, { form: { ...form.fields, [form.codeName ?? 'code']: codes.codes.at(-1).code } });
  }
  if (acs.status !== 303 && acs.status !== 302) {
    const code = /id="error-code"[^>]*>([^<]*)</.exec(acs.text)?.[1];
    throw new Error(`the ACS refused the login of ${p.user}: HTTP ${acs.status}${code ? ` ${code}` : ''}`);
  }
  const me = JSON.parse((await request(`${sandboxUrl}/Security/whoami`, { json: {}, headers: NATIVE })).text);
  if (!me.success) throw new Error(`whoami failed for ${p.user}: ${me.Message}`);
  return me.Result;
}

/**
 * Called by scripts/start.mjs: `run(args)` runs `samlfed` with the sandbox connection in the
 * environment and resolves to {status, stdout, stderr}. Resolves to 0 when both users signed in;
 * throws (after stopping the simulators) when a step fails, so that npm start fails.
 */
export async function partnerLogins({ sandboxUrl, run }) {
  const { startIdp, signInAt } = await import('../dist/idp/index.js');
  console.log('One user of each partner flavour signs in over HTTP (no browser), through two partner IdP simulators.');
  const dir = mkdtempSync(join(tmpdir(), 'samlfed-start-logins-'));
  const servers = [];
  try {
    for (const p of PARTNERS) {
      const idp = await startIdp({ flavour: p.flavour });
      servers.push(idp);
      p.idp = idp;
      const folder = join(dir, `sim-${p.flavour}`);
      mkdirSync(folder);
      writeFileSync(join(folder, 'metadata.xml'), idp.metadataXml);
      writeFileSync(join(folder, 'partner.yaml'), `${p.manifest.join('\n')}\n`);
      p.folder = folder;
      console.log(`$ samlfed idp --flavour ${p.flavour}    # ${p.title}: ${idp.metadataUrl}`);
    }
    const args = ['onboard', 'apply', ...PARTNERS.map((p) => p.folder)];
    console.log('Federate the simulators as two more partners (simadfs: sim-adfs.example, simtenant: sim-tenant.example):');
    const r = await run(args);
    if (r.status !== 0) {
      console.error(r.stderr || r.stdout);
      throw new Error(`"samlfed onboard apply" for the simulated partners exited with ${r.status}`);
    }
    for (const p of PARTNERS) {
      console.log(`\n--- ${p.title}: ${p.user}`);
      const me = await login(sandboxUrl, p, signInAt, (line) => console.log(`  ${line}`));
      console.log(`  session: ${me.User} (${me.AuthenticationType ?? 'federated'}, federation ${me.FederationName})`);
      console.log(`  host groups: ${(me.HostGroups ?? []).join(', ') || '(none)'}`);
      console.log(`  roles:       ${(me.Roles ?? []).join(', ') || '(none)'}`);
    }
    return 0;
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    rmSync(dir, { recursive: true, force: true });
  }
}
