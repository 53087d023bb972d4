import { describeData, actualOf } from '../../federation/describe.js';
import { PayloadError } from '../../federation/errors.js';
import type { GroupMapping } from '../../federation/manifest/types.js';
import { unwrapTenantResult } from './envelope.js';
import { readGroupMapping } from './mappings.js';

const CODE = 'ERR_PAYLOAD_SETTINGS_INVALID' as const;

/**
 * The tenant's `GetGlobalFederationSettings` Result with every documented field, under the tenant's
 * own names (including its spelling `SPAutnenticationResponseUrl`). Source: the vendor's Business
 * Partner Federation page (tenant-api.md §3.2 [D S1]), which lists the complete Result twice.
 * The tenant has no `SPEntityId` field: the SP entity ID is in the SP metadata at `SPMetadataUrl`.
 * Fields the tenant may add later are kept untouched in `other`. See docs/federation.md.
 */
export interface GlobalFederationSettings {
  /** SP (outbound) metadata URL given to partners: `https://<tenant>/Federation/federationmetadata?FederationType=SAML%202.0`. */
  readonly SPMetadataUrl?: string;
  /** SP assertion consumer URL (`https://<tenant>/My`), spelled as the tenant spells it. */
  readonly SPAutnenticationResponseUrl?: string;
  /** Download URL of the SP signing certificate (`/Federation/SPSigningCertificate`). */
  readonly SPSigningCertificateUrl?: string;
  /** SP signing certificate SHA-1 thumbprint (upper-case hex). */
  readonly SPSigningCertificateThumbprint?: string;
  /** e.g. `CN=Centrify Customer <ID> Application Signing Certificate`. */
  readonly SPSigningCertificateSubject?: string;
  /** US date-time text, e.g. `1/1/2039 12:00:00 AM`. */
  readonly SPSigningCertificateExpires?: string;
  /** Download URL of the SP signing CA (`/Federation/SPSigningCertificateAuthority`). */
  readonly SPSigningCertificateCAUrl?: string;
  readonly SPSigningCertificateCAThumbprint?: string;
  /** e.g. `CN=Centrify Customer <ID>`. */
  readonly SPSigningCertificateCASubject?: string;
  readonly SPSigningCertificateCAExpires?: string;
  /** The tenant's own base URL as an IdP (`https://<tenant>`). */
  readonly IDPEndpointUrl?: string;
  /** SAML attributes the tenant reads from partner assertions (`Description`, `DisplayName`, ... `UserPrincipalName`). */
  readonly RequestedAttributes?: readonly string[];
  /** SP single logout URL (`/Security/Logout`). */
  readonly SPLogoutUrl?: string;
  /** Where the browser goes after logout (`/My`). */
  readonly SPLogoutReturnUrl?: string;
  /** Global group mappings, in the tenant's order (documented as single-key objects, read into pairs). */
  readonly GlobalMappings: readonly GroupMapping[];
  /** Every other (undocumented) field of the Result, as received. */
  readonly other: Readonly<Record<string, unknown>>;
}

/** URL fields (https, or http to a loopback host: the local sandbox). */
const URL_FIELDS = ['SPMetadataUrl', 'SPAutnenticationResponseUrl', 'SPSigningCertificateUrl', 'SPSigningCertificateCAUrl', 'IDPEndpointUrl', 'SPLogoutUrl', 'SPLogoutReturnUrl'] as const;
const STRING_FIELDS = [
  'SPSigningCertificateThumbprint', 'SPSigningCertificateSubject', 'SPSigningCertificateExpires',
  'SPSigningCertificateCAThumbprint', 'SPSigningCertificateCASubject', 'SPSigningCertificateCAExpires',
] as const;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

function readUrl(k: string, v: unknown): string {
  if (typeof v !== 'string') throw new PayloadError(CODE, `${k}: expected a URL string, found ${describeData(v)}`, { actual: actualOf(v) });
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    throw new PayloadError(CODE, `${k}: expected an https URL, found ${describeData(v)}`, { expected: 'https URL', actual: actualOf(v) });
  }
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && LOOPBACK.has(u.hostname))) {
    throw new PayloadError(CODE, `${k}: expected an https URL, found ${describeData(v)}`, { expected: 'https URL', actual: actualOf(v) });
  }
  return v;
}

