import { strArg, arg, type Ctx } from '../http/context.js';
import { fail, ok, type Reply } from '../http/reply.js';
import { MSG } from '../messages.js';
import { generateSecret, generateToken } from '../secrets.js';

/** Regions the sandbox offers (msp-create-customer.txt Step 1, the documented list). */
export const POD_REGIONS = ['Asia-Pacific', 'US West', 'South America', 'Hong-Kong', 'Canada', 'Europe', 'US East', 'Australia', 'Japan'];

/** POST /msp/getavailablepodregions. */
export function getAvailablePodRegions(): Reply {
  return ok([...POD_REGIONS]);
}

function aliasOwner(ctx: Ctx, alias: string): string | undefined {
  const l = alias.toLowerCase();
  const s = ctx.rt.state;
  if (s.tenant.loginSuffixes.includes(l) || s.federations.some((f) => f.domains.some((d) => d.toLowerCase() === l))) return s.tenant.id;
  return s.customers.find((c) => c.aliases.includes(l))?.id;
}

/** POST /msp/getaliasavailability `{alias}` -> `{StatusCode: AliasInUse|AliasAvailable, Tenant}`. */
export function getAliasAvailability(ctx: Ctx): Reply {
  const alias = strArg(ctx, 'alias');
  if (!alias) return fail(MSG.parameterRequired('alias'));
  const owner = aliasOwner(ctx, alias);
  return ok({ StatusCode: owner ? 'AliasInUse' : 'AliasAvailable', Tenant: owner ?? null });
}

/** POST /msp/createnewsmb (msp-create-customer.txt Step 3): a customer tenant record; the admin password is in the Result, as documented. */
export function createNewSmb(ctx: Ctx): Reply {
  const { rt } = ctx;
  const company = strArg(ctx, 'company');
  if (!company) return fail(MSG.parameterRequired('company'));
  const region = strArg(ctx, 'podRegion');
  if (!region || !POD_REGIONS.includes(region)) return fail(MSG.regionUnknown(region ?? ''));
  const alias = strArg(ctx, 'initialAlias');
  if (!alias) return fail(MSG.parameterRequired('initialAlias'));
  if (aliasOwner(ctx, alias)) return fail(MSG.aliasInUse(alias));
  const adminUser = strArg(ctx, 'adminUser') ?? 'admin';
  let id: string;
  do id = `AAX${String(Math.floor(rt.rng.next() * 10000)).padStart(4, '0')}`;
  while (rt.state.customers.some((c) => c.id === id) || id === rt.state.tenant.id);
  rt.state.customers.push({ id, companyName: company, podRegion: region, adminUser, enabled: true, aliases: [alias.toLowerCase()] });
  rt.commit();
  const base = rt.url.replace(/^https?:\/\//, '');
  return ok({ TenantId: id, AdminUser: adminUser, AdminPass: generateSecret(), PodFqdn: `${id.toLowerCase()}.${base}`, PodName: `SANDBOX-${region.replace(/\W+/g, '').toUpperCase().slice(0, 6)}-1`, AuthCookie: generateToken(), ProxyCode: `${id}0${rt.rng.hex(4).toUpperCase()}`, AdminUuid: rt.rng.uuid() });
}

/** POST /core/StoreAlias `{alias, domain, cdsAlias, oldName}`: add or rename a login suffix of this tenant. */
export function storeAlias(ctx: Ctx): Reply {
  const s = ctx.rt.state;
  const alias = strArg(ctx, 'alias')?.toLowerCase();
  if (!alias) return fail(MSG.parameterRequired('alias'));
  const oldName = strArg(ctx, 'oldName')?.toLowerCase();
  if (s.federations.some((f) => f.domains.some((d) => d.toLowerCase() === alias)) || s.customers.some((c) => c.aliases.includes(alias))) return fail(MSG.aliasInUse(alias));
  if (oldName && oldName !== alias) s.tenant.loginSuffixes = s.tenant.loginSuffixes.filter((x) => x !== oldName);
  if (!s.tenant.loginSuffixes.includes(alias)) s.tenant.loginSuffixes.push(alias);
  ctx.rt.commit();
  return ok(null);
}

/** POST /msp/getmanagementlink `{tenantId}` -> a `/manage?OneTimePass=` URL. */
export function getManagementLink(ctx: Ctx): Reply {
  const id = strArg(ctx, 'tenantId');
  if (!id) return fail(MSG.parameterRequired('tenantId'));
  const c = ctx.rt.state.customers.find((x) => x.id.toLowerCase() === id.toLowerCase());
  if (!c) return fail(MSG.tenantMissing(id));
  return ok(`${ctx.rt.url}/manage?OneTimePass=${generateToken()}`);
}

/** POST /msp/SetTenantState `{tenantId, state: Enabled|Disabled}` -> `true`. */
export function setTenantState(ctx: Ctx): Reply {
  const id = strArg(ctx, 'tenantId');
  const state = arg(ctx, 'state');
  if (!id) return fail(MSG.parameterRequired('tenantId'));
  if (state !== 'Enabled' && state !== 'Disabled') return fail(MSG.parameterRequired('state (Enabled or Disabled)'));
  const c = ctx.rt.state.customers.find((x) => x.id.toLowerCase() === id.toLowerCase());
  if (!c) return fail(MSG.tenantMissing(id));
  c.enabled = state === 'Enabled';
  ctx.rt.commit();
  return ok(true);
}
