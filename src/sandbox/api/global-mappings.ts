import { keyOf } from '../http/body.js';
import type { Ctx } from '../http/context.js';
import { fail, ok, type Reply } from '../http/reply.js';
import { MSG } from '../messages.js';
import { ensureGroups } from '../federation/result.js';

type Mapping = { AttributeValue: string; GroupName: string };

/** The single-key body `{"<attribute value>":"<host group>"}` of Add/Delete (tenant-api.md §3.7, [D S1]). */
function singleKey(body: Record<string, unknown>): Mapping | string {
  const entries = Object.entries(body);
  if (entries.length !== 1) return MSG.parameterRequired('a single {"<attribute value>":"<group name>"} pair');
  const [value, group] = entries[0]!;
  if (value.trim() === '' || typeof group !== 'string' || group.trim() === '') return MSG.mappingInvalid(1);
  return { AttributeValue: value, GroupName: group.trim() };
}

/** POST /Federation/GetGlobalGroupAssertionMappings -> `{Mappings:[{AttributeValue,GroupName}]}`. */
export function getGlobalMappings(ctx: Ctx): Reply {
  return ok({ Mappings: ctx.state.globalMappings.map((m) => ({ ...m })) });
}

/**
 * POST /Federation/AddGlobalGroupAssertionMapping (one pair per call). [I] The same pair again is a
 * no-op; the same value with another group is refused (tenant-api.md §3.7).
 */
export function addGlobalMapping(ctx: Ctx): Reply {
  const m = singleKey(ctx.body);
  if (typeof m === 'string') return fail(m);
  const existing = ctx.state.globalMappings.find((x) => x.AttributeValue === m.AttributeValue);
  if (existing) return existing.GroupName.toLowerCase() === m.GroupName.toLowerCase() ? ok(null) : fail(MSG.globalMappingExists(m.AttributeValue));
  ctx.state.globalMappings.push(m);
  ensureGroups(ctx.state, [m.GroupName], () => ctx.rt.rng.uuid());
  ctx.rt.commit();
  return ok(null);
}

/** POST /Federation/DeleteGlobalGroupAssertionMapping; [I] a missing pair is refused. Host groups stay. */
export function deleteGlobalMapping(ctx: Ctx): Reply {
  const m = singleKey(ctx.body);
  if (typeof m === 'string') return fail(m);
  const i = ctx.state.globalMappings.findIndex((x) => x.AttributeValue === m.AttributeValue && x.GroupName.toLowerCase() === m.GroupName.toLowerCase());
  if (i < 0) return fail(MSG.globalMappingMissing(m.AttributeValue, m.GroupName));
  ctx.state.globalMappings.splice(i, 1);
  ctx.rt.commit();
  return ok(null);
}

/** POST /Federation/UpdateGlobalGroupAssertionMappings `{Mappings:[...]}`: replaces the whole list, creates groups. */
export function updateGlobalMappings(ctx: Ctx): Reply {
  const list = keyOf(ctx.body, 'Mappings');
  if (!Array.isArray(list)) return fail(MSG.parameterRequired('Mappings'));
  const out: Mapping[] = [];
  for (let i = 0; i < list.length; i++) {
    const o = list[i] as Record<string, unknown> | null;
    const av = o && typeof o === 'object' ? keyOf(o, 'AttributeValue') : undefined;
    const gn = o && typeof o === 'object' ? keyOf(o, 'GroupName') : undefined;
    if (typeof av !== 'string' || typeof gn !== 'string' || av.trim() === '' || gn.trim() === '') return fail(MSG.mappingInvalid(i + 1));
    if (out.some((x) => x.AttributeValue === av)) return fail(MSG.globalMappingExists(av));
    out.push({ AttributeValue: av, GroupName: gn.trim() });
  }
  ctx.state.globalMappings = out;
  ensureGroups(ctx.state, out.map((m) => m.GroupName), () => ctx.rt.rng.uuid());
  ctx.rt.commit();
  return ok(null);
}
