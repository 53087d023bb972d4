/**
 * A date as the tenant shows it (its .NET `en-US` general format, in UTC):
 * `M/D/YYYY h:mm:ss AM|PM`, e.g. `1/1/2039 12:00:00 AM`. Midnight is 12 AM, noon 12 PM.
 * @throws {TypeError} when `d` is not a valid Date.
 */
export function formatTenantDate(d: Date): string {
  if (!(d instanceof Date) || Number.isNaN(d.getTime())) throw new TypeError('formatTenantDate: expected a valid Date');
  const h = d.getUTCHours();
  const h12 = h % 12 === 0 ? 12 : h % 12;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${h12}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} ${h < 12 ? 'AM' : 'PM'}`;
}

/** ISO 8601 in UTC without milliseconds when they are zero: `2039-01-01T00:00:00Z`. */
export function formatIsoDate(d: Date): string {
  return d.toISOString().replace('.000Z', 'Z');
}
