import { resolve } from 'node:path';
import { buildCreateFederationPayload, loadManifest, parseManifest } from '../../src/federation/index.js';
import { createTenantClient, type MfaAnswer, type TenantAuth, type TenantClient, type TenantClientOptions } from '../../src/tenant/index.js';
import { TEST_ADMIN_PASSWORD, TEST_CLIENT_ID, TEST_CLIENT_SECRET, type TestSandbox } from '../helpers/sandbox.js';

export const ROOT = resolve(__dirname, '../..');
/** Every secret the tests use: no error, output or toJSON may contain one. */
export const SECRETS = [TEST_ADMIN_PASSWORD, TEST_CLIENT_SECRET];

/** A recorder of waits: returns at once (the clock is frozen), remembers each requested wait. */
export function recordingSleep(): { sleep: (ms: number) => Promise<void>; waits: number[] } {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

/** Fetch that records each request's Authorization header and path (the real global fetch underneath). */
export function recordingFetch(): { fetch: typeof fetch; calls: { path: string; authorization: string | null }[] } {
  const calls: { path: string; authorization: string | null }[] = [];
  const f: typeof fetch = async (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    calls.push({ path: url.pathname, authorization: new Headers(init?.headers).get('authorization') });
    return fetch(input, init);
  };
  return { fetch: f, calls };
}

export const passwordAuth = (sb: TestSandbox, mfa?: MfaAnswer): TenantAuth => ({ kind: 'password', user: sb.admin.user, password: TEST_ADMIN_PASSWORD, ...(mfa ? { mfa } : {}) });
export const clientAuth = (sb: TestSandbox): TenantAuth => ({ kind: 'client-credentials', appId: sb.oauth.appId, clientId: TEST_CLIENT_ID, clientSecret: TEST_CLIENT_SECRET, scope: sb.oauth.scope });

/** A client on the sandbox with a frozen clock and a recording sleep. */
export function clientFor(sb: TestSandbox, opts: Partial<TenantClientOptions> = {}): { client: TenantClient; waits: number[] } {
  const rec = recordingSleep();
  const client = createTenantClient({ url: sb.url, auth: clientAuth(sb), now: () => Date.parse('2026-12-01T12:00:00Z'), sleep: rec.sleep, random: () => 0.5, timeoutMs: 5000, ...opts });
  return { client, waits: rec.waits };
}

/** The ADFS example partner's CreateFederation payload, with the sandbox's SP settings. */
export async function adfsPayload(client: TenantClient, over: { name?: string; domains?: string[]; federationUuid?: string } = {}) {
  const settings = await client.getGlobalFederationSettings();
  const base = await loadManifest(resolve(ROOT, 'examples/adfs-partner/partner.yaml'));
  const manifest = over.name || over.domains
    ? parseManifest(`name: ${over.name ?? base.name}\ndomains: [${(over.domains ?? [...base.domains]).join(', ')}]\nmetadata: ./federationmetadata.xml\nmappings:\n  Sales Managers: Mgrs-Sales\n`, { baseDir: resolve(ROOT, 'examples/adfs-partner') })
    : base;
  return buildCreateFederationPayload(manifest, { settings, now: new Date('2026-12-01T12:00:00Z'), ...(over.federationUuid ? { federationUuid: over.federationUuid } : {}) });
}

/** Assert that no secret appears in `text`. */
export function leaked(text: string): string[] {
  return SECRETS.filter((s) => text.includes(s));
}
