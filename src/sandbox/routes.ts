import { advanceAuthentication, logout, startAuthentication, whoami } from './api/auth.js';
import { deleteFederation, getFederation, getFederations, getGlobalFederationSettings, getGroups } from './api/federations.js';
import { oauthToken } from './api/oauth.js';
import { createFederation } from './federation/create.js';
import type { Handler, Route } from './http/context.js';
import { EXTRA_ROUTES } from './routes-extra.js';

type Def = [path: string, handler: Handler, opts?: Partial<Omit<Route, 'handler'>>];

const POST = ['POST'] as const;
const READ = ['POST', 'GET'] as const;

/**
 * Tenant paths (tenant-api.md §2-§6), matched lower-case after normalisation (§1.1).
 * Default: POST, JSON body, native-client header and a session required (§9.3 auth gate).
 */
const DEFS: Def[] = [
  ['/Security/StartAuthentication', startAuthentication, { auth: false }],
  ['/Security/AdvanceAuthentication', advanceAuthentication, { auth: false }],
  ['/Security/Logout', logout],
  ['/Security/whoami', whoami, { methods: READ }],
  ['/oauth2/token/*', oauthToken, { auth: false, body: 'form' }],
  ['/Federation/GetGroups', getGroups],
  ['/Federation/GetGlobalFederationSettings', getGlobalFederationSettings],
  ['/Federation/CreateFederation', createFederation, { body: 'multipart' }],
  ['/Federation/UpdateFederation', createFederation, { body: 'multipart' }],
  ['/Federation/GetFederations', getFederations],
  ['/Federation/GetFederation', getFederation],
  ['/Federation/DeleteFederation', deleteFederation],
  ...EXTRA_ROUTES,
];

/** Route table keyed by lower-case path. */
export const ROUTES: ReadonlyMap<string, Route> = new Map(
  DEFS.map(([path, handler, o]) => [
    path.toLowerCase(),
    { handler, auth: o?.auth ?? true, native: o?.native ?? true, body: o?.body ?? 'json', methods: o?.methods ?? POST },
  ]),
);

/** The route for a lower-case path: exact, else the `/oauth2/token/*` family. */
export function routeFor(key: string): Route | undefined {
  return ROUTES.get(key) ?? (key.startsWith('/oauth2/token/') && key.length > '/oauth2/token/'.length ? ROUTES.get('/oauth2/token/*') : undefined);
}
