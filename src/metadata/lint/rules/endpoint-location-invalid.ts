import { docsPath, type EntityRule, type RawFinding } from '../rule.js';
import { at, endpoints, short } from '../util.js';

/**
 * `http://` or `https://`, then a host of dot-separated ASCII labels (letters, digits, hyphens)
 * whose last label starts with a letter, ended by `/`, `?`, `#` or the end of the value. Every such
 * value is an absolute http(s) URL with a host for the WHATWG URL parser (URL Standard §4.4 host
 * parsing: ASCII labels map to themselves under UTS #46, and a last label that starts with a letter
 * cannot be an IPv4 number; path, query and fragment never fail), unless a label is an IDNA
 * `xn--` label, which must also decode: the lookahead sends values with `--` anywhere in the host
 * (the run up to the first `/`, `?` or `#`) to the full parse.
 */
const SIMPLE_HTTP_URL = /^https?:\/\/(?![^/?#]*--)(?:[A-Za-z0-9-]+\.)*[A-Za-z][A-Za-z0-9-]*(?:[/?#]|$)/;

/** True when `value` is an absolute http(s) URL with a host (WHATWG URL parse). */
export function isHttpUrl(value: string): boolean {
  if (value !== value.trim() || /\s/.test(value)) return false;
  // Fast path (most endpoints of an aggregate), with the same answer as the parse below.
  if (SIMPLE_HTTP_URL.test(value)) return true;
  return isHttpUrlByParse(value);
}

/** @internal The general case of {@link isHttpUrl}, without its fast path (the tests' reference). */
export function isHttpUrlByParse(value: string): boolean {
  if (value !== value.trim() || /\s/.test(value)) return false;
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    return false;
  }
  return (u.protocol === 'https:' || u.protocol === 'http:') && u.hostname !== '';
}

/** SAML metadata 2.0 §2.2.2: Location is a URI the browser is sent to; for the HTTP bindings it must be an http(s) URL. */
export const rule: EntityRule = {
  id: 'endpoint-location-invalid',
  scope: 'entity',
  defaultSeverity: 'error',
  description: 'An endpoint Location or ResponseLocation is not an absolute http(s) URL.',
  docs: docsPath('endpoint-location-invalid'),
  check(entity): RawFinding[] {
    const out: RawFinding[] = [];
    for (const { endpoint, element } of endpoints(entity)) {
      if (!isHttpUrl(endpoint.location)) {
        out.push({ message: `${element} Location ${short(endpoint.location)} is not an absolute http(s) URL`, ...at(endpoint) });
      }
      if (endpoint.responseLocation !== undefined && !isHttpUrl(endpoint.responseLocation)) {
        out.push({ message: `${element} ResponseLocation ${short(endpoint.responseLocation)} is not an absolute http(s) URL`, ...at(endpoint) });
      }
    }
    return out;
  },
};
