import { Session } from './auth/session.js';
import type { TenantClient } from './client-types.js';
import { getDirectoryServices } from './directory/get-directory-services.js';
import { findFederatedGroups } from './directory/find-federated-groups.js';
import { createFederation } from './federations/create-federation.js';
import { getFederations } from './federations/get-federations.js';
import { getGlobalFederationSettings } from './federations/get-global-federation-settings.js';
import { getGroups } from './federations/get-groups.js';
import { deleteFederationUnverified, getFederationUnverified } from './federations/unverified.js';
import { updateFederation } from './federations/update-federation.js';
import { DEFAULT_RETRY } from './http/backoff.js';
import { Transport } from './http/transport.js';
import { addGlobalGroupMapping } from './mappings/add-global-mapping.js';
import { deleteGlobalGroupMapping } from './mappings/delete-global-mapping.js';
import { getGlobalGroupMappings } from './mappings/get-global-mappings.js';
import { updateGlobalGroupMappings } from './mappings/update-global-mappings.js';
import { createNewSmb } from './msp/create-new-smb.js';
import { getAliasAvailability } from './msp/get-alias-availability.js';
import { getAvailablePodRegions } from './msp/get-available-pod-regions.js';
import { getManagementLink } from './msp/get-management-link.js';
import { listTenants } from './msp/list-tenants.js';
import { openCustomerSession } from './msp/open-customer-session.js';
import { setTenantState } from './msp/set-tenant-state.js';
import { storeAlias } from './msp/store-alias.js';
import type { TenantAuth, TenantClientOptions } from './options.js';
import { getPolicyBlock } from './policy/get-policy-block.js';
import { getPolicyLinks } from './policy/get-policy-links.js';
import { savePolicyBlock } from './policy/save-policy-block.js';
import { setFederatedLoginAllowsMfa } from './policy/set-federated-login-allows-mfa.js';
import { getRole } from './roles/get-role.js';
import { getRoleMembers } from './roles/get-role-members.js';
import { listRoles } from './roles/list-roles.js';
import { query } from './roles/query.js';
import { storeRole } from './roles/store-role.js';
import { updateRoleMembers } from './roles/update-role.js';
import { logout } from './security/logout.js';
import { whoami } from './security/whoami.js';

/** Defaults: 30 s per attempt, 8 MiB bodies. */
export const CLIENT_DEFAULTS = Object.freeze({ timeoutMs: 30_000, maxBodyBytes: 8 * 1024 * 1024 });
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** The tenant base URL: https (http only to loopback or with `allowInsecureHttp`), no credentials, query or fragment; trailing `/` removed. */
export function normaliseTenantUrl(url: string, allowInsecureHttp = false): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new TypeError('createTenantClient: url must be an absolute URL such as https://abc1234.my.centrify.com');
  }
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && (LOOPBACK.has(u.hostname) || allowInsecureHttp))) throw new TypeError('createTenantClient: url must be https (http only for 127.0.0.1/localhost)');
  if (u.username || u.password) throw new TypeError('createTenantClient: url must not carry credentials');
  if (u.search || u.hash) throw new TypeError('createTenantClient: url must not have a query or fragment');
  return `${u.origin}${u.pathname.replace(/\/+$/, '')}`;
}

function checkAuth(auth: TenantAuth): void {
  const need = (ok: boolean, what: string): void => {
    if (!ok) throw new TypeError(`createTenantClient: auth.${what}`);
  };
  need(typeof auth === 'object' && auth !== null, 'kind must be client-credentials, password or token');
  const nonEmpty = (v: unknown): boolean => typeof v === 'string' && v !== '';
  if (auth.kind === 'client-credentials') need(nonEmpty(auth.appId) && nonEmpty(auth.clientId) && nonEmpty(auth.clientSecret) && nonEmpty(auth.scope), 'appId, clientId, clientSecret and scope must be non-empty strings');
  else if (auth.kind === 'password') need(nonEmpty(auth.user) && nonEmpty(auth.password), 'user and password must be non-empty strings');
  else if (auth.kind === 'token') need(nonEmpty(auth.token), 'token must be a non-empty string');
  else need(false, 'kind must be client-credentials, password or token');
}

