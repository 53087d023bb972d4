import type { Endpoint } from '../../model.js';
import { docsPath, type EntityRule, type RawFinding } from '../rule.js';
import { at, endpoints, short } from '../util.js';
import { isHttpUrl } from './endpoint-location-invalid.js';

/** `http:` in any case (`value.slice(0, 5).toLowerCase() === 'http:'`), without the two strings. */
function startsWithHttpColon(value: string): boolean {
  return value.length >= 5 && (value.charCodeAt(0) | 0x20) === 0x68 && (value.charCodeAt(1) | 0x20) === 0x74 && (value.charCodeAt(2) | 0x20) === 0x74 && (value.charCodeAt(3) | 0x20) === 0x70 && value.charCodeAt(4) === 0x3a;
}

/** A URL (isHttpUrl) whose scheme is plain http; the cheap scheme test first (both are pure). */
function isPlainHttp(value: string): boolean {
  return startsWithHttpColon(value) && isHttpUrl(value);
}

function finding(element: string, attrName: string, value: string, endpoint: Endpoint): RawFinding {
  return { message: `${element} ${attrName} ${short(value)} uses http://; SAML messages and assertions would cross the network unencrypted`, ...at(endpoint) };
}

/** SAML bindings 2.0 §3.4.5.2 / §3.5.5.2 and security considerations §5: protect messages with TLS. */
export const rule: EntityRule = {
  id: 'endpoint-not-https',
  scope: 'entity',
  defaultSeverity: 'warning',
  description: 'An endpoint (SSO, SLO, ACS) uses plain http:// instead of https://.',
  docs: docsPath('endpoint-not-https'),
  check(entity): RawFinding[] {
    const out: RawFinding[] = [];
    for (const { endpoint, element } of endpoints(entity)) {
      // Non-URLs are endpoint-location-invalid's business.
      if (isPlainHttp(endpoint.location)) out.push(finding(element, 'Location', endpoint.location, endpoint));
      if (endpoint.responseLocation !== undefined && isPlainHttp(endpoint.responseLocation)) out.push(finding(element, 'ResponseLocation', endpoint.responseLocation, endpoint));
    }
    return out;
  },
};
