import { arg, strArg, type Ctx } from '../http/context.js';
import { cookiesOf } from '../http/gate.js';
import { fail, ok, type Reply } from '../http/reply.js';
import type { AuthPackage, Session } from '../runtime.js';
import { generateCode, generateToken, verifySecret } from '../secrets.js';
import { suffixOf } from '../state/seed.js';
import { homeRealmRedirect } from '../sp/hrd.js';

/** Lifetime of a login session (the tenant's default CookieSessionLifespanHours, tenant-api.md §2.3). */
export const SESSION_MS = 12 * 3600 * 1000;
/** How long a StartAuthentication package may be answered. */
const PACKAGE_MS = 10 * 60 * 1000;

/** The documented failure of any wrong answer (tenant-api.md §2.2). */
export const AUTH_FAILED = 'Authentication (login or challenge) has failed. Please try again or contact your system administrator.';

const MECH = {
  UP: { AnswerType: 'Text', Name: 'UP', PromptMechChosen: 'Enter Password', PromptSelectMech: 'Password' },
  EMAIL: { AnswerType: 'StartTextOob', Name: 'EMAIL', PromptMechChosen: 'Enter the code sent to your email', PromptSelectMech: 'Email' },
  OATH: { AnswerType: 'Text', Name: 'OATH', PromptMechChosen: 'Enter the code from your authenticator', PromptSelectMech: 'OATH OTP Client' },
} as const;

