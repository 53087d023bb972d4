import { keyOf } from '../http/body.js';
import { arg, strArg, type Ctx } from '../http/context.js';
import { fail, ok, type Reply } from '../http/reply.js';
import { table } from '../http/table.js';
import { MESSAGE_ID, MSG } from '../messages.js';
import type { PolicyLink, TenantState } from '../state/model.js';
import { nextTick } from '../state/seed.js';

export const ALLOWS_MFA = '/Core/Authentication/FederatedLoginAllowsMfa';
export const SATISFIES_ALL = '/Core/Authentication/FederatedLoginSatisfiesAllMechs';

function linkRow(l: PolicyLink): Record<string, unknown> {
  return { Params: l.params, ID: l.id, EnableCompliant: true, Description: l.description, LinkType: l.linkType, PolicySet: l.policySet };
}

/** POST /Policy/GetNicePlinks (tenant-api.md §6.2): table of links in evaluation order + `RevStamp`. */
export function getNicePlinks(ctx: Ctx): Reply {
  const s = ctx.state;
  return ok({ ...table('Plink', s.plinks.map(linkRow), ctx.body, (r) => String(r['ID']), ['Params', 'ID', 'EnableCompliant', 'Description', 'LinkType', 'PolicySet']), RevStamp: s.plinksRevStamp });
}

/** POST /Policy/GetPolicyBlock `{name}` (tenant-api.md §6.3). */
export function getPolicyBlock(ctx: Ctx): Reply {
  const s = ctx.state;
  const name = strArg(ctx, 'name');
  if (!name) return fail(MSG.parameterRequired('name'));
  const p = s.policies.find((x) => x.path.toLowerCase() === name.toLowerCase());
  if (!p) return fail(MSG.policyMissing(name));
  return ok({
    Version: 1,
    Settings: { ...p.settings },
    RevStamp: p.revStamp,
    RadiusClientList: [],
    AuthProfiles: s.authProfiles.map((a) => ({ Uuid: a.uuid, Name: a.name, DurationInMinutes: 0, Challenges: a.challenges, AdditionalData: {} })),
    PolicyModifiers: [],
    DirectoryServices: s.directoryServices.map((d) => ({ DisplayNameShort: d.name, directoryServiceUuid: d.uuid })),
    Description: p.description,
    Path: p.path,
    RiskAnalysisLevels: {},
  });
}

/** Booleans may arrive as JSON booleans or the strings "true"/"false" (tenant-api.md §6.1); stored as booleans. */
function normaliseSettings(settings: Record<string, unknown>): Record<string, unknown> {
  // fromEntries defines own properties: a "__proto__" key stays a key (stored and echoed) instead of
  // replacing the object's prototype, whose inherited values the MFA checks would read.
  return Object.fromEntries(Object.entries(settings).map(([k, v]) => [k, v === 'true' ? true : v === 'false' ? false : v]));
}

function readLinks(v: unknown): PolicyLink[] | string {
  if (!Array.isArray(v)) return MSG.parameterRequired('plinks');
  const out: PolicyLink[] = [];
  for (const l of v) {
    if (l === null || typeof l !== 'object') return MSG.parameterRequired('plinks[].PolicySet');
    const o = l as Record<string, unknown>;
    const set = keyOf(o, 'PolicySet');
    if (typeof set !== 'string' || set === '') return MSG.parameterRequired('plinks[].PolicySet');
    const type = keyOf(o, 'LinkType');
    const params = keyOf(o, 'Params');
    const desc = keyOf(o, 'Description');
    out.push({ id: set, policySet: set, linkType: typeof type === 'string' ? type : 'Inactive', description: typeof desc === 'string' ? desc : '', params: Array.isArray(params) ? params : [] });
  }
  return out;
}

/**
 * POST /Policy/SavePolicyBlock3 `{plinks, policy:{Path, Settings, Newpolicy, RevStamp}}` (tenant-api.md §6.4):
 * an update must carry the current RevStamp ([I] stale -> failure with our MessageID); the two federated
 * MFA settings are mutually exclusive ([I]); every save bumps the RevStamps (monotonic ticks).
 */
