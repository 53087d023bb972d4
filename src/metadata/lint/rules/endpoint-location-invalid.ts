import { docsPath, type EntityRule, type RawFinding } from '../rule.js';
import { at, endpoints, short } from '../util.js';

/** True when `value` is an absolute http(s) URL with a host (WHATWG URL parse). */
export function isHttpUrl(value: string): boolean {
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
