/**
 * The end-to-end world: the tenant sandbox (as the host tenant and its SP), one partner IdP
 * simulator of each flavour, and the desired state that federates them, applied with
 * `onboard` through the tenant client over real HTTP. A shared mutable clock drives the sandbox
 * and the simulators (tests move it instead of sleeping).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { startIdp, signInAt, type IdpServer } from '../../../src/idp/index.js';
import { onboard } from '../../../src/onboard/index.js';
import { createTenantClient } from '../../../src/tenant/index.js';
import { NATIVE, startTestSandbox, TEST_CLIENT_ID, TEST_CLIENT_SECRET, type TestSandbox } from '../../helpers/sandbox.js';
import { key } from '../../idp/helpers.js';
import { readForm, UserAgent, type UaResponse } from './ua.js';

export const NOW = new Date('2026-06-15T12:00:00Z');

/** The partners as federated: names, login suffixes, partner mappings and the roles of their host groups. */
export const PARTNERS = {
  adfs: {
    name: 'simadfs',
    domain: 'sim-adfs.example',
    manifest: (metadata: string) =>
      [
        'name: simadfs',
        'domains: [sim-adfs.example]',
        `metadata: ./${metadata}`,
        'flavor: auto',
        'groupAttribute: http://schemas.xmlsoap.org/claims/Group',
        'mappings:',
        '  Sales Managers: Mgrs-Sales',
        '  Contractors: Partner-Guests',
        'roles:',
        '  Mgrs-Sales: [Sales Portal Users, Sales Reports]',
        '  Partner-Guests: [Guest Portal Users]',
      ].join('\n'),
  },
  tenant: {
    name: 'simtenant',
    domain: 'sim-tenant.example',
    manifest: (metadata: string) =>
      ['name: simtenant', 'domains: [sim-tenant.example]', `metadata: ./${metadata}`, 'flavor: auto', 'mappings:', '  Globex Sales: Partner-Sales', 'roles:', '  Partner-Sales: [Sales Portal Users]'].join('\n'),
  },
} as const;

/** Global mappings and roles of groups no partner assigns (samlfed.onboard.yaml). */
const onboardFile = (mfa: boolean) =>
  ['globalMappings:', '  Contractors: External-Contractors', '  Auditors: External-Auditors', 'roles:', '  External-Contractors: [Guest Portal Users]', '  External-Auditors: [Audit Readers]', 'mfa:', `  federatedLogins: ${mfa}`].join('\n');

export interface World {
  readonly sb: TestSandbox;
  readonly adfs: IdpServer;
  readonly tenant: IdpServer;
  /** The clock of the sandbox and the simulators; set `clock.now` to move time. */
  readonly clock: { now: Date };
  readonly dir: string;
  stop(): Promise<void>;
}

export async function startWorld(opts: { mfa?: boolean } = {}): Promise<World> {
  const clock = { now: NOW };
  const now = () => clock.now;
  const sb = await startTestSandbox({ now });
  const adfs = await startIdp({ flavour: 'adfs', keyPem: key('idp-signing.key.pem'), certPem: key('idp-signing.crt.pem'), encryptionKeyPem: key('idp-encryption.key.pem'), encryptionCertPem: key('idp-encryption.crt.pem'), now });
  const tenant = await startIdp({ flavour: 'tenant', keyPem: key('idp-signing-2.key.pem'), certPem: key('idp-signing-2.crt.pem'), now });
  const dir = mkdtempSync(join(tmpdir(), 'samlfed-e2e-'));
  const stop = async () => {
    await Promise.all([sb.stop(), adfs.stop(), tenant.stop()]);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (const [flavour, idp] of [['adfs', adfs], ['tenant', tenant]] as const) {
      mkdirSync(join(dir, flavour));
      writeFileSync(join(dir, flavour, 'metadata.xml'), idp.metadataXml);
      writeFileSync(join(dir, flavour, 'partner.yaml'), PARTNERS[flavour].manifest('metadata.xml'));
    }
    writeFileSync(join(dir, 'samlfed.onboard.yaml'), onboardFile(opts.mfa ?? false));
    const client = createTenantClient({ url: sb.url, auth: { kind: 'client-credentials', appId: sb.oauth.appId, clientId: TEST_CLIENT_ID, clientSecret: TEST_CLIENT_SECRET, scope: 'all' } });
    const made = await onboard(client, [dir], { now: NOW });
    if (made.result.failed) throw new Error(`onboard apply failed at ${made.result.failed.label}: ${String((made.result.failed.error as Error)?.message ?? made.result.failed.error)}`);
  } catch (e) {
    await stop();
    throw e;
  }
  return { sb, adfs, tenant, clock, dir, stop };
}