/**
 * Create a tenant client (docs/tenant.md). Nothing is sent until the first call (or `login()`).
 * Inject `fetch`, `now`, `sleep` and `random` to test without real waiting.
 */
export function createTenantClient(options: TenantClientOptions): TenantClient {
  if (typeof options !== 'object' || options === null || typeof options.url !== 'string') throw new TypeError('createTenantClient: options.url must be a string');
  checkAuth(options.auth);
  const retry = { ...DEFAULT_RETRY, ...options.retry };
  if (!Number.isSafeInteger(retry.attempts) || retry.attempts < 1) throw new TypeError('createTenantClient: retry.attempts must be a positive integer');
  const io = {
    fetch: options.fetch ?? globalThis.fetch,
    now: options.now ?? Date.now,
    sleep: options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms))),
    random: options.random ?? Math.random,
    timeoutMs: options.timeoutMs ?? CLIENT_DEFAULTS.timeoutMs,
    maxBodyBytes: options.maxBodyBytes ?? CLIENT_DEFAULTS.maxBodyBytes,
    retry,
  };
  const t = new Transport({ baseUrl: normaliseTenantUrl(options.url, options.allowInsecureHttp), ...io });
  // A customer tenant's client: the same transport rules, a ready token from the management link.
  const customerDeps = { ...io, make: (url: string, token: string) => createTenantClient({ ...options, url, auth: { kind: 'token', token } }) };
  const session = new Session(t, options.auth);
  t.auth = session;
  return {
    get baseUrl() {
      return t.baseUrl;
    },
    login: async () => {
      await session.login();
    },
    whoami: () => whoami(t),
    logout: async () => {
      if (!session.hasToken) return;
      await logout(t);
      session.clear();
    },
    getFederations: () => getFederations(t),
    getGroups: () => getGroups(t),
    getGlobalFederationSettings: () => getGlobalFederationSettings(t),
    createFederation: (form) => createFederation(t, form),
    updateFederation: (form) => updateFederation(t, form),
    getFederationUnverified: (uuid) => getFederationUnverified(t, uuid),
    deleteFederationUnverified: (uuid) => deleteFederationUnverified(t, uuid),
    getGlobalGroupMappings: () => getGlobalGroupMappings(t),
    addGlobalGroupMapping: (m) => addGlobalGroupMapping(t, m),
    deleteGlobalGroupMapping: (m) => deleteGlobalGroupMapping(t, m),
    updateGlobalGroupMappings: (list) => updateGlobalGroupMappings(t, list),
    getDirectoryServices: () => getDirectoryServices(t),
    findFederatedGroups: (name, opts) => findFederatedGroups(t, name, opts),
    listRoles: (args) => listRoles(t, args),
    query: (script, args) => query(t, script, args),
    storeRole: (input) => storeRole(t, input),
    getRole: (id) => getRole(t, id),
    getRoleMembers: (id) => getRoleMembers(t, id),
    updateRoleMembers: (id, changes) => updateRoleMembers(t, id, changes),
    getPolicyLinks: () => getPolicyLinks(t),
    getPolicyBlock: (path) => getPolicyBlock(t, path),
    savePolicyBlock: (input) => savePolicyBlock(t, input),
    setFederatedLoginAllowsMfa: (path, enabled) => setFederatedLoginAllowsMfa(t, path, enabled),
    getAvailablePodRegions: () => getAvailablePodRegions(t),
    getAliasAvailability: (alias) => getAliasAvailability(t, alias),
    createNewSmb: (input) => createNewSmb(t, input),
    storeAlias: (input) => storeAlias(t, input),
    getManagementLink: (id) => getManagementLink(t, id),
    openCustomerSession: (id) => openCustomerSession(t, customerDeps, id),
    listTenants: (args) => listTenants(t, args),
    setTenantState: (id, state) => setTenantState(t, id, state),
  };
}
