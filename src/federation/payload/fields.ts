/**
 * Encoders for CreateFederation form fields where the tenant documentation is silent.
 * Each choice lives in exactly one function here and is explained in docs/federation.md.
 */
import type { GroupMapping, IdpSource, PartnerManifest } from '../manifest/types.js';
import type { FilePart } from './multipart.js';

/** `FederationType`: the only type the tenant supports. */
export const FEDERATION_TYPE = 'SAML 2.0';

/** `Domains`: several login suffixes comma-joined, as written, no spaces (`acme.com,acme.co.uk`). */
export function encodeDomains(domains: readonly string[]): string {
  return domains.join(',');
}

/** `Name`: the federation name again (the admin form shows one "partner name"; `Name` mirrors `FederationName`). */
export function encodeName(manifest: PartnerManifest): string {
  return manifest.name;
}

/** `Mappings`: JSON array of `{"AttributeValue","GroupName"}` in manifest order (`[]` when none). */
export function encodeMappings(mappings: readonly GroupMapping[]): string {
  return JSON.stringify(mappings.map((m) => ({ AttributeValue: m.AttributeValue, GroupName: m.GroupName })));
}

/** `IsMetaData`: `true` for metadata / metadataUrl, `false` for manual configuration. */
export function encodeIsMetaData(source: IdpSource): string {
  return source.kind === 'manual' ? 'false' : 'true';
}

/**
 * `FederationUuid`: empty to create a federation; the existing federation's uuid (as returned by
 * `GetFederations`) to replace its configuration. Only letters, digits and `-` are accepted.
 */
export function encodeFederationUuid(uuid: string | undefined): string {
  if (uuid === undefined || uuid === '') return '';
  if (typeof uuid !== 'string' || !/^[A-Za-z0-9-]{1,64}$/.test(uuid)) throw new TypeError(`federationUuid must be letters, digits and '-' (a tenant federation uuid), got ${JSON.stringify(uuid)}`);
  return uuid;
}

/**
 * An unused file input (`IDPMetadataFileContents` for URL/manual partners, `IDPSigningCert` with
 * metadata, `SPSigningCertificate*` always: samlfed never uploads a custom SP certificate), sent
 * as browsers send an empty `<input type=file>`: `filename=""`, `application/octet-stream`, no bytes.
 */
export function unusedFilePart(name: string): FilePart {
  return { kind: 'file', name, filename: '', contentType: 'application/octet-stream', bytes: new Uint8Array(0) };
}

/** Quote a filename for Content-Disposition the way browsers do (WHATWG: `"` CR LF percent-encoded). */
export function quoteFilename(name: string): string {
  return name.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
