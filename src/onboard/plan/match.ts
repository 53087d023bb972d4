/** Name and value comparisons the planner shares (each choice in one place; docs/onboard.md "Matching"). */

/** Federation names compare as the tenant normalises them (tenant-api.md §3.4 [I]): trimmed, lower case, inner spaces collapsed. */
export function federationKey(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** Domains compare ignoring case (DNS). */
export function domainKey(domain: string): string {
  return domain.toLowerCase();
}

/** Role and group names compare ignoring case (the tenant refuses two roles differing only in case [I]). */
export function nameKey(name: string): string {
  return name.toLowerCase();
}

/** Attribute values compare exactly: the tenant matches the partner's values case-sensitively [I]. */
export function pairKey(value: string, group: string): string {
  return `${value}\u0000${nameKey(group)}`;
}
