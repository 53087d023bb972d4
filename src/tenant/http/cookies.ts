/**
 * A minimal cookie jar for one login conversation (StartAuthentication → AdvanceAuthentication use
 * the same jar, tenant-api.md §2.2): name=value pairs from `Set-Cookie`, attributes ignored.
 */
export class CookieJar {
  private readonly map = new Map<string, string>();

  /** Take the cookies a response sets. */
  collect(res: Response): void {
    const list = typeof res.headers.getSetCookie === 'function' ? res.headers.getSetCookie() : [];
    for (const line of list) {
      const first = line.split(';', 1)[0] ?? '';
      const eq = first.indexOf('=');
      if (eq <= 0) continue;
      const name = first.slice(0, eq).trim();
      const value = first.slice(eq + 1).trim();
      if (value === '') this.map.delete(name);
      else this.map.set(name, value);
    }
  }

  get(name: string): string | undefined {
    return this.map.get(name);
  }

  /** The `Cookie` header value, or undefined when empty. */
  header(): string | undefined {
    return this.map.size === 0 ? undefined : [...this.map].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}
