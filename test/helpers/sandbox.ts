/**
 * The one way to start the tenant sandbox in tests (client, onboard, idp and sandbox tests).
 *
 *   const sb = await startTestSandbox();          // 127.0.0.1, free port, temp state, fixed credentials
 *   afterAll(() => sb.stop());
 *   const token = await sb.login();               // password flow -> .ASPXAUTH token
 *   const r = await sb.call('/Federation/GetFederations', {}, token);   // parsed envelope
 *
 * A file whose tests all share one logged-in sandbox registers the hooks with one call:
 *
 *   const sb = sandboxForFile({ resetBeforeEach: true }); // beforeAll start + login, afterAll stop
 *   it('...', async () => { await sb.call('/Federation/GetGroups', {}, sb.token); });
 *
 * SP keys are generated once per test process and reused (key generation is the slow part).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { generateSpKeys, startSandbox, type RunningSandbox, type SandboxOptions, type SpKeys } from '../../src/sandbox/index.js';
import { createRng } from '../../src/sandbox/rng.js';

export const TEST_ADMIN_USER = 'admin@aaa1234.samlfed.test';
export const TEST_ADMIN_PASSWORD = 'Sandbox-Test-Pa55word!';
export const TEST_CLIENT_ID = 'samlfed-client@aaa1234.samlfed.test';
export const TEST_CLIENT_SECRET = 'Sandbox-Test-Client-Secret';
/** The native-client headers every REST call carries (tenant-api.md §1.2). */
export const NATIVE = { 'X-CENTRIFY-NATIVE-CLIENT': 'true', 'X-IDAP-NATIVE-CLIENT': 'true' } as const;

let keys: SpKeys | undefined;
/** SP keys shared by every sandbox of this test process. */
export function testSpKeys(): SpKeys {
  keys ??= generateSpKeys('AAA1234', createRng(1), new Date('2026-01-01T00:00:00Z'));
  return keys;
}

/** Envelope of a tenant answer (tenant-api.md §1.3). */
export interface Envelope<T = unknown> {
  success: boolean;
  Result: T;
  Message: string | null;
  MessageID: string | null;
  ErrorID: string | null;
  ErrorCode: string | null;
  IsSoftError: boolean;
}

export interface TestSandbox extends RunningSandbox {
  /** POST a JSON body (default `{}`) with the native headers and, when given, a bearer token; parsed envelope. */
  call<T = unknown>(path: string, body?: unknown, token?: string): Promise<Envelope<T>>;
  /** Raw fetch against the sandbox (path relative to its URL). */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** Password login of the admin user (answers a second challenge from /_sandbox/codes); returns the session token. */
  login(user?: string, password?: string): Promise<string>;
  /** Client-credentials token of the OAuth2 client app. */
  clientToken(): Promise<string>;
  /** JSON from an admin endpoint (`/_sandbox/<what>`). */
  adminApi<T = unknown>(what: string, init?: { method?: string; body?: unknown }): Promise<T>;
}

