import type { FormPart } from '../http/multipart.js';
import { MSG } from '../messages.js';

/** The CreateFederation parts, in the documented order (tenant-api.md §3.4, [D S1]). */
export const CREATE_FEDERATION_PARTS = [
  'FederationName',
  'FederationType',
  'Domains',
  'Name',
  'Mappings',
  'IDPMetadataUrl',
  'IDPSignInUrl',
  'IDPLogoutUrl',
  'IDPSigningCert_name',
  'IDPSigningCertPassword',
  'FederationUuid',
  'IDPSigningCertificateThumbprint',
  'IsMetaData',
  'SPMetadataUrl',
  'SPAutnenticationResponseUrl',
  'SPSigningCertificate_name',
  'SPSigningCertificateCA_name',
  'IDPMetadataFileContents',
  'IDPSigningCert',
  'SPSigningCertificate',
  'SPSigningCertificateCA',
] as const;

export type FederationForm = { text: Record<string, string>; files: Record<string, Buffer> };

/**
 * Collect the parts of a CreateFederation form. Strict (default, tenant-api.md §9.1): exactly the
 * documented parts, each once, in the documented order. Loose: unknown parts are ignored, missing
 * ones read as empty, any order. Part names are matched case-insensitively.
 * @returns the form, or a tenant-style failure message.
 */
export function collectForm(parts: readonly FormPart[], strict: boolean): FederationForm | string {
  const canonical = new Map(CREATE_FEDERATION_PARTS.map((p) => [p.toLowerCase(), p] as const));
  const text: Record<string, string> = {};
  const files: Record<string, Buffer> = {};
  const seen: string[] = [];
  for (const part of parts) {
    const name = canonical.get(part.name.toLowerCase());
    if (!name) {
      if (strict) return MSG.formField(`unexpected part '${part.name.slice(0, 80)}'`);
      continue;
    }
    if (seen.includes(name)) return MSG.formField(`part '${name}' appears more than once`);
    seen.push(name);
    text[name] = part.isFile ? '' : part.value;
    if (part.isFile) files[name] = part.bytes;
  }
  if (strict) {
    const missing = CREATE_FEDERATION_PARTS.filter((p) => !seen.includes(p));
    if (missing.length > 0) return MSG.formField(`missing part${missing.length > 1 ? 's' : ''} ${missing.map((m) => `'${m}'`).join(', ')}`);
    for (let i = 0; i < seen.length; i++) {
      if (seen[i] !== CREATE_FEDERATION_PARTS[i]) return MSG.formField(`part '${seen[i]}' is out of the documented order (expected '${CREATE_FEDERATION_PARTS[i]}')`);
    }
  }
  for (const p of CREATE_FEDERATION_PARTS) text[p] ??= '';
  return { text, files };
}
