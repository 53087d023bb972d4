import { strArg, type Ctx } from '../http/context.js';
import { fail, ok, type Reply } from '../http/reply.js';
import { pageOf } from '../http/table.js';
import { MSG } from '../messages.js';
import { federationResult } from '../federation/result.js';
import { globalSettingsResult } from '../sp/identity.js';

const byName = (a: string, b: string) => a.localeCompare(b, 'en', { sensitivity: 'base' });

/** POST /Federation/GetFederations (tenant-api.md §3.5): an array ordered by name, paged by Args. */
export function getFederations(ctx: Ctx): Reply {
  const list = [...ctx.state.federations].sort((a, b) => byName(a.name, b.name));
  return ok(pageOf(list, ctx.body).page.map((f) => federationResult(ctx.state, f)));
}

/** POST /Federation/GetGroups (tenant-api.md §3.1): FDS group names, sorted case-insensitively. */
export function getGroups(ctx: Ctx): Reply {
  return ok(ctx.state.fdsGroups.map((g) => g.systemName).sort(byName));
}

/** POST /Federation/GetGlobalFederationSettings?FederationType=SAML%202.0 (tenant-api.md §3.2). */
export function getGlobalFederationSettings(ctx: Ctx): Reply {
  const type = strArg(ctx, 'FederationType') ?? 'SAML 2.0';
  if (type !== 'SAML 2.0') return fail(MSG.federationTypeSettings(type));
  return ok(globalSettingsResult(ctx.state, ctx.rt.url));
}

/** [I] POST /Federation/GetFederation {"FederationUuid"} (tenant-api.md §3.6, unverified path). */
export function getFederation(ctx: Ctx): Reply {
  const uuid = strArg(ctx, 'FederationUuid');
  if (!uuid) return fail(MSG.parameterRequired('FederationUuid'));
  const f = ctx.state.federations.find((x) => x.uuid.toLowerCase() === uuid.toLowerCase());
  return f ? ok(federationResult(ctx.state, f)) : fail(MSG.federationMissing(uuid));
}

/** [I] POST /Federation/DeleteFederation {"FederationUuid"} (tenant-api.md §3.6). Host groups stay (no API deletes them). */
export function deleteFederation(ctx: Ctx): Reply {
  const uuid = strArg(ctx, 'FederationUuid');
  if (!uuid) return fail(MSG.parameterRequired('FederationUuid'));
  const i = ctx.state.federations.findIndex((x) => x.uuid.toLowerCase() === uuid.toLowerCase());
  if (i < 0) return fail(MSG.federationMissing(uuid));
  ctx.state.federations.splice(i, 1);
  ctx.rt.commit();
  return ok(null);
}
