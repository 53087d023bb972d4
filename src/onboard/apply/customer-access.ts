import type { TenantClient } from '../../tenant/client-types.js';
import { isTenantError } from '../../tenant/errors.js';
import { OnboardError } from '../errors.js';
import { ambiguousCompany, customerTenantsNamed } from '../plan/company.js';
import type { StepSpec } from './reconcile.js';

/** The customer tenant as apply reaches it: a client that opens its session on first use. */
export interface CustomerAccess {
  /** Every call waits for the session; a 401 or a failed opening drops it (the next call opens a new one). */
  readonly client: TenantClient;
  /** The customer tenant's id (found by its company name in this tenant's list). */
  readonly tenantId: () => Promise<string>;
}

/**
 * Reach the customer tenant named `company` through a management-link session (docs/onboard.md
 * "MSP"), opened lazily: the customer-tenant step before it may have just created the tenant. The
 * session is opened again after a failure or a 401 (one-time passes are never reused). `plannedId`:
 * the tenant the plan read; another tenant with the company name now is refused.
 */
export function customerAccess(msp: TenantClient, company: string, plannedId?: string): CustomerAccess {
  let open: Promise<{ id: string; client: TenantClient }> | undefined;
  const session = (): Promise<{ id: string; client: TenantClient }> =>
    (open ??= (async () => {
      const named = customerTenantsNamed((await msp.listTenants()).map((t) => ({ id: t.ID, company: t.CompanyName ?? '' })), company);
      // A second tenant with the name (created since the plan) must not get changes planned for the first.
      if (named.length > 1) throw new OnboardError('ERR_ONBOARD_TENANT_CONFLICT', ambiguousCompany(company, named.map((t) => t.id)));
      const row = named[0] ? { ID: named[0].id } : undefined;
      if (!row) throw new OnboardError('ERR_ONBOARD_TENANT_CONFLICT', `customer tenant ${JSON.stringify(company)} not found in this tenant's customer list`);
      // Renamed since the plan: the changes were planned against another tenant's state.
      if (plannedId !== undefined && row.ID.toLowerCase() !== plannedId.toLowerCase()) throw new OnboardError('ERR_ONBOARD_TENANT_CONFLICT', `customer tenant ${JSON.stringify(company)} is now ${row.ID}; the plan was made inside ${plannedId}: plan again`);
      return { id: row.ID, client: await msp.openCustomerSession(row.ID) };
    })().catch((e: unknown) => {
      open = undefined;
      throw e;
    }));
  const client = new Proxy({} as TenantClient, {
    get(_t, prop) {
      if (prop === 'then') return undefined; // not a thenable
      return async (...args: unknown[]) => {
        const s = await session();
        try {
          return await (s.client[prop as keyof TenantClient] as (...a: unknown[]) => Promise<unknown>)(...args);
        } catch (e) {
          if (isTenantError(e) && e.code === 'ERR_TENANT_UNAUTHORIZED') open = undefined;
          throw e;
        }
      };
    },
  });
  return { client, tenantId: async () => (await session()).id };
}

/** Store a login suffix inside the customer tenant (`core/StoreAlias` through its session); present when `msp/getaliasavailability` says the customer holds it. */
export function loginSuffixStep(suffix: string, access: CustomerAccess): StepSpec<{ owner: string | null; id: string }> {
  return {
    label: `add login suffix ${suffix} in the customer tenant`,
    read: async () => {
      const id = await access.tenantId();
      const a = await access.client.getAliasAvailability(suffix);
      return { id, owner: a.StatusCode === 'AliasInUse' ? (a.Tenant ?? '?') : null };
    },
    isDone: (s) => s.owner !== null && s.owner.toLowerCase() === s.id.toLowerCase(),
    write: async (s) => {
      if (s.owner !== null) throw new OnboardError('ERR_ONBOARD_TENANT_CONFLICT', `login suffix ${suffix} is in use by tenant ${s.owner}`);
      await access.client.storeAlias({ alias: suffix, domain: suffix });
    },
  };
}
