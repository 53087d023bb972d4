/**
 * Naming the customer tenant (docs/onboard.md "MSP"): the `customerTenant` section names it by
 * company name, case-insensitive. Several tenants with that name are ERR_ONBOARD_TENANT_CONFLICT
 * (in the plan, and again when apply opens the tenant): samlfed never picks one of them.
 */

/** The customer tenants whose company name is `company` (case-insensitive, as the section names it). */
export function customerTenantsNamed<T extends { readonly company: string }>(tenants: readonly T[], company: string): T[] {
  return tenants.filter((t) => t.company.toLowerCase() === company.toLowerCase());
}

/** The ERR_ONBOARD_TENANT_CONFLICT message for a company name that several customer tenants have. */
export function ambiguousCompany(company: string, ids: readonly string[]): string {
  return `customer tenant ${JSON.stringify(company)}: ${ids.length} customer tenants have this company name (${[...ids].sort().join(', ')}): rename all but one, samlfed does not guess which one is meant`;
}
