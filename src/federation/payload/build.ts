import type { Certificate } from '../../certs/types.js';
import type { EntityDescriptor, Flavour, MetadataDocument } from '../../metadata/model.js';
import type { LintOptions, LintResult } from '../../metadata/lint/types.js';
import { lintMetadata, parseMetadata, readCertificate, signingCertificates } from '../deps.js';
import { PayloadError } from '../errors.js';
import { effectiveGroupAttribute } from '../manifest/group-attribute.js';
import type { PartnerManifest } from '../manifest/types.js';
import { encodeDomains, encodeFederationUuid, encodeIsMetaData, encodeMappings, encodeName, FEDERATION_TYPE, unusedFilePart } from './fields.js';
import { buildMultipart, type FilePart, type Part, type PartView } from './multipart.js';
import { selectSigningCertificate } from './signing.js';
import { countingSigningCertificate } from './counting-cert.js';
import { splitBlockingFindings } from './blocking.js';
import { defaultFetcher, readSourceFile, type MetadataFetcher } from './sources.js';

/**
 * The two fields of the tenant's `GetGlobalFederationSettings` Result that CreateFederation echoes
 * (tenant-api.md §3.4 parts 14, 15). `GlobalFederationSettings` from `samlfed/tenant` fits it.
 */
export interface FederationSpSettings {
  readonly SPMetadataUrl?: string;
  /** Spelled as the tenant spells it. */
  readonly SPAutnenticationResponseUrl?: string;
}

export interface BuildPayloadOptions {
  /** The tenant's `GetGlobalFederationSettings` (for `SPMetadataUrl`, `SPAutnenticationResponseUrl`). */
  readonly settings?: FederationSpSettings;
  /** Clock for lint and certificate validity. Default `new Date()`. */
  readonly now?: Date;
  /** Build even when the metadata has lint errors or the manual certificate is not valid at `now`. The result then carries a loud warning. */
  readonly force?: boolean;
  /** Existing federation to update (see docs/federation.md); empty/absent creates one. */
  readonly federationUuid?: string;
  /** Fixed multipart boundary (tests); random otherwise. */
  readonly boundary?: string;
  /** For `metadataUrl` manifests: how to get the document (default: `fetchMetadata`). */
  readonly fetch?: MetadataFetcher;
  /** Extra lint options (rule overrides, expiry window); `now` is always the option above. */
  readonly lint?: Omit<LintOptions, 'now'>;
}

/** The signing certificate summary carried by the payload result. */
export interface SigningCertificateSummary {
  readonly subject: string;
  readonly issuer: string;
  readonly notBefore: string;
  readonly notAfter: string;
  readonly sha1Thumbprint: string;
  readonly sha256Thumbprint: string;
}

export interface CreateFederationPayload {
  /** Exact multipart/form-data body. */
  readonly body: Buffer;
  /** `multipart/form-data; boundary=...` */
  readonly contentType: string;
  readonly boundary: string;
  /** Reviewable view: every part in order; files by name, filename, content type, size, SHA-256; passwords redacted. */
  readonly fields: readonly PartView[];
  /** SHA-1 of the IdP signing certificate (`IDPSigningCertificateThumbprint`): confirm it with the partner out of band. */
  readonly thumbprint: string;
  /** Every IdP signing certificate's SHA-1 (rollover). */
  readonly thumbprints: readonly string[];
  readonly signingCertificate: SigningCertificateSummary;
  readonly flavour: Flavour;
  /** Attribute the partner's group values arrive in (manifest or default by flavour). */
  readonly groupAttribute: string;
  readonly warnings: readonly string[];
  /** Lint result of the IdP metadata; `undefined` for a manual configuration (no metadata). */
  readonly lint: LintResult | undefined;
  /** True when `force` overrode a lint error or an invalid certificate. */
  readonly forced: boolean;
}

/** The IdP entity of a metadata document: exactly one entity with an IDPSSODescriptor. */
function idpEntity(doc: MetadataDocument): EntityDescriptor {
  const idps = doc.entities.filter((e) => e.idpSsoDescriptors.length > 0);
  if (idps.length === 0) throw new PayloadError('ERR_PAYLOAD_NO_IDP', 'expected metadata describing one identity provider (an entity with an IDPSSODescriptor), found none (SP metadata, perhaps)', { expected: '1 IdP entity', actual: 0 });
  if (idps.length > 1) throw new PayloadError('ERR_PAYLOAD_AMBIGUOUS_IDP', `expected metadata describing one identity provider, found ${idps.length} (${idps.slice(0, 5).map((e) => e.entityId).join(', ')}${idps.length > 5 ? ', …' : ''}); give the partner's own EntityDescriptor`, { expected: '1 IdP entity', actual: idps.length });
  return idps[0]!;
}

