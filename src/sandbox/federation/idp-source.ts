import { readCertificates } from '../../certs/read.js';
import { formatTenantDate } from '../../certs/date.js';
import type { Certificate } from '../../certs/types.js';
import { fetchMetadata } from '../../metadata/fetch.js';
import { parseMetadata } from '../../metadata/parse.js';
import { signingCertificates } from '../../metadata/read-keys.js';
import type { IdpSsoDescriptor } from '../../metadata/model.js';
import { MSG } from '../messages.js';
import type { CertSummary } from '../state/model.js';
import type { FederationForm } from './form.js';

const SAML2_PROTOCOL = 'urn:oasis:names:tc:SAML:2.0:protocol';
const REDIRECT = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';
const POST = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';
/** Metadata larger than this is refused (the multipart limit is the outer bound). */
const MAX_METADATA_BYTES = 8 * 1024 * 1024;

/** What the sandbox keeps of a partner IdP. */
export interface IdpConfig {
  entityId: string;
  signInUrl: string;
  logoutUrl: string;
  metadataUrl: string;
  certs: Certificate[];
  metadataXml: string | null;
}

export function summaryOf(c: Certificate): CertSummary {
  return { thumbprint: c.sha1Thumbprint, subject: c.subject, expires: formatTenantDate(c.notAfter) };
}

function isLoopback(u: URL): boolean {
  return u.hostname === '127.0.0.1' || u.hostname === 'localhost' || u.hostname === '[::1]';
}

/**
 * Steps 6 (metadata, file or URL) and 7 (manual) of tenant-api.md §9.3: the partner's IdP as
 * SAML 2.0 IdP metadata with a signing certificate and an SSO endpoint, read with samlfed's own
 * parser. URL mode fetches only loopback URLs (the sandbox never reaches out to the network).
 * @returns the IdP, or a tenant-style failure message.
 */
export async function readIdpSource(form: FederationForm): Promise<IdpConfig | string> {
  const t = form.text;
  const isMetadata = t['IsMetaData']!.trim().toLowerCase() !== 'false';
  if (!isMetadata) return readManual(form);
  const file = form.files['IDPMetadataFileContents'] ?? Buffer.alloc(0);
  const url = t['IDPMetadataUrl']!.trim();
  if ((file.length > 0) === (url !== '')) return MSG.metadataInvalid('give exactly one of IDPMetadataFileContents and IDPMetadataUrl');
  let xml: Uint8Array = file;
  if (url !== '') {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      return MSG.metadataInvalid(`IDPMetadataUrl is not a URL: ${JSON.stringify(url.slice(0, 200))}`);
    }
    if (!isLoopback(u)) return MSG.metadataInvalid('the sandbox fetches metadata only from loopback URLs (127.0.0.1, localhost)');
    try {
      xml = await fetchMetadata(u, { allowHttp: true, timeoutMs: 5000, maxBytes: MAX_METADATA_BYTES });
    } catch (e) {
      return MSG.metadataInvalid(`cannot fetch ${u.href}: ${(e as Error).message}`);
    }
  }
  let idp: IdpSsoDescriptor | undefined;
  let entityId: string | undefined;
  try {
    const doc = parseMetadata(xml, { maxBytes: MAX_METADATA_BYTES });
    const withIdp = doc.entities.filter((e) => e.idpSsoDescriptors.some((d) => d.protocolSupportEnumeration.includes(SAML2_PROTOCOL)));
    if (withIdp.length !== 1) return MSG.metadataInvalid(withIdp.length === 0 ? 'no SAML 2.0 IDPSSODescriptor' : `${withIdp.length} IdP entities; expected one`);
    entityId = withIdp[0]!.entityId?.trim();
    idp = withIdp[0]!.idpSsoDescriptors.find((d) => d.protocolSupportEnumeration.includes(SAML2_PROTOCOL));
  } catch (e) {
    const code = (e as { code?: string }).code;
    return MSG.metadataInvalid(`${code ? `${code}: ` : ''}${(e as Error).message}`);
  }
  if (!entityId) return MSG.metadataInvalid('the EntityDescriptor has no entityID');
  const certs = signingCertificates(idp!);
  if (certs.length === 0) return MSG.metadataInvalid('no signing certificate');
  const sso = idp!.singleSignOnServices.find((s) => s.binding === REDIRECT) ?? idp!.singleSignOnServices.find((s) => s.binding === POST);
  if (!sso) return MSG.metadataInvalid('no SingleSignOnService with the HTTP-Redirect or HTTP-POST binding');
  const slo = idp!.singleLogoutServices.find((s) => s.binding === REDIRECT) ?? idp!.singleLogoutServices[0];
  return { entityId, signInUrl: sso.location, logoutUrl: slo?.location ?? '', metadataUrl: url, certs, metadataXml: Buffer.from(xml).toString('utf8') };
}

function readManual(form: FederationForm): IdpConfig | string {
  const t = form.text;
  const signIn = t['IDPSignInUrl']!.trim();
  let u: URL;
  try {
    u = new URL(signIn);
  } catch {
    return MSG.manualInvalid('IDPSignInUrl must be an https URL');
  }
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && isLoopback(u))) return MSG.manualInvalid('IDPSignInUrl must be an https URL');
  const certFile = form.files['IDPSigningCert'] ?? Buffer.alloc(0);
  if (certFile.length === 0) return MSG.manualInvalid('IDPSigningCert (the signing certificate file) is required');
  let certs: Certificate[];
  try {
    const password = t['IDPSigningCertPassword'];
    certs = readCertificates(certFile, password ? { password } : {});
  } catch (e) {
    return MSG.manualInvalid(`the signing certificate cannot be read (${(e as { code?: string }).code ?? 'error'})`);
  }
  // [I] The manual form has no IdP entityID field; the sandbox uses the sign-in URL's origin.
  return { entityId: u.origin, signInUrl: signIn, logoutUrl: t['IDPLogoutUrl']!.trim(), metadataUrl: '', certs: certs.slice(0, 1), metadataXml: null };
}
