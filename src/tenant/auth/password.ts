import { TenantError } from '../errors.js';
import { CookieJar } from '../http/cookies.js';
import type { Transport } from '../http/transport.js';
import type { MfaChallenge, PasswordAuth } from '../options.js';
import { switchToPod } from './pod.js';

const START = '/Security/StartAuthentication';
const ADVANCE = '/Security/AdvanceAuthentication';
/** PodFqdn redirects followed before giving up (a loop would otherwise never end). */
const MAX_REDIRECTS = 3;
/** Advance calls in one login (two challenges + OOB starts + a replaced package, with room to spare). */
const MAX_STEPS = 12;

interface Mechanism {
  readonly MechanismId: string;
  readonly Name: string;
  readonly AnswerType: string;
  readonly prompt: string;
  readonly hint?: string;
}

const authFailed = (endpoint: string, message: string, extra: { tenantMessage?: string | null } = {}): TenantError =>
  new TenantError('ERR_TENANT_AUTH_FAILED', `${endpoint}: ${message}`, { kind: 'auth', endpoint, ...extra });

function rec(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function readChallenges(result: Record<string, unknown>): Mechanism[][] {
  const list = Array.isArray(result.Challenges) ? result.Challenges : [];
  return list.map((c) =>
    (Array.isArray(rec(c).Mechanisms) ? (rec(c).Mechanisms as unknown[]) : []).flatMap((m) => {
      const o = rec(m);
      if (typeof o.MechanismId !== 'string' || typeof o.Name !== 'string') return [];
      const hint = [o.PartialAddress, o.MaskedEmailAddress, o.PartialDeviceAddress, o.PartialPhoneNumber].find((x) => typeof x === 'string') as string | undefined;
      return [{ MechanismId: o.MechanismId, Name: o.Name, AnswerType: typeof o.AnswerType === 'string' ? o.AnswerType : 'Text', prompt: typeof o.PromptMechChosen === 'string' ? o.PromptMechChosen : `Enter the ${o.Name} code`, ...(hint ? { hint } : {}) }];
    }),
  );
}

/** Choose the mechanism of a challenge: the password (UP) when offered, else a code we can type (Text, StartTextOob). */
function choose(mechs: readonly Mechanism[], first: boolean): Mechanism | undefined {
  if (first) {
    const up = mechs.find((m) => m.Name === 'UP');
    if (up) return up;
  }
  return mechs.find((m) => m.Name !== 'UP' && (m.AnswerType === 'Text' || m.AnswerType === 'StartTextOob')) ?? mechs.find((m) => m.Name === 'UP');
}

/**
 * User and password login (tenant-api.md §2.2, §2.6): StartAuthentication, following `PodFqdn`
 * (or legacy `Redirect`) to the tenant's own URL for every later call; then AdvanceAuthentication
 * for each challenge in order: the password, then a second factor whose code comes from
 * `auth.mfa` (`StartTextOob` mechanisms are started with `Action: "StartOOB"` first). Returns the
 * session token: the `.ASPXAUTH` cookie, or `Result.Auth` when no cookie was set (§2.3 choice [I]).
 */
export async function passwordLogin(t: Transport, auth: PasswordAuth): Promise<string> {
  let jar = new CookieJar();
  let start: Record<string, unknown> | undefined;
  const startBody = { User: auth.user, Version: '1.0', ...(auth.tenantId ? { TenantId: auth.tenantId } : {}) };
  for (let hop = 0; ; hop++) {
    const env = await loginCall(t, START, startBody, jar);
    const r = rec(env);
    const pod = typeof r.PodFqdn === 'string' ? r.PodFqdn : typeof r.Redirect === 'string' ? r.Redirect : undefined;
    if (pod !== undefined && r.Summary === undefined && !Array.isArray(r.Challenges)) {
      if (hop >= MAX_REDIRECTS) throw authFailed(START, `expected a login package, found more than ${MAX_REDIRECTS} PodFqdn redirects`);
      switchToPod(t, pod);
      jar = new CookieJar(); // §2.6: repeat with a fresh cookie jar
      continue;
    }
    start = r;
    break;
  }
  if (typeof start.IdpRedirectUrl === 'string') throw authFailed(START, 'this user logs in through a partner identity provider (federated user); use client credentials or a token for API access');
  if (start.Summary === 'LoginSuccess') return tokenOf(jar, start, START);
  let sessionId = typeof start.SessionId === 'string' ? start.SessionId : '';
  let challenges = readChallenges(start);
  if (!sessionId || challenges.length === 0) throw authFailed(START, 'expected a login package with a SessionId and challenges, found none');
  const base = { ...(auth.tenantId ? { TenantId: auth.tenantId } : {}) };
  let index = 0;
  for (let step = 0; step < MAX_STEPS; step++) {
    const mech = choose(challenges[index] ?? [], index === 0);
    if (!mech) throw new TenantError('ERR_TENANT_MFA_UNSUPPORTED', `${ADVANCE}: challenge ${index + 1} offers no mechanism samlfed can answer (${(challenges[index] ?? []).map((m) => m.Name).join(', ') || 'none'})`, { kind: 'auth', endpoint: ADVANCE });
    let answer: string;
    if (mech.Name === 'UP') answer = auth.password;
    else {
      if (!auth.mfa) throw new TenantError('ERR_TENANT_MFA_UNSUPPORTED', `${ADVANCE}: the tenant asks for a second factor (${mech.Name}) and no code can be asked for (no TTY and no SAMLFED_MFA_CODE, or no mfa callback)`, { kind: 'auth', endpoint: ADVANCE });
      if (mech.AnswerType === 'StartTextOob') {
        const started = rec(await loginCall(t, ADVANCE, { ...base, SessionId: sessionId, MechanismId: mech.MechanismId, Action: 'StartOOB' }, jar));
        if (started.Summary !== 'OobPending') throw authFailed(ADVANCE, `expected Summary "OobPending" after StartOOB, found ${JSON.stringify(started.Summary ?? null)}`);
      }
      const challenge: MfaChallenge = { name: mech.Name, prompt: mech.prompt, ...(mech.hint ? { hint: mech.hint } : {}) };
      answer = String(await auth.mfa(challenge)).trim();
    }
    const r = rec(await loginCall(t, ADVANCE, { ...base, SessionId: sessionId, MechanismId: mech.MechanismId, Action: 'Answer', Answer: answer, PersistentLogin: false }, jar));
    switch (r.Summary) {
      case 'LoginSuccess':
        return tokenOf(jar, r, ADVANCE);
      case 'StartNextChallenge':
        index++;
        if (index >= challenges.length) throw authFailed(ADVANCE, 'expected LoginSuccess after the last challenge, found StartNextChallenge');
        break;
      case 'NewPackage':
        challenges = readChallenges(r);
        if (typeof r.SessionId === 'string') sessionId = r.SessionId;
        index = 0;
        break;
      default:
        throw authFailed(ADVANCE, `expected Summary LoginSuccess, StartNextChallenge or NewPackage, found ${JSON.stringify(r.Summary ?? null).slice(0, 60)}`);
    }
  }
  throw authFailed(ADVANCE, `expected the login to finish within ${MAX_STEPS} steps`);
}

/** A login call: `success:false` becomes `ERR_TENANT_AUTH_FAILED` carrying the tenant's message. */
async function loginCall(t: Transport, endpoint: string, json: unknown, jar: CookieJar): Promise<unknown> {
  try {
    return (await t.call({ endpoint, kind: 'read', json, auth: false, jar })).Result;
  } catch (e) {
    if (e instanceof TenantError && e.code === 'ERR_TENANT_API') {
      throw new TenantError('ERR_TENANT_AUTH_FAILED', `${endpoint}: login refused: ${e.tenantMessage ?? '(no message)'}`, { kind: 'auth', endpoint, httpStatus: e.httpStatus ?? 200, tenantMessage: e.tenantMessage ?? null, messageId: e.messageId ?? null, errorId: e.errorId ?? null, errorCode: e.errorCode ?? null });
    }
    throw e;
  }
}

function tokenOf(jar: CookieJar, result: Record<string, unknown>, endpoint: string): string {
  const cookie = jar.get('.ASPXAUTH');
  if (cookie) return cookie;
  if (typeof result.Auth === 'string' && result.Auth !== '') return result.Auth;
  throw authFailed(endpoint, 'LoginSuccess without a session token (no .ASPXAUTH cookie and no Result.Auth)');
}
