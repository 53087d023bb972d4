import { lstat, readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { createTenantClient, type MfaAnswer, type TenantAuth, type TenantClient, type TenantClientOptions } from '../tenant/index.js';
import { TenantError } from '../tenant/errors.js';
import { UsageError, write, type CliIo } from './io.js';

/**
 * The connection options every command that talks to a tenant shares (`samlfed tenant`,
 * `samlfed onboard`): the URL and the login flow. Secrets come only from the environment or
 * `--secret-file`, never from argv (docs/tenant.md "Connection").
 */
export const CONNECTION_OPTIONS = {
  url: { type: 'string' },
  auth: { type: 'string' },
  'app-id': { type: 'string' },
  scope: { type: 'string' },
  'secret-file': { type: 'string' },
} as const;

/** Help lines for `CONNECTION_OPTIONS` (a command's --help ends with them). */
export const CONNECTION_HELP = `Connection (secrets only from the environment or --secret-file, never from arguments):
  --url URL              tenant URL, e.g. https://abc1234.my.idaptive.app (or SAMLFED_TENANT_URL)
  --auth KIND            client-credentials, password or token (default: the first of these whose
                         variables are set)
  --app-id ID            OAuth2 client app id, for client-credentials (or SAMLFED_APP_ID)
  --scope SCOPE          OAuth2 scope, for client-credentials (or SAMLFED_SCOPE)
  --secret-file FILE     SAMLFED_* variables as JSON or KEY=VALUE lines; refused when group or
                         others may read it (chmod 600)
  Environment: SAMLFED_USER + SAMLFED_PASSWORD (password), SAMLFED_CLIENT_ID +
  SAMLFED_CLIENT_SECRET (client-credentials), SAMLFED_TOKEN (token); SAMLFED_MFA_CODE answers a
  second challenge when there is no terminal to ask on.
`;

/** Variables read from the environment and the secret file. */
export const CONNECTION_VARIABLES = Object.freeze([
  'SAMLFED_TENANT_URL', 'SAMLFED_USER', 'SAMLFED_PASSWORD', 'SAMLFED_CLIENT_ID', 'SAMLFED_CLIENT_SECRET', 'SAMLFED_TOKEN', 'SAMLFED_APP_ID', 'SAMLFED_SCOPE', 'SAMLFED_MFA_CODE',
] as const);
type Variable = (typeof CONNECTION_VARIABLES)[number];
type Vars = Partial<Record<Variable, string>>;

/** Parsed values of `CONNECTION_OPTIONS`. */
export interface ConnectionValues {
  readonly url?: string | undefined;
  readonly auth?: string | undefined;
  readonly 'app-id'?: string | undefined;
  readonly scope?: string | undefined;
  readonly 'secret-file'?: string | undefined;
}

/** Largest secret file read. */
const MAX_SECRET_FILE = 64 * 1024;

const configError = (message: string): TenantError => new TenantError('ERR_TENANT_CONFIG', message, { kind: 'config' });

/**
 * Read a secret file: a JSON object of SAMLFED_* strings, or `KEY=VALUE` lines (`#` comments,
 * blank lines, optional matching quotes around the value). The file must be a regular file not
 * readable or writable by group or others (POSIX; the check is skipped on Windows). Errors name the
 * file and the line or key, never a value: `ERR_TENANT_CONFIG`.
 */
export async function readSecretFile(path: string): Promise<Vars> {
  let st;
  try {
    st = await lstat(path);
  } catch (e) {
    throw configError(`--secret-file ${path}: cannot read it (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (!st.isFile()) throw configError(`--secret-file ${path}: expected a regular file`);
  if (process.platform !== 'win32' && (st.mode & 0o077) !== 0) throw configError(`--secret-file ${path}: group or others may access it (mode ${(st.mode & 0o777).toString(8)}); run chmod 600 ${path}`);
  if (st.size > MAX_SECRET_FILE) throw configError(`--secret-file ${path}: expected at most ${MAX_SECRET_FILE} bytes, found ${st.size}`);
  const text = (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
  const out: Vars = {};
  const put = (key: string, value: unknown, where: string): void => {
    if (!(CONNECTION_VARIABLES as readonly string[]).includes(key)) throw configError(`--secret-file ${path}: ${where}: unknown key ${JSON.stringify(key.slice(0, 60))} (expected one of ${CONNECTION_VARIABLES.join(', ')})`);
    if (typeof value !== 'string') throw configError(`--secret-file ${path}: ${where}: the value of ${key} must be a string`);
    out[key as Variable] = value;
  };
  if (text.trimStart().startsWith('{')) {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      throw configError(`--secret-file ${path}: expected a JSON object or KEY=VALUE lines, found invalid JSON`);
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data)) throw configError(`--secret-file ${path}: expected a JSON object`);
    for (const [k, v] of Object.entries(data)) put(k, v, `key ${JSON.stringify(k.slice(0, 60))}`);
    return out;
  }
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!m) throw configError(`--secret-file ${path}: line ${i + 1}: expected KEY=VALUE`);
    let value = m[2]!;
    if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.at(-1) === value[0]) value = value.slice(1, -1);
    put(m[1]!, value, `line ${i + 1}`);
  });
  return out;
}

/** A second-factor answer: SAMLFED_MFA_CODE, else a prompt on a terminal, else none. */
function mfaAnswer(vars: Vars, io: CliIo): MfaAnswer | undefined {
  if (vars.SAMLFED_MFA_CODE) {
    const code = vars.SAMLFED_MFA_CODE;
    return async () => code;
  }
  if (!(io.stdin as { isTTY?: boolean }).isTTY) return undefined;
  return async (challenge) => {
    await write(io.stderr, `${challenge.prompt}${challenge.hint ? ` (${challenge.hint})` : ''}: `);
    const rl = createInterface({ input: io.stdin, terminal: false });
    try {
      const line: string = await new Promise((res) => rl.once('line', res));
      return line.trim();
    } finally {
      rl.close();
    }
  };
}

/**
 * Resolve the connection: flags first, then the secret file, then the environment. Without `--auth`
 * the flow is the first whose variables are all set, in this order: client-credentials
 * (SAMLFED_CLIENT_ID + SAMLFED_CLIENT_SECRET, with --app-id and --scope), password (SAMLFED_USER +
 * SAMLFED_PASSWORD), token (SAMLFED_TOKEN). Missing pieces are `ERR_TENANT_CONFIG`.
 */
export async function resolveConnection(values: ConnectionValues, io: CliIo): Promise<{ url: string; auth: TenantAuth }> {
  const file = values['secret-file'] === undefined ? {} : await readSecretFile(resolve(io.cwd, values['secret-file']));
  const env = io.env;
  const get = (k: Variable): string | undefined => {
    const v = file[k] ?? env[k];
    return v === undefined || v === '' ? undefined : v;
  };
  const url = values.url ?? get('SAMLFED_TENANT_URL');
  if (!url) throw configError('no tenant URL: give --url or set SAMLFED_TENANT_URL');
  const appId = values['app-id'] ?? get('SAMLFED_APP_ID');
  const scope = values.scope ?? get('SAMLFED_SCOPE');
  const has = {
    'client-credentials': get('SAMLFED_CLIENT_ID') !== undefined && get('SAMLFED_CLIENT_SECRET') !== undefined,
    password: get('SAMLFED_USER') !== undefined && get('SAMLFED_PASSWORD') !== undefined,
    token: get('SAMLFED_TOKEN') !== undefined,
  };
  const kinds = ['client-credentials', 'password', 'token'] as const;
  if (values.auth !== undefined && !(kinds as readonly string[]).includes(values.auth)) throw new UsageError(`--auth must be client-credentials, password or token, got ${JSON.stringify(values.auth)}`);
  const kind = (values.auth as (typeof kinds)[number] | undefined) ?? kinds.find((k) => has[k]);
  if (!kind) throw configError('no credentials: set SAMLFED_CLIENT_ID and SAMLFED_CLIENT_SECRET, or SAMLFED_USER and SAMLFED_PASSWORD, or SAMLFED_TOKEN (in the environment or --secret-file)');
  if (!has[kind]) throw configError(`--auth ${kind}: ${kind === 'token' ? 'SAMLFED_TOKEN is' : kind === 'password' ? 'SAMLFED_USER and SAMLFED_PASSWORD are' : 'SAMLFED_CLIENT_ID and SAMLFED_CLIENT_SECRET are'} not set`);
  if (kind === 'client-credentials') {
    if (!appId || !scope) throw configError('client-credentials needs the OAuth2 app: give --app-id and --scope (or SAMLFED_APP_ID and SAMLFED_SCOPE)');
    return { url, auth: { kind, appId, scope, clientId: get('SAMLFED_CLIENT_ID')!, clientSecret: get('SAMLFED_CLIENT_SECRET')! } };
  }
  if (kind === 'password') {
    const mfa = mfaAnswer({ ...env, ...file } as Vars, io);
    return { url, auth: { kind, user: get('SAMLFED_USER')!, password: get('SAMLFED_PASSWORD')!, ...(mfa ? { mfa } : {}) } };
  }
  return { url, auth: { kind, token: get('SAMLFED_TOKEN')! } };
}

/**
 * A tenant client for a command's parsed connection options (`CONNECTION_OPTIONS`), with secrets
 * from `io.env` and the secret file. A bad URL is a `UsageError`; missing settings `ERR_TENANT_CONFIG`.
 */
export async function openTenantClient(values: ConnectionValues, io: CliIo, extra: Partial<Omit<TenantClientOptions, 'url' | 'auth'>> = {}): Promise<TenantClient> {
  const { url, auth } = await resolveConnection(values, io);
  try {
    return createTenantClient({ url, auth, ...extra });
  } catch (e) {
    // The URL itself is not echoed: it could carry credentials (which are refused).
    if (e instanceof TypeError) throw new UsageError(`--url/SAMLFED_TENANT_URL: ${e.message.replace(/^createTenantClient: /, '')}`);
    throw e;
  }
}