/** Home-realm discovery over the API: the IdpRedirectUrl for `user`, or the envelope when there is none. */
export async function startAuthentication(w: World, user: string): Promise<{ redirect?: string; envelope: { success: boolean; Result?: Record<string, unknown> | null } }> {
  const envelope = await w.sb.call<Record<string, unknown> | null>('/Security/StartAuthentication', { User: user, Version: '1.0' });
  const redirect = envelope.Result?.IdpRedirectUrl;
  return { ...(typeof redirect === 'string' ? { redirect } : {}), envelope };
}

/** The AuthnRequest ID and RelayState carried by an IdpRedirectUrl (HTTP-Redirect binding). */
export function requestOf(idpRedirectUrl: string): { id: string; relayState?: string } {
  const u = new URL(idpRedirectUrl);
  const xml = inflateRawSync(Buffer.from(u.searchParams.get('SAMLRequest')!, 'base64')).toString('utf8');
  const relayState = u.searchParams.get('RelayState');
  return { id: /\bID="([^"]+)"/.exec(xml)![1]!, ...(relayState !== null ? { relayState } : {}) };
}

/** The same AuthnRequest sent to another IdP's SSO endpoint (e.g. an impostor). */
export function redirectTo(idpRedirectUrl: string, idp: IdpServer): string {
  return `${idp.ssoUrl}${new URL(idpRedirectUrl).search}`;
}

export interface PostedLogin {
  readonly ua: UserAgent;
  /** The ACS answer (after MFA, when asked). */
  readonly acs: UaResponse;
  readonly samlResponse: string;
  readonly relayState?: string;
  /** True when the sandbox asked for a second factor. */
  readonly mfaAsked: boolean;
}

/** POST a Response to the ACS as the auto-submitting form would; answer the MFA page with the code the sandbox logged. */
export async function postToAcs(w: World, user: string, acsUrl: string, samlResponse: string, relayState?: string, ua = new UserAgent()): Promise<PostedLogin> {
  let acs = await ua.request(acsUrl, { form: { SAMLResponse: samlResponse, ...(relayState !== undefined ? { RelayState: relayState } : {}) } });
  let mfaAsked = false;
  if (acs.status === 200 && acs.text.includes('id="mfa-form"')) {
    mfaAsked = true;
    const { codes } = await w.sb.adminApi<{ codes: { user: string; code: string }[] }>(`codes?user=${encodeURIComponent(user.toLowerCase())}`);
    const form = readForm(acs.text, 'mfa-form', acsUrl);
    const input = /<input\b[^>]*\bid="mfa-code"[^>]*>/.exec(acs.text)?.[0] ?? '';
    const name = /\bname="([^"]+)"/.exec(input)?.[1] ?? 'code';
    acs = await ua.request(form.action, { form: { ...form.fields, [name]: codes.at(-1)!.code } });
  }
  return { ua, acs, samlResponse, ...(relayState !== undefined ? { relayState } : {}), mfaAsked };
}

/** A whole login over HTTP: HRD, the simulator's login, the ACS (and MFA). */
export async function loginOverHttp(w: World, user: string, groups: readonly string[]): Promise<PostedLogin> {
  const { redirect, envelope } = await startAuthentication(w, user);
  if (!redirect) throw new Error(`no IdpRedirectUrl for ${user}: ${JSON.stringify(envelope).slice(0, 300)}`);
  const signed = await signInAt(redirect, user, { groups });
  return postToAcs(w, user, signed.acsUrl, signed.samlResponse, signed.relayState);
}

/** `Security/whoami` with the session cookie: the Result, or the HTTP status when refused. */
export async function whoami(w: World, ua: UserAgent): Promise<{ status: number; result?: Record<string, unknown> }> {
  const r = await ua.request(`${w.sb.url}/Security/whoami`, { json: {}, headers: { ...NATIVE } });
  if (r.status !== 200) return { status: r.status };
  const env = JSON.parse(r.text) as { success: boolean; Result: Record<string, unknown> };
  return env.success ? { status: 200, result: env.Result } : { status: 200 };
}