export function savePolicyBlock3(ctx: Ctx): Reply {
  const s: TenantState = ctx.state;
  const policy = arg(ctx, 'policy');
  if (policy === null || typeof policy !== 'object' || Array.isArray(policy)) return fail(MSG.parameterRequired('policy'));
  const p = policy as Record<string, unknown>;
  const path = keyOf(p, 'Path');
  if (typeof path !== 'string' || !path.startsWith('/Policy/')) return fail(MSG.parameterRequired('policy.Path'));
  const rawSettings = keyOf(p, 'Settings');
  const settings = normaliseSettings(rawSettings !== null && typeof rawSettings === 'object' && !Array.isArray(rawSettings) ? (rawSettings as Record<string, unknown>) : {});
  if (settings[ALLOWS_MFA] === true && settings[SATISFIES_ALL] === true) return fail(MSG.mfaExclusive());
  const links = readLinks(arg(ctx, 'plinks'));
  if (typeof links === 'string') return fail(links);
  const newPolicy = keyOf(p, 'Newpolicy');
  const isNew = newPolicy === true || newPolicy === 'true';
  const existing = s.policies.find((x) => x.path.toLowerCase() === path.toLowerCase());
  if (!isNew) {
    if (!existing) return fail(MSG.policyMissing(path));
    if (String(keyOf(p, 'RevStamp') ?? '') !== existing.revStamp) return fail(MSG.revStamp(), { messageId: MESSAGE_ID.revStamp });
  } else if (existing) {
    return fail(`Policy '${path}' already exists.`);
  }
  const tick = nextTick(s, ctx.rt.now());
  const description = keyOf(p, 'Description');
  if (existing) {
    existing.settings = settings;
    if (typeof description === 'string') existing.description = description;
    existing.revStamp = tick;
  } else {
    s.policies.push({ path, description: typeof description === 'string' ? description : '', settings, revStamp: tick });
  }
  if (!links.some((l) => l.policySet.toLowerCase() === path.toLowerCase())) links.unshift({ id: path, policySet: path, linkType: 'Inactive', description: '', params: [] });
  s.plinks = links;
  s.plinksRevStamp = nextTick(s, ctx.rt.now());
  ctx.rt.commit();
  return ok({ RevStamp: tick });
}

/** POST /Policy/setPlinksv2 `{Plinks, RevStamp}`: reorder links (tenant-api.md §6.4). */
export function setPlinks(ctx: Ctx): Reply {
  const s = ctx.state;
  if (String(arg(ctx, 'RevStamp') ?? '') !== s.plinksRevStamp) return fail(MSG.revStamp(), { messageId: MESSAGE_ID.revStamp });
  const links = readLinks(arg(ctx, 'Plinks'));
  if (typeof links === 'string') return fail(links);
  s.plinks = links;
  s.plinksRevStamp = nextTick(s, ctx.rt.now());
  ctx.rt.commit();
  return ok({ RevStamp: s.plinksRevStamp });
}

/** The policy every user falls back to when no Global link applies (seeded, tenant-api.md §9.2). */
export const DEFAULT_POLICY = '/Policy/Default Policy';

/**
 * [I] The login policy that applies to federated users (issue 12): the first `Global` link's policy,
 * else the Default Policy (the tenant's fallback for users no other policy covers, whatever its
 * link type). Partner MFA is asked when that policy has FederatedLoginAllowsMfa and does not turn
 * AuthenticationEnabled off (tenant-api.md §6.1: the switch only matters with policy controls on).
 */
export function federatedMfaRequired(s: TenantState): boolean {
  const link = s.plinks.find((l) => l.linkType === 'Global');
  const p = s.policies.find((x) => x.path === (link ? link.policySet : DEFAULT_POLICY));
  return p !== undefined && p.settings[ALLOWS_MFA] === true && p.settings['AuthenticationEnabled'] !== false;
}