function summary(c: Certificate): SigningCertificateSummary {
  return { subject: c.subject, issuer: c.issuer, notBefore: c.notBefore.toISOString(), notAfter: c.notAfter.toISOString(), sha1Thumbprint: c.sha1Thumbprint, sha256Thumbprint: c.sha256Thumbprint };
}

/**
 * Build the tenant's CreateFederation multipart body for a partner manifest.
 *
 * Metadata (file or URL) must lint with no errors unless `force` (then a loud warning is added).
 * The IdP signing certificate's SHA-1 is computed and, when the manifest pins `expectedThumbprint`,
 * must match one of the IdP's signing certificates (`ERR_PAYLOAD_THUMBPRINT_MISMATCH`).
 * The partner's metadata file is embedded byte for byte. Part order and names: docs/federation.md.
 */
export async function buildCreateFederationPayload(manifest: PartnerManifest, opts: BuildPayloadOptions = {}): Promise<CreateFederationPayload> {
  if (typeof manifest !== 'object' || manifest === null || typeof manifest.name !== 'string') throw new TypeError('buildCreateFederationPayload: manifest must come from parseManifest/loadManifest');
  const now = opts.now ?? new Date();
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw new TypeError('buildCreateFederationPayload: now must be a valid Date');
  const force = opts.force === true;
  const federationUuid = encodeFederationUuid(opts.federationUuid);
  const warnings: string[] = [];
  let forced = false;
  let lint: LintResult | undefined;
  let flavour: Flavour;
  let signing;
  let metadataPart: FilePart = unusedFilePart('IDPMetadataFileContents');
  let certPart: FilePart = unusedFilePart('IDPSigningCert');
  const src = manifest.source;

  if (src.kind === 'manual') {
    const { bytes, filename } = await readSourceFile(src.signingCert, 'manual.signingCert', manifest.file);
    let cert: Certificate;
    try {
      cert = readCertificate(bytes, src.signingCertPassword !== undefined ? { password: src.signingCertPassword } : {});
    } catch (e) {
      throw new PayloadError('ERR_PAYLOAD_CERT_INVALID', `manual.signingCert ${filename}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
    if (cert.notAfter.getTime() < now.getTime() || cert.notBefore.getTime() > now.getTime()) {
      const msg = `expected manual.signingCert ${filename} to be valid at ${now.toISOString()}, found it valid from ${cert.notBefore.toISOString()} to ${cert.notAfter.toISOString()}`;
      if (!force) throw new PayloadError('ERR_PAYLOAD_CERT_EXPIRED', msg, { expected: now.toISOString(), actual: { notBefore: cert.notBefore.toISOString(), notAfter: cert.notAfter.toISOString() } });
      forced = true;
      warnings.push(`WARNING: --force: building despite: ${msg}`);
    }
    signing = selectSigningCertificate([cert], manifest.expectedThumbprint, 'manual.signingCert', now);
    certPart = { kind: 'file', name: 'IDPSigningCert', filename, contentType: 'application/octet-stream', bytes };
    flavour = manifest.flavor === 'auto' ? 'generic' : manifest.flavor;
  } else {
    let xml: string | Uint8Array;
    if (src.kind === 'file') {
      const { bytes, filename } = await readSourceFile(src.path, 'metadata', manifest.file);
      xml = bytes;
      metadataPart = { kind: 'file', name: 'IDPMetadataFileContents', filename, contentType: 'text/xml', bytes };
    } else {
      xml = await (opts.fetch ?? defaultFetcher)(src.url);
    }
    lint = lintMetadata(xml, { ...opts.lint, now });
    // Key rollover: only the signing certificate that counts (the pin, else the one valid now) is
    // judged; an old expired certificate or an encryption key does not block (payload/blocking.ts).
    const doc = lint.entities > 0 ? parseMetadata(xml) : undefined;
    const idps = doc ? doc.entities.filter((e) => e.idpSsoDescriptors.length > 0) : [];
    const where = src.kind === 'file' ? 'metadata' : 'metadataUrl';
    let blocking = lint.findings.filter((f) => f.severity === 'error');
    if (idps.length === 1) {
      const certs = idps[0]!.idpSsoDescriptors.flatMap((d) => signingCertificates(d));
      const verdict = countingSigningCertificate(certs, { expectedThumbprint: manifest.expectedThumbprint, now });
      if (verdict.kind === 'pinned' || verdict.kind === 'valid' || verdict.kind === 'none-valid') {
        const split = splitBlockingFindings(lint.findings, idps[0]!, verdict.certificate);
        blocking = split.blocking;
        for (const f of split.excused) warnings.push(`does not block: ${f.ruleId}${f.line !== undefined ? ` (line ${f.line})` : ''}: ${f.message} (not the signing certificate that counts: ${verdict.certificate.sha1Thumbprint})`);
      }
    }
    if (blocking.length > 0) {
      const list = blocking.map((f) => `${f.ruleId}${f.line !== undefined ? ` (line ${f.line})` : ''}: ${f.message}`);
      if (!force) {
        throw new PayloadError('ERR_PAYLOAD_LINT_FAILED', `expected IdP metadata without lint errors, found ${blocking.length} lint error(s); fix them with the partner or override with force:\n  ${list.join('\n  ')}`, { expected: '0 lint errors', actual: blocking.length, findings: lint.findings });
      }
      forced = true;
      warnings.push(`WARNING: --force: building a federation from IdP metadata with ${blocking.length} lint error(s):\n  ${list.join('\n  ')}`);
    }
    const entity = idpEntity(doc ?? parseMetadata(xml));
    flavour = manifest.flavor === 'auto' ? entity.flavour.flavour : manifest.flavor;
    const certs = entity.idpSsoDescriptors.flatMap((d) => signingCertificates(d));
    signing = selectSigningCertificate(certs, manifest.expectedThumbprint, where, now);
  }
  warnings.push(...signing.warnings);

  const s = opts.settings;
  if (!s) warnings.push('no global federation settings given: SPMetadataUrl and SPAutnenticationResponseUrl are sent empty');
  if (manifest.requireMfa) warnings.push('requireMfa: not part of CreateFederation; in the host tenant enable "Apply additional authentication rules to federated users" in the login policy (Access > Policies > Login Policies)');
  if (manifest.mappings.length === 0) warnings.push('the manifest has no mappings: partner users get host groups only from global mappings');

  const manual = src.kind === 'manual' ? src : undefined;
  const parts: Part[] = [
    { kind: 'text', name: 'FederationName', value: manifest.name },
    { kind: 'text', name: 'FederationType', value: FEDERATION_TYPE },
    { kind: 'text', name: 'Domains', value: encodeDomains(manifest.domains) },
    { kind: 'text', name: 'Name', value: encodeName(manifest) },
    { kind: 'text', name: 'Mappings', value: encodeMappings(manifest.mappings) },
    { kind: 'text', name: 'IDPMetadataUrl', value: src.kind === 'url' ? src.url : '' },
    { kind: 'text', name: 'IDPSignInUrl', value: manual?.signInUrl ?? '' },
    { kind: 'text', name: 'IDPLogoutUrl', value: manual?.logoutUrl ?? '' },
    { kind: 'text', name: 'IDPSigningCert_name', value: certPart.filename },
    { kind: 'text', name: 'IDPSigningCertPassword', value: manual?.signingCertPassword ?? '', secret: true },
    { kind: 'text', name: 'FederationUuid', value: federationUuid },
    { kind: 'text', name: 'IDPSigningCertificateThumbprint', value: signing.thumbprint },
    { kind: 'text', name: 'IsMetaData', value: encodeIsMetaData(src) },
    { kind: 'text', name: 'SPMetadataUrl', value: s?.SPMetadataUrl ?? '' },
    { kind: 'text', name: 'SPAutnenticationResponseUrl', value: s?.SPAutnenticationResponseUrl ?? '' },
    { kind: 'text', name: 'SPSigningCertificate_name', value: '' },
    { kind: 'text', name: 'SPSigningCertificateCA_name', value: '' },
    metadataPart,
    certPart,
    unusedFilePart('SPSigningCertificate'),
    unusedFilePart('SPSigningCertificateCA'),
  ];
  const mp = buildMultipart(parts, opts.boundary);
  return {
    body: mp.body,
    contentType: mp.contentType,
    boundary: mp.boundary,
    fields: mp.fields,
    thumbprint: signing.thumbprint,
    thumbprints: signing.thumbprints,
    signingCertificate: summary(signing.certificate),
    flavour,
    groupAttribute: effectiveGroupAttribute(manifest, flavour),
    warnings,
    lint,
    forced,
  };
}
