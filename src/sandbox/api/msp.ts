import { strArg, arg, type Ctx } from '../http/context.js';
import { fail, ok, type Reply } from '../http/reply.js';
import { MSG } from '../messages.js';
import { ONE_TIME_PASS_MS } from '../runtime.js';
import { generateSecret, generateToken } from '../secrets.js';
import { customerTenantState } from '../state/customer.js';
import { MAX_CUSTOMERS, type TenantRecord, type TenantState } from '../state/model.js';

export { MAX_CUSTOMERS } from '../state/model.js';

/** Regions the sandbox offers (msp-create-customer.txt Step 1, the documented list). */
export const POD_REGIONS = ['Asia-Pacific', 'US West', 'South America', 'Hong-Kong', 'Canada', 'Europe', 'US East', 'Australia', 'Japan'];

/** POST /msp/getavailablepodregions. */
export function getAvailablePodRegions(): Reply {
  return ok([...POD_REGIONS]);
}

/** Every tenant of the sandbox with its login suffixes and federation domains (aliases are unique across tenants). */
function* aliasHolders(ctx: Ctx): Generator<{ id: string; names: readonly string[] }> {
  const root = ctx.rt.state;
  const own = (t: TenantState) => [...t.tenant.loginSuffixes, ...t.federations.flatMap((f) => f.domains.map((d) => d.toLowerCase()))];
  yield { id: root.tenant.id, names: own(root) };
  for (const c of root.customers) yield { id: c.id, names: c.state ? own(c.state) : c.aliases };
}

/** The tenant that holds `alias` (a login suffix, an initial alias or a federation domain), if any. */
function aliasOwner(ctx: Ctx, alias: string): string | undefined {
  const l = alias.toLowerCase();
  for (const h of aliasHolders(ctx)) if (h.names.includes(l)) return h.id;
  return undefined;
}

/** POST /msp/getaliasavailability `{alias}` -> `{StatusCode: AliasInUse|AliasAvailable, Tenant}`. */
export function getAliasAvailability(ctx: Ctx): Reply {
  const alias = strArg(ctx, 'alias');
  if (!alias) return fail(MSG.parameterRequired('alias'));
  const owner = aliasOwner(ctx, alias);
  return ok({ StatusCode: owner ? 'AliasInUse' : 'AliasAvailable', Tenant: owner ?? null });
}

/**
 * POST /msp/createnewsmb (msp-create-customer.txt Step 3): a customer tenant with its own tenant
 * state (docs/sandbox.md "Customer tenants"); the admin password is in the Result, as documented.
 * [I] Only the MSP tenant creates customers (a customer tenant's session is refused).
 */
export function createNewSmb(ctx: Ctx): Reply {
  const { rt } = ctx;
  if (ctx.state !== rt.state) return fail(MSG.notMsp());
  const company = strArg(ctx, 'company');
  if (!company) return fail(MSG.parameterRequired('company'));
  const region = strArg(ctx, 'podRegion');
  if (!region || !POD_REGIONS.includes(region)) return fail(MSG.regionUnknown(region ?? ''));
  const alias = strArg(ctx, 'initialAlias')?.toLowerCase();
  if (!alias) return fail(MSG.parameterRequired('initialAlias'));
  if (aliasOwner(ctx, alias)) return fail(MSG.aliasInUse(alias));
  if (rt.state.customers.length >= MAX_CUSTOMERS) return fail(MSG.tooManyCustomers(MAX_CUSTOMERS));
  const adminUser = strArg(ctx, 'adminUser') ?? 'admin';
  let id: string;
  do id = `AAX${String(Math.floor(rt.rng.next() * 10000)).padStart(4, '0')}`;
  while (rt.state.customers.some((c) => c.id === id) || id === rt.state.tenant.id);
  const adminPass = generateSecret();
  const record: TenantRecord = { id, companyName: company, podRegion: region, adminUser, enabled: true, aliases: [alias] };
  record.state = customerTenantState(record, adminPass, rt.rng, rt.now());
  rt.state.customers.push(record);
  rt.commit();
  const base = rt.url.replace(/^https?:\/\//, '');
  return ok({ TenantId: id, AdminUser: adminUser, AdminPass: adminPass, PodFqdn: `${id.toLowerCase()}.${base}`, PodName: `SANDBOX-${region.replace(/\W+/g, '').toUpperCase().slice(0, 6)}-1`, AuthCookie: generateToken(), ProxyCode: `${id}0${rt.rng.hex(4).toUpperCase()}`, AdminUuid: record.state.users[0]!.uuid });
}

/**
 * POST /core/StoreAlias `{alias, domain, cdsAlias, oldName}`: add or rename a login suffix of the
 * tenant the session acts on (the MSP tenant, or a customer tenant through its management link).
 */
export function storeAlias(ctx: Ctx): Reply {
  const s = ctx.state;
  const alias = strArg(ctx, 'alias')?.toLowerCase();
  if (!alias) return fail(MSG.parameterRequired('alias'));
  const oldName = strArg(ctx, 'oldName')?.toLowerCase();
  const owner = aliasOwner(ctx, alias);
  if (s.federations.some((f) => f.domains.some((d) => d.toLowerCase() === alias)) || (owner !== undefined && owner !== s.tenant.id)) return fail(MSG.aliasInUse(alias));
  if (oldName && oldName !== alias) s.tenant.loginSuffixes = s.tenant.loginSuffixes.filter((x) => x !== oldName);
  if (!s.tenant.loginSuffixes.includes(alias)) s.tenant.loginSuffixes.push(alias);
  ctx.rt.commit();
  return ok(null);
}

/**
 * POST /msp/getmanagementlink `{tenantId}` -> `<url>/manage?OneTimePass=<pass>`. The pass opens one
 * session in that customer tenant (`GET /manage`, src/sandbox/api/manage.ts): single use, 5 minutes,
 * 32 random bytes, at most ONE_TIME_PASS_CAP outstanding. Only the MSP tenant's own customers.
 */
export function getManagementLink(ctx: Ctx): Reply {
  const id = strArg(ctx, 'tenantId');
  if (!id) return fail(MSG.parameterRequired('tenantId'));
  const c = ctx.state.customers.find((x) => x.id.toLowerCase() === id.toLowerCase());
  if (!c) return fail(MSG.tenantMissing(id));
  const pass = generateToken();
  ctx.rt.oneTimePasses.set(pass, { tenantId: c.id, expiresAt: ctx.rt.now().getTime() + ONE_TIME_PASS_MS });
  return ok(`${ctx.rt.url}/manage?OneTimePass=${pass}`);
}

/** POST /msp/SetTenantState `{tenantId, state: Enabled|Disabled}` -> `true`. */
export function setTenantState(ctx: Ctx): Reply {
  const id = strArg(ctx, 'tenantId');
  const state = arg(ctx, 'state');
  if (!id) return fail(MSG.parameterRequired('tenantId'));
  if (state !== 'Enabled' && state !== 'Disabled') return fail(MSG.parameterRequired('state (Enabled or Disabled)'));
  const c = ctx.state.customers.find((x) => x.id.toLowerCase() === id.toLowerCase());
  if (!c) return fail(MSG.tenantMissing(id));
  c.enabled = state === 'Enabled';
  ctx.rt.commit();
  return ok(true);
}
