import { describeData, actualOf } from '../../federation/describe.js';
import { PayloadError } from '../../federation/errors.js';
import type { GroupMapping } from '../../federation/manifest/types.js';
import { unwrapTenantResult } from './envelope.js';
import { readGroupMapping } from './mappings.js';

const CODE = 'ERR_PAYLOAD_SETTINGS_INVALID' as const;

/**
 * The tenant's `GetGlobalFederationSettings` Result, with the tenant's own field names (including
 * its spelling `SPAutnenticationResponseUrl`). The public docs available to us do not list this
 * response's fields; the SP fields below are the ones the CreateFederation form carries and the
 * `SPSigningCertificate*` names the tenant uses in `GetFederations` Config. Every other field is
 * kept untouched in `other`. See docs/federation.md.
 */
export interface GlobalFederationSettings {
  /** SP (outbound) metadata URL given to partners. */
  readonly SPMetadataUrl?: string;
  /** SP assertion consumer (authentication response) URL, spelled as the tenant spells it. */
  readonly SPAutnenticationResponseUrl?: string;
  /** SP entity id / issuer, when the tenant reports one. */
  readonly SPEntityId?: string;
  readonly SPSigningCertificateThumbprint?: string;
  readonly SPSigningCertificateSubject?: string;
  readonly SPSigningCertificateExpires?: string;
  /** Global group mappings, in the tenant's order. */
  readonly GlobalMappings: readonly GroupMapping[];
  /** Every other field of the Result, as received. */
  readonly other: Readonly<Record<string, unknown>>;
}

const URL_FIELDS = ['SPMetadataUrl', 'SPAutnenticationResponseUrl'] as const;
const STRING_FIELDS = ['SPEntityId', 'SPSigningCertificateThumbprint', 'SPSigningCertificateSubject', 'SPSigningCertificateExpires'] as const;

/**
 * Read a `GetGlobalFederationSettings` response (whole envelope or its `Result`; text or parsed).
 * URL fields must be https URLs; `GlobalMappings` may be `[{AttributeValue, GroupName}]`,
 * `{"<value>": "<group>"}` or null/absent. Errors: `ERR_PAYLOAD_SETTINGS_INVALID`, `ERR_PAYLOAD_TENANT_ERROR`.
 */
export function parseGlobalFederationSettings(json: string | object): GlobalFederationSettings {
  const r = unwrapTenantResult(json, CODE, 'GetGlobalFederationSettings');
  const out: Record<string, unknown> = {};
  for (const k of URL_FIELDS) {
    const v = r[k];
    if (v === undefined || v === null || v === '') continue;
    if (typeof v !== 'string') throw new PayloadError(CODE, `${k}: expected a URL string, found ${describeData(v)}`, { actual: actualOf(v) });
    let u: URL;
    try {
      u = new URL(v);
    } catch {
      throw new PayloadError(CODE, `${k}: expected an https URL, found ${describeData(v)}`, { expected: 'https URL', actual: actualOf(v) });
    }
    if (u.protocol !== 'https:') throw new PayloadError(CODE, `${k}: expected an https URL, found ${describeData(v)}`, { expected: 'https URL', actual: actualOf(v) });
    out[k] = v;
  }
  for (const k of STRING_FIELDS) {
    const v = r[k];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string') throw new PayloadError(CODE, `${k}: expected a string, found ${describeData(v)}`, { actual: actualOf(v) });
    out[k] = v;
  }
  const gm = r.GlobalMappings;
  let mappings: GroupMapping[] = [];
  if (Array.isArray(gm)) mappings = gm.map((e, i) => readGroupMapping(e, `GlobalMappings[${i}]`, CODE));
  else if (typeof gm === 'object' && gm !== null) {
    mappings = Object.entries(gm).map(([value, group]) => {
      if (typeof group !== 'string' || group === '') throw new PayloadError(CODE, `GlobalMappings[${JSON.stringify(value)}]: expected a host group name, found ${describeData(group)}`, { actual: actualOf(group) });
      return Object.freeze({ AttributeValue: value, GroupName: group });
    });
  } else if (gm !== undefined && gm !== null) {
    throw new PayloadError(CODE, `GlobalMappings: expected an array or an object, found ${describeData(gm)}`, { actual: actualOf(gm) });
  }
  const known = new Set<string>([...URL_FIELDS, ...STRING_FIELDS, 'GlobalMappings']);
  const other = Object.fromEntries(Object.entries(r).filter(([k]) => !known.has(k)));
  return Object.freeze({ ...out, GlobalMappings: Object.freeze(mappings), other: Object.freeze(other) }) as GlobalFederationSettings;
}
