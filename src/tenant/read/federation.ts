import type { Federation, FederationConfig, IdpSigningCertificate } from '../types.js';
import { defined, otherFields, Shape } from './shape.js';

const CONFIG_STRINGS = ['IDPMetadataUrl', 'IDPSignInUrl', 'IDPLogoutUrl', 'IDPSigningCertificateThumbprint', 'IDPSigningCertificateSubject', 'IDPSigningCertificateExpires', 'SPSigningCertificateThumbprint', 'SPSigningCertificateSubject', 'SPSigningCertificateExpires'] as const;
const CERT_STRINGS = ['IDPSigningCertificateThumbprint', 'IDPSigningCertificateSubject', 'IDPSigningCertificateExpires'] as const;
const KNOWN = ['FederationUuid', 'FederationName', 'FederationType', 'NormalizedFederationName', 'Domains', 'Mappings', 'Active', 'DirectLoginSupported', 'PartnerManageable', 'Config'];

/**
 * One federation object, as the CreateFederation Result and each GetFederations entry (tenant-api.md
 * §3.4, §3.5 [D S1, S2]). Required: `FederationUuid`, `FederationName`; `Domains`, `Mappings`,
 * `Config` default to empty when absent (§10.9: GetFederations may omit them).
 */
export function readFederation(v: unknown, endpoint: string, where = 'Result'): Federation {
  const s = new Shape(endpoint);
  const o = s.obj(v, where);
  const cfgIn = o.Config === undefined || o.Config === null ? {} : s.obj(o.Config, `${where}.Config`);
  const cfg: Record<string, unknown> = {};
  for (const k of CONFIG_STRINGS) cfg[k] = s.optStr(cfgIn[k], `${where}.Config.${k}`);
  if (cfgIn.IDPSigningCertificateCollection !== undefined && cfgIn.IDPSigningCertificateCollection !== null) {
    cfg.IDPSigningCertificateCollection = Object.freeze(s.arr(cfgIn.IDPSigningCertificateCollection, `${where}.Config.IDPSigningCertificateCollection`).map((c, i) => {
      const w = `${where}.Config.IDPSigningCertificateCollection[${i}]`;
      const co = s.obj(c, w);
      const out: Record<string, unknown> = {};
      for (const k of CERT_STRINGS) out[k] = s.optStr(co[k], `${w}.${k}`);
      return Object.freeze(defined(out)) as IdpSigningCertificate;
    }));
  }
  cfg.other = otherFields(cfgIn, [...CONFIG_STRINGS, 'IDPSigningCertificateCollection']);
  const mappings = o.Mappings === undefined || o.Mappings === null ? [] : s.arr(o.Mappings, `${where}.Mappings`).map((m, i) => {
    const mo = s.obj(m, `${where}.Mappings[${i}]`);
    return Object.freeze({ AttributeValue: s.nonEmpty(mo.AttributeValue, `${where}.Mappings[${i}].AttributeValue`), GroupName: s.nonEmpty(mo.GroupName, `${where}.Mappings[${i}].GroupName`) });
  });
  const fed = defined({
    FederationUuid: s.nonEmpty(o.FederationUuid, `${where}.FederationUuid`),
    FederationName: s.nonEmpty(o.FederationName, `${where}.FederationName`),
    FederationType: s.optStr(o.FederationType, `${where}.FederationType`) ?? 'SAML 2.0',
    NormalizedFederationName: s.optStr(o.NormalizedFederationName, `${where}.NormalizedFederationName`),
    Domains: Object.freeze(o.Domains === undefined || o.Domains === null ? [] : s.strings(o.Domains, `${where}.Domains`)),
    Mappings: Object.freeze(mappings),
    Active: s.optBool(o.Active, `${where}.Active`),
    DirectLoginSupported: s.optBool(o.DirectLoginSupported, `${where}.DirectLoginSupported`),
    PartnerManageable: s.optBool(o.PartnerManageable, `${where}.PartnerManageable`),
    Config: Object.freeze(defined(cfg)) as unknown as FederationConfig,
    other: otherFields(o, KNOWN),
  } as Record<string, unknown>);
  return Object.freeze(fed) as unknown as Federation;
}
