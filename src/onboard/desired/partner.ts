import { createHash } from 'node:crypto';
import type { Certificate } from '../../certs/types.js';
import type { PartnerManifest } from '../../federation/manifest/types.js';
import type { Finding } from '../../metadata/lint/types.js';
import type { EntityDescriptor, Flavour } from '../../metadata/model.js';
import { defaultFetcher, lintMetadata, parseMetadata, readCertificate, readSourceFile, signingCertificates, type MetadataFetcher } from '../deps.js';
import { lintGate } from '../gate.js';
import type { CertInfo, DesiredPartner } from './types.js';

export interface ReadPartnerOptions {
  readonly now: Date;
  /** For `metadataUrl` manifests (default: `fetchMetadata`, https only). */
  readonly fetch?: MetadataFetcher;
}

/** A partner as read, plus the bytes the payload will be built from (never serialised). */
export interface LoadedPartner extends DesiredPartner {
  /** Metadata (file or fetched) or manual certificate bytes, read once. */
  readonly sourceBytes: Uint8Array;
}

const info = (c: Certificate): CertInfo => ({ sha1: c.sha1Thumbprint, subject: c.subject, notBefore: c.notBefore.toISOString(), notAfter: c.notAfter.toISOString() });

function dedupe(certs: readonly Certificate[]): Certificate[] {
  const out = new Map<string, Certificate>();
  for (const c of certs) if (!out.has(c.sha1Thumbprint)) out.set(c.sha1Thumbprint, c);
  return [...out.values()];
}

/**
 * Read a partner's IdP configuration (metadata file or URL, or the manual certificate), lint it and
 * run the lint gate (`lintGate`: `samlfed payload`'s key-rollover rule). Never throws for bad metadata: the partner comes back `blocked`
 * with the findings, so the plan can show every problem at once. Unreadable files throw
 * `ERR_MANIFEST_FILE`; a URL that cannot be fetched throws `ERR_FETCH_*`.
 */
export async function readPartner(manifest: PartnerManifest, file: string, opts: ReadPartnerOptions): Promise<LoadedPartner> {
  const src = manifest.source;
  let bytes: Uint8Array;
  let flavour: Flavour = manifest.flavor === 'auto' ? 'generic' : manifest.flavor;
  let signing: Certificate[] = [];
  let entity: EntityDescriptor | undefined;
  let findings: Finding[] = [];
  let unreadable: string | undefined;
  let counts = { errorCount: 0, warningCount: 0 };
  if (src.kind === 'manual') {
    bytes = (await readSourceFile(src.signingCert, 'manual.signingCert', manifest.file)).bytes;
    try {
      const cert = readCertificate(bytes, src.signingCertPassword !== undefined ? { password: src.signingCertPassword } : {});
      signing = [cert];
      const t = opts.now.getTime();
      if (cert.notAfter.getTime() < t) findings.push({ ruleId: 'cert-expired', severity: 'error', message: `manual.signingCert (SHA-1 ${cert.sha1Thumbprint}) expired on ${cert.notAfter.toISOString().slice(0, 10)}` });
      if (cert.notBefore.getTime() > t) findings.push({ ruleId: 'cert-not-yet-valid', severity: 'error', message: `manual.signingCert (SHA-1 ${cert.sha1Thumbprint}) is not valid before ${cert.notBefore.toISOString().slice(0, 10)}` });
    } catch (e) {
      unreadable = `manual.signingCert is not a certificate: ${e instanceof Error ? e.message : String(e)}`;
    }
    counts = { errorCount: findings.length, warningCount: 0 };
  } else {
    bytes = src.kind === 'file' ? (await readSourceFile(src.path, 'metadata', manifest.file)).bytes : await (async () => {
      const r = await (opts.fetch ?? defaultFetcher)(src.url);
      return typeof r === 'string' ? Buffer.from(r, 'utf8') : r;
    })();
    const lint = lintMetadata(bytes, { now: opts.now });
    findings = [...lint.findings];
    counts = { errorCount: lint.errorCount, warningCount: lint.warningCount };
    try {
      const idps = parseMetadata(bytes).entities.filter((e) => e.idpSsoDescriptors.length > 0);
      if (idps.length !== 1) unreadable = `expected metadata describing one identity provider, found ${idps.length}`;
      else {
        entity = idps[0]!;
        if (manifest.flavor === 'auto') flavour = entity.flavour.flavour;
        signing = dedupe(entity.idpSsoDescriptors.flatMap((d) => signingCertificates(d)));
        if (signing.length === 0) unreadable = 'the IdP has no usable signing certificate';
      }
    } catch (e) {
      unreadable = `the metadata cannot be read: ${e instanceof Error ? e.message : String(e)}`;
    }
  }

  const gate = lintGate({ findings, signing, now: opts.now, ...(entity !== undefined ? { entity } : {}), ...(manifest.expectedThumbprint !== undefined ? { pinned: manifest.expectedThumbprint } : {}), ...(manifest.allowLintErrors !== undefined ? { allow: manifest.allowLintErrors } : {}) });
  let blocked: DesiredPartner['blocked'];
  if (unreadable !== undefined) blocked = { reason: unreadable, findings: gate.blocking };
  else if (gate.noTrust !== undefined && manifest.allowLintErrors !== true) blocked = { reason: gate.noTrust, findings: gate.blocking };
  else if (gate.blocking.length > 0) blocked = { reason: `${gate.blocking.length} lint error(s) in the IdP configuration (allow them per rule with allowLintErrors in the manifest, after checking with the partner)`, findings: gate.blocking };

  const partner: LoadedPartner = {
    manifest,
    file,
    name: manifest.name,
    domains: manifest.domains,
    mappings: manifest.mappings,
    requireMfa: manifest.requireMfa,
    flavour,
    signingCertificates: signing.map(info),
    trust: (gate.trust.length > 0 ? gate.trust : signing.slice(0, 1)).map(info),
    pinned: manifest.expectedThumbprint !== undefined,
    ...(src.kind === 'manual' && findings.length === 0 ? {} : { gate: { blocking: gate.blocking, allowed: gate.allowed, ignored: gate.ignored, ...counts } }),
    ...(blocked !== undefined ? { blocked } : {}),
    sourceSha256: createHash('sha256').update(bytes).digest('hex'),
    sourceBytes: bytes,
  };
  Object.defineProperty(partner, 'sourceBytes', { enumerable: false });
  return partner;
}