/** Start a sandbox for a test with fixed credentials (override any option). Stop it in afterAll/afterEach. */
export async function startTestSandbox(options: SandboxOptions = {}): Promise<TestSandbox> {
  const sb = await startSandbox({ adminUser: TEST_ADMIN_USER, adminPassword: TEST_ADMIN_PASSWORD, oauthClientId: TEST_CLIENT_ID, oauthClientSecret: TEST_CLIENT_SECRET, keys: testSpKeys(), seed: 1, ...options });
  const doFetch = (path: string, init?: RequestInit) => fetch(`${sb.url}${path}`, init);
  const call = async <T>(path: string, body: unknown = {}, token?: string): Promise<Envelope<T>> => {
    const r = await doFetch(path, { method: 'POST', headers: { ...NATIVE, 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
    const text = await r.text();
    if (!r.headers.get('content-type')?.startsWith('application/json')) throw new Error(`${path}: HTTP ${r.status} ${text.slice(0, 200)}`);
    return JSON.parse(text) as Envelope<T>;
  };
  const adminApi = async <T>(what: string, init: { method?: string; body?: unknown } = {}): Promise<T> => {
    const r = await doFetch(`/_sandbox/${what}`, { method: init.method ?? (init.body === undefined ? 'GET' : 'PUT'), ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }) });
    return (await r.json()) as T;
  };
  const login = async (user = sb.admin.user, password = sb.admin.password ?? TEST_ADMIN_PASSWORD): Promise<string> => {
    const start = await call<{ SessionId: string; Challenges: { Mechanisms: { MechanismId: string; Name: string }[] }[] }>('/Security/StartAuthentication', { User: user, Version: '1.0' });
    if (!start.success) throw new Error(`StartAuthentication: ${start.Message}`);
    const { SessionId, Challenges } = start.Result;
    let last: Envelope<{ Auth?: string; Summary: string }> | undefined;
    for (const ch of Challenges) {
      const mech = ch.Mechanisms[0]!;
      let answer = password;
      if (mech.Name !== 'UP') {
        if (mech.Name === 'EMAIL') await call('/Security/AdvanceAuthentication', { SessionId, MechanismId: mech.MechanismId, Action: 'StartOOB' });
        const codes = await adminApi<{ codes: { sessionId: string; code: string }[] }>('codes');
        answer = codes.codes.filter((c) => c.sessionId === SessionId).at(-1)!.code;
      }
      last = await call('/Security/AdvanceAuthentication', { SessionId, MechanismId: mech.MechanismId, Action: 'Answer', Answer: answer });
      if (!last.success) throw new Error(`AdvanceAuthentication: ${last.Message}`);
    }
    return last!.Result.Auth!;
  };
  const clientToken = async (): Promise<string> => {
    const r = await doFetch(`/oauth2/token/${sb.oauth.appId}`, {
      method: 'POST',
      headers: { ...NATIVE, Authorization: `Basic ${Buffer.from(`${sb.oauth.clientId}:${sb.oauth.clientSecret ?? TEST_CLIENT_SECRET}`).toString('base64')}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials&scope=all',
    });
    const j = (await r.json()) as { access_token?: string; error?: string };
    if (!j.access_token) throw new Error(`oauth2/token: ${j.error}`);
    return j.access_token;
  };
  return Object.assign(Object.create(null) as object, sb, { call, fetch: doFetch, login, clientToken, adminApi, state: sb.state, stop: sb.stop }) as TestSandbox;
}

const NOT_RUNNING = 'sandboxForFile: the sandbox is not running (use it inside tests and hooks, not at module load)';

/** Options of `sandboxForFile`. */
export interface SandboxForFileOptions {
  /** `startSandbox` options over the test defaults of `startTestSandbox` (credentials, keys, seed 1). */
  readonly sandbox?: SandboxOptions;
  /** Log the admin user in once, in beforeAll, and keep the session token as `token` (default true). */
  readonly login?: boolean;
  /** POST `/_sandbox/reset` before each test: every test starts from the seeded state (default false). The session token stays valid. */
  readonly resetBeforeEach?: boolean;
}

/** The sandbox of a test file: every `TestSandbox` member (url, admin, call, fetch, adminApi, ...) and the admin session token. */
export type FileSandbox = TestSandbox & {
  /** Session token of the beforeAll login (`.ASPXAUTH`); only with `login` on. */
  readonly token: string;
};

/**
 * Register the hooks of a file that shares one sandbox: beforeAll starts it (127.0.0.1, free port,
 * temporary state, the fixed test credentials) and logs the admin in, afterAll stops it, and with
 * `resetBeforeEach` every test starts from a reset state. Call it at the top level of the file.
 * The returned object forwards to the running sandbox, so its members are filled in by the time
 * tests and later hooks run; reading one before beforeAll (at module load) throws.
 */
export function sandboxForFile(options: SandboxForFileOptions = {}): FileSandbox {
  let running: TestSandbox | undefined;
  let token: string | undefined;
  const current = (): TestSandbox => {
    if (!running) throw new Error(NOT_RUNNING);
    return running;
  };
  beforeAll(async () => {
    running = await startTestSandbox(options.sandbox);
    if (options.login ?? true) token = await running.login();
  });
  afterAll(async () => {
    await running?.stop();
    running = undefined;
    token = undefined;
  });
  if (options.resetBeforeEach) {
    beforeEach(async () => {
      const r = await current().fetch('/_sandbox/reset', { method: 'POST' });
      const text = await r.text();
      if (r.status !== 200) throw new Error(`sandboxForFile: /_sandbox/reset answered HTTP ${r.status} ${text.slice(0, 200)}`);
    });
  }
  return new Proxy(Object.create(null) as FileSandbox, {
    get(_, key) {
      if (key === 'token') {
        if (token === undefined) throw new Error(options.login === false ? 'sandboxForFile: no token (login: false)' : NOT_RUNNING);
        return token;
      }
      const sb = current();
      const v = Reflect.get(sb, key) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(sb) : v;
    },
    has: (_, key) => key === 'token' || key in current(),
  });
}

/** A fixture file under test/fixtures as text. */
export function fixtureText(path: string): string {
  return readFileSync(fileURLToPath(new URL(`../fixtures/${path}`, import.meta.url)), 'utf8');
}

/** The documented CreateFederation parts, in order (tenant-api.md §3.4); override any text part or the metadata file. */
export function federationForm(fields: Record<string, string> & { metadata?: string }): FormData {
  const fd = new FormData();
  const text: Record<string, string> = {
    FederationName: 'Acme',
    FederationType: 'SAML 2.0',
    Domains: 'acme.example',
    Name: fields['FederationName'] ?? 'Acme',
    Mappings: '[{"AttributeValue":"Sales","GroupName":"AcmeSales"}]',
    IDPMetadataUrl: '',
    IDPSignInUrl: '',
    IDPLogoutUrl: '',
    IDPSigningCert_name: '',
    IDPSigningCertPassword: '',
    FederationUuid: '',
    IDPSigningCertificateThumbprint: '',
    IsMetaData: 'true',
    SPMetadataUrl: '',
    SPAutnenticationResponseUrl: '',
    SPSigningCertificate_name: '',
    SPSigningCertificateCA_name: '',
    ...Object.fromEntries(Object.entries(fields).filter(([k]) => k !== 'metadata')),
  };
  for (const [k, v] of Object.entries(text)) fd.append(k, v);
  const metadata = fields.metadata ?? fixtureText('metadata/tenant.unsigned.xml');
  fd.append('IDPMetadataFileContents', new Blob([metadata], { type: 'text/xml' }), metadata === '' ? '' : 'idp-metadata.xml');
  for (const f of ['IDPSigningCert', 'SPSigningCertificate', 'SPSigningCertificateCA']) fd.append(f, new Blob([], { type: 'application/octet-stream' }), '');
  return fd;
}
