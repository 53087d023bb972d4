/**
 * A minimal user agent for the end-to-end tests over HTTP: a cookie jar (by host, as browsers
 * keep cookies regardless of port), manual redirects, and reading forms from our own pages.
 */
export interface UaResponse {
  readonly status: number;
  readonly url: string;
  readonly location?: string;
  readonly text: string;
}

export class UserAgent {
  readonly cookies = new Map<string, string>();

  async request(url: string, init: { method?: string; form?: Record<string, string>; json?: unknown; headers?: Record<string, string> } = {}): Promise<UaResponse> {
    const headers: Record<string, string> = { ...(init.headers ?? {}) };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    let body: string | undefined;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    } else if (init.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(init.json);
    }
    const res = await fetch(url, { method: init.method ?? (body === undefined ? 'GET' : 'POST'), headers, ...(body !== undefined ? { body } : {}), redirect: 'manual', signal: AbortSignal.timeout(15_000) });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (value === '' || /max-age=0|expires=Thu, 01 Jan 1970/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const location = res.headers.get('location');
    return { status: res.status, url, ...(location ? { location: new URL(location, url).href } : {}), text: await res.text() };
  }

  /** Follow 3xx GET redirects from `first` (at most 10). */
  async follow(first: UaResponse): Promise<UaResponse> {
    let r = first;
    for (let i = 0; i < 10 && r.status >= 300 && r.status < 400 && r.location; i++) r = await this.request(r.location);
    return r;
  }
}

const unescape = (s: string): string => s.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'" })[e]!);

/** The action and the named inputs (hidden and visible, with their values) of form `#id` in `html`. */
export function readForm(html: string, id: string, base: string): { action: string; fields: Record<string, string> } {
  const start = html.search(new RegExp(`<form[^>]*\\bid="${id}"`));
  if (start < 0) throw new Error(`no form #${id} in the page: ${html.slice(0, 300)}`);
  const end = html.indexOf('</form>', start);
  const form = html.slice(start, end < 0 ? undefined : end);
  const action = /\baction="([^"]*)"/.exec(form.slice(0, form.indexOf('>')))?.[1] ?? '';
  const fields: Record<string, string> = {};
  for (const m of form.matchAll(/<input\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[0])?.[1];
    if (name) fields[unescape(name)] = unescape(/\bvalue="([^"]*)"/.exec(m[0])?.[1] ?? '');
  }
  return { action: new URL(unescape(action), base).href, fields };
}

/** Text of the element with `id` (first match; tags inside stripped). */
export function textById(html: string, id: string): string | undefined {
  const m = new RegExp(`<([a-z0-9]+)[^>]*\\bid="${id}"[^>]*>([\\s\\S]*?)</\\1>`).exec(html);
  return m ? unescape(m[2]!.replace(/<[^>]+>/g, '')).trim() : undefined;
}

/** The `<li>` texts inside the element with `id`. */
export function listById(html: string, id: string): string[] {
  const m = new RegExp(`<(ul|ol)[^>]*\\bid="${id}"[^>]*>([\\s\\S]*?)</\\1>`).exec(html);
  if (!m) throw new Error(`no list #${id} in the page: ${html.slice(0, 300)}`);
  return [...m[2]!.matchAll(/<li[^>]*>([\s\S]*?)<\/li>/g)].map((x) => unescape(x[1]!.replace(/<[^>]+>/g, '')).trim());
}
