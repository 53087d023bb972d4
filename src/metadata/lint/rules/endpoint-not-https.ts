import { docsPath, type EntityRule, type RawFinding } from '../rule.js';
import { at, endpoints, short } from '../util.js';
import { isHttpUrl } from './endpoint-location-invalid.js';

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
      for (const [attrName, value] of [['Location', endpoint.location], ['ResponseLocation', endpoint.responseLocation]] as const) {
        // Non-URLs are endpoint-location-invalid's business.
        if (value !== undefined && isHttpUrl(value) && value.slice(0, 5).toLowerCase() === 'http:') {
          out.push({ message: `${element} ${attrName} ${short(value)} uses http://; SAML messages and assertions would cross the network unencrypted`, ...at(endpoint) });
        }
      }
    }
    return out;
  },
};