/**
 * `GlobalMappings` in any of its shapes: the documented array of single-key objects
 * `[{"Team": "TestB2B"}]` (tenant-api.md §3.2 [D S1]), an array of `{AttributeValue, GroupName}`
 * (the shape of `GetGlobalGroupAssertionMappings`), a `{"<value>": "<group>"}` object, or null/absent.
 */
function readGlobalMappingsField(gm: unknown): GroupMapping[] {
  if (gm === undefined || gm === null) return [];
  const pair = (value: string, group: unknown, where: string): GroupMapping => {
    if (typeof group !== 'string' || group === '') throw new PayloadError(CODE, `${where}: expected a host group name, found ${describeData(group)}`, { expected: 'non-empty string', actual: actualOf(group) });
    if (value === '') throw new PayloadError(CODE, `${where}: expected a non-empty attribute value, found ""`, { expected: 'non-empty string', actual: '' });
    return Object.freeze({ AttributeValue: value, GroupName: group });
  };
  if (Array.isArray(gm)) {
    return gm.map((e, i) => {
      const where = `GlobalMappings[${i}]`;
      if (typeof e === 'object' && e !== null && !Array.isArray(e)) {
        const keys = Object.keys(e);
        const isPairShape = keys.includes('AttributeValue') || keys.includes('GroupName');
        if (!isPairShape && keys.length === 1) return pair(keys[0]!, (e as Record<string, unknown>)[keys[0]!], `${where}[${JSON.stringify(keys[0])}]`);
        if (!isPairShape) throw new PayloadError(CODE, `${where}: expected a single-key object {"<attribute value>": "<host group>"} or {"AttributeValue", "GroupName"}, found ${describeData(e)}`, { expected: 'single-key object', actual: actualOf(e) });
      }
      return readGroupMapping(e, where, CODE);
    });
  }
  if (typeof gm === 'object') return Object.entries(gm).map(([value, group]) => pair(value, group, `GlobalMappings[${JSON.stringify(value)}]`));
  throw new PayloadError(CODE, `GlobalMappings: expected an array or an object, found ${describeData(gm)}`, { actual: actualOf(gm) });
}

/**
 * Read a `GetGlobalFederationSettings` response (whole envelope or its `Result`; text or parsed).
 * URL fields must be https URLs (http only to 127.0.0.1/localhost/[::1], the local sandbox);
 * `RequestedAttributes` an array of strings; `GlobalMappings` any shape of `readGlobalMappingsField`.
 * Errors: `ERR_PAYLOAD_SETTINGS_INVALID`, `ERR_PAYLOAD_TENANT_ERROR`, `ERR_PAYLOAD_TOO_LARGE`.
 */
export function parseGlobalFederationSettings(json: string | object): GlobalFederationSettings {
  const r = unwrapTenantResult(json, CODE, 'GetGlobalFederationSettings');
  const out: Record<string, unknown> = {};
  for (const k of URL_FIELDS) {
    const v = r[k];
    if (v === undefined || v === null || v === '') continue;
    out[k] = readUrl(k, v);
  }
  for (const k of STRING_FIELDS) {
    const v = r[k];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string') throw new PayloadError(CODE, `${k}: expected a string, found ${describeData(v)}`, { actual: actualOf(v) });
    out[k] = v;
  }
  const ra = r.RequestedAttributes;
  if (ra !== undefined && ra !== null) {
    if (!Array.isArray(ra) || ra.some((a) => typeof a !== 'string')) throw new PayloadError(CODE, `RequestedAttributes: expected an array of attribute names, found ${describeData(ra)}`, { expected: 'string[]', actual: actualOf(ra) });
    out.RequestedAttributes = Object.freeze([...(ra as string[])]);
  }
  const mappings = readGlobalMappingsField(r.GlobalMappings);
  const known = new Set<string>([...URL_FIELDS, ...STRING_FIELDS, 'RequestedAttributes', 'GlobalMappings']);
  const other = Object.fromEntries(Object.entries(r).filter(([k]) => !known.has(k)));
  return Object.freeze({ ...out, GlobalMappings: Object.freeze(mappings), other: Object.freeze(other) }) as GlobalFederationSettings;
}