/** The tenant's own host and port as PodFqdn names it (no scheme, tenant-api.md §2.6). */
export function podFqdn(ctx: Ctx): string {
  return ctx.rt.url.replace(/^https?:\/\//, '');
}

/** `Result` of a new authentication package (tenant-api.md §2.2 outcome 2). */
export function packageResult(ctx: Ctx, pkg: AuthPackage): Record<string, unknown> {
  const user = pkg.userUuid ? ctx.state.users.find((u) => u.uuid === pkg.userUuid) : undefined;
  return {
    ClientHints: { PersistDefault: false, AllowPersist: true, AllowForgotPassword: false, EndpointAuthenticationEnabled: false },
    Version: '1.0',
    SessionId: pkg.sessionId,
    AllowLoginMfaCache: false,
    EventDescription: null,
    RetryWaitingTime: 0,
    SecurityImageName: null,
    Challenges: pkg.mechanisms.map((m) => ({
      Mechanisms: [{ ...MECH[m.name as keyof typeof MECH], MechanismId: m.id, Enrolled: true, ...(m.name === 'EMAIL' && user ? { PartialAddress: user.email.replace(/^(.).*@/, '$1***@') } : {}) }],
    })),
    Summary: 'NewPackage',
    TenantId: ctx.state.tenant.id,
  };
}

/** POST /Security/StartAuthentication (tenant-api.md §2.2, §2.6, §3.8 step 1). */
export function startAuthentication(ctx: Ctx): Reply {
  const { rt } = ctx;
  const tenantId = strArg(ctx, 'TenantId');
  const user = strArg(ctx, 'User');
  if (ctx.podEntry) return ok({ PodFqdn: podFqdn(ctx) });
  if (tenantId !== undefined && tenantId.toLowerCase() !== rt.state.tenant.id.toLowerCase()) {
    return fail(`Tenant '${tenantId}' is not served at this URL.`);
  }
  if (!user) return fail('Parameter "User" must be specified.');
  const suffix = suffixOf(user);
  if (user.startsWith('@')) {
    return rt.state.tenant.loginSuffixes.includes(suffix) ? ok({ PodFqdn: podFqdn(ctx) }) : fail(`Login suffix '${suffix}' is not known.`);
  }
  const federation = rt.state.federations.find((f) => f.domains.some((d) => d.toLowerCase() === suffix));
  if (federation) return homeRealmRedirect(ctx, federation, user);
  const known = rt.state.users.find((u) => u.name.toLowerCase() === user.toLowerCase() && u.directory === 'CDS');
  if (known && ctx.session?.kind === 'session' && ctx.session.userUuid === known.uuid && cookiesOf(ctx.req).has('.ASPXAUTH')) {
    return ok(loginSuccess(ctx, ctx.session));
  }
  const mechanisms = [{ id: rt.rng.uuid(), name: 'UP' }];
  if (known?.mfa) mechanisms.push({ id: rt.rng.uuid(), name: known.mfa });
  const pkg: AuthPackage = { sessionId: rt.rng.uuid(), userName: known?.name ?? user, userUuid: known?.uuid, mechanisms, next: 0, expiresAt: rt.now().getTime() + PACKAGE_MS };
  rt.packages.set(pkg.sessionId, pkg);
  return ok(packageResult(ctx, pkg));
}

/** The LoginSuccess Result (tenant-api.md §2.2). */
export function loginSuccess(ctx: Ctx, s: Session): Record<string, unknown> {
  const u = ctx.state.users.find((x) => x.uuid === s.userUuid);
  return {
    AuthLevel: 'Normal',
    DisplayName: u?.displayName ?? s.userName,
    Auth: s.token,
    UserId: s.userUuid,
    EmailAddress: u?.email ?? s.userName,
    UserDirectory: u?.directory ?? 'CDS',
    PodFqdn: podFqdn(ctx),
    User: s.userName,
    CustomerID: ctx.state.tenant.id,
    SystemID: ctx.state.tenant.id,
    SourceDsType: u?.directory ?? 'CDS',
    Summary: 'LoginSuccess',
  };
}

/** Cookies set by a successful login: `.ASPXAUTH` (session) and `CCSID` (device, kept when sent). */
export function sessionCookies(ctx: Ctx, token: string): string[] {
  // The device cookie is kept only when it looks like one the sandbox set (a value from the request is never echoed as is).
  const sent = cookiesOf(ctx.req).get('CCSID');
  const ccsid = sent !== undefined && /^[0-9a-f]{32}$/.test(sent) ? sent : ctx.rt.rng.hex(16);
  return [`.ASPXAUTH=${token}; Path=/; HttpOnly; SameSite=Lax`, `CCSID=${ccsid}; Path=/; HttpOnly; SameSite=Lax`];
}

/** Start a session for a user and answer LoginSuccess with the cookies. */
export function finishLogin(ctx: Ctx, userUuid: string, userName: string, federated?: Session['federated']): Reply {
  const token = generateToken();
  const session: Session = { token, kind: federated ? 'federated' : 'session', tenantId: ctx.state.tenant.id, userUuid, userName, expiresAt: ctx.rt.now().getTime() + SESSION_MS, ...(federated ? { federated } : {}) };
  ctx.rt.sessions.set(token, session);
  return ok(loginSuccess(ctx, session), { 'Set-Cookie': sessionCookies(ctx, token) });
}

function failure(ctx: Ctx, sessionId: string | undefined): Reply {
  if (sessionId) ctx.rt.packages.delete(sessionId);
  return fail(AUTH_FAILED, { result: { Summary: 'Failure' } });
}

/** POST /Security/AdvanceAuthentication (tenant-api.md §2.2): answer challenges in order. */
export function advanceAuthentication(ctx: Ctx): Reply {
  const { rt } = ctx;
  const sessionId = strArg(ctx, 'SessionId');
  const pkg = sessionId ? rt.packages.get(sessionId) : undefined;
  if (!pkg || pkg.expiresAt <= rt.now().getTime()) return failure(ctx, sessionId);
  const multi = arg(ctx, 'MultipleOperations');
  const ops: Record<string, unknown>[] = Array.isArray(multi)
    ? multi.filter((o): o is Record<string, unknown> => o !== null && typeof o === 'object')
    : [{ MechanismId: arg(ctx, 'MechanismId'), Action: arg(ctx, 'Action'), Answer: arg(ctx, 'Answer') }];
  if (ops.length === 0) return failure(ctx, sessionId);
  let reply: Reply | undefined;
  for (const op of ops) {
    reply = advanceOne(ctx, pkg, op);
    if (!rt.packages.has(pkg.sessionId)) break;
  }
  return reply!;
}

function advanceOne(ctx: Ctx, pkg: AuthPackage, op: Record<string, unknown>): Reply {
  const { rt } = ctx;
  const mech = pkg.mechanisms[pkg.next];
  const action = typeof op['Action'] === 'string' ? op['Action'].toLowerCase() : '';
  if (!mech || op['MechanismId'] !== mech.id) return failure(ctx, pkg.sessionId);
  if (action === 'startoob' && mech.name === 'EMAIL') {
    pkg.code = generateCode();
    rt.issueCode(pkg.userName, 'EMAIL', pkg.sessionId, pkg.code);
    return ok({ Summary: 'OobPending', GeneratedAuditMessage: 'Email sent' });
  }
  if (action === 'poll') return pkg.code !== undefined ? ok({ Summary: 'OobPending' }) : failure(ctx, pkg.sessionId);
  if (action !== 'answer' || typeof op['Answer'] !== 'string') return failure(ctx, pkg.sessionId);
  const answer = op['Answer'];
  const user = pkg.userUuid ? rt.state.users.find((u) => u.uuid === pkg.userUuid) : undefined;
  const passed = mech.name === 'UP' ? user !== undefined && verifySecret(answer, user.passwordHash) : pkg.code !== undefined && answer.trim() === pkg.code;
  if (!passed) return failure(ctx, pkg.sessionId);
  pkg.next++;
  delete pkg.code;
  const following = pkg.mechanisms[pkg.next];
  if (following) {
    if (following.name === 'OATH') {
      pkg.code = generateCode();
      rt.issueCode(pkg.userName, 'OATH', pkg.sessionId, pkg.code);
    }
    return ok({ Summary: 'StartNextChallenge' });
  }
  rt.packages.delete(pkg.sessionId);
  if (pkg.pendingFederated) return finishFederated(ctx, pkg.pendingFederated);
  return finishLogin(ctx, user!.uuid, user!.name);
}

/** Partner MFA passed: start the federated session that was waiting (issue 12). */
function finishFederated(ctx: Ctx, pending: Session): Reply {
  return finishLogin(ctx, pending.userUuid, pending.userName, pending.federated);
}

/** POST /Security/Logout (tenant-api.md §2.5): the token is invalid afterwards. */
export function logout(ctx: Ctx): Reply {
  if (ctx.session) ctx.rt.sessions.delete(ctx.session.token);
  return ok(null, { 'Set-Cookie': ['.ASPXAUTH=; Path=/; HttpOnly; Max-Age=0'] });
}

/** POST|GET /Security/whoami (tenant-api.md §2.4); federated sessions add groups and roles. */
export function whoami(ctx: Ctx): Reply {
  const s = ctx.session!;
  const u = ctx.state.users.find((x) => x.uuid === s.userUuid);
  return ok({
    User: s.userName,
    UserUuid: s.userUuid,
    TenantId: ctx.state.tenant.id,
    DisplayName: u?.displayName ?? s.userName,
    AuthenticationType: s.kind === 'oauth' ? 'OAuth2' : s.kind === 'federated' ? 'Federated' : 'Password',
    ...(s.federated
      ? { FederationName: s.federated.federationName, FederationUuid: s.federated.federationUuid, HostGroups: s.federated.hostGroups, Roles: s.federated.roles, GroupAttributeValues: s.federated.groupValues }
      : {}),
  });
}
