import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { EXIT, UsageError, write, type CliIo } from '../io.js';
import { isSamlfedError } from '../../errors.js';
import { readCertificates, type Certificate } from '../../certs/index.js';
import { parseMetadata } from '../../metadata/parse.js';
import { fetchMetadata } from '../../metadata/fetch.js';
import { keyDescriptorsFor } from '../../metadata/read-keys.js';
import { EMBEDDED_TRUST_NOTE } from '../../metadata/signature.js';
import type { CertificateEntry, Endpoint, EntityDescriptor, MetadataDocument, MetadataSignatureStatus } from '../../metadata/model.js';
import type { TrustAnchors } from '../../metadata/trust.js';

const FETCH_TIMEOUT_MS = 15_000;
const MAX_BYTES = 128 * 1024 * 1024;
const DAY_MS = 86_400_000;

export const HELP = `Usage: samlfed inspect <metadata file|https URL|-> [options]

Show what a SAML metadata document says, entity by entity: entityID, flavour
(adfs, tenant, generic) and why, roles, SSO/SLO/ACS endpoints, NameID formats,
advertised attributes, signing and encryption certificates (SHA-1 and SHA-256
thumbprints, subject, expiry), and the metadata signature status.

Options:
      --format <text|json>    output format (default text)
      --now <ISO-8601>        the clock for "days left" (default: now)
      --trust <PEM file>      trust anchor certificate(s) for the metadata signature (repeatable)
      --trust-thumbprint <HEX>
                              pinned SHA-1 or SHA-256 thumbprint of the signer (repeatable)
  -h, --help                  show this help

Without --trust/--trust-thumbprint a valid signature only proves integrity
(checked with the certificate the document carries), not authenticity.

Exit codes: 0 shown; 2 bad usage, or input unreadable or not SAML metadata.
`;

/** JSON output of `samlfed inspect --format json` (stable; documented in the README). */
export interface InspectReport {
  readonly input: string;
  readonly now: string;
  readonly root: { readonly kind: 'EntityDescriptor' | 'EntitiesDescriptor'; readonly name?: string; readonly validUntil?: string; readonly cacheDuration?: string };
  readonly signature: MetadataSignatureStatus & { readonly note?: string };
  readonly entities: readonly InspectEntity[];
}

export interface InspectEndpoint {
  readonly binding: string;
  /** `HTTP-POST`, `HTTP-Redirect`, ... or the binding as written when it is not a SAML 2.0 binding URI. */
  readonly bindingShort: string;
  readonly location: string;
  readonly index?: number;
  readonly isDefault?: boolean;
}

export type InspectCertificate =
  | { readonly ok: true; readonly use: string; readonly subject: string; readonly issuer: string; readonly sha1: string; readonly sha256: string; readonly notBefore: string; readonly notAfter: string; readonly daysLeft: number; readonly key: string; readonly line?: number }
  | { readonly ok: false; readonly use: string; readonly error: { readonly code: string; readonly message: string }; readonly line?: number };

export interface InspectRole {
  readonly kind: 'idp' | 'sp';
  readonly protocolSupportEnumeration: readonly string[];
  readonly singleSignOnServices?: readonly InspectEndpoint[];
  readonly assertionConsumerServices?: readonly InspectEndpoint[];
  readonly singleLogoutServices: readonly InspectEndpoint[];
  readonly nameIdFormats: readonly string[];
  readonly attributes?: readonly { readonly name: string; readonly nameFormat?: string; readonly friendlyName?: string; readonly values: readonly string[] }[];
  readonly signingCertificates: readonly InspectCertificate[];
  readonly encryptionCertificates: readonly InspectCertificate[];
}

export interface InspectEntity {
  readonly entityId: string | null;
  readonly line?: number;
  readonly flavour: string;
  readonly flavourReason: string;
  readonly validUntil?: string;
  /** `IDPSSODescriptor`, `SPSSODescriptor`, then other role descriptors as written. */
  readonly roles: readonly string[];
  readonly idp: readonly InspectRole[];
  readonly sp: readonly InspectRole[];
}

/** `samlfed inspect`: show one metadata document. */
export async function run(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', default: 'text' },
        now: { type: 'string' },
        trust: { type: 'string', multiple: true },
        'trust-thumbprint': { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw new UsageError(`${(e as Error).message}\n\n${HELP}`);
  }
  const v = parsed.values;
  if (v.help) {
    await write(io.stdout, HELP);
    return EXIT.OK;
  }
  if (parsed.positionals.length !== 1) throw new UsageError(`expected exactly one input (file, https URL or -), got ${parsed.positionals.length}\n\n${HELP}`);
  const format = v.format;
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, got ${JSON.stringify(format)}`);
  const now = v.now === undefined ? new Date() : parseNow(v.now);
  const trust = await trustAnchors(v.trust ?? [], v['trust-thumbprint'] ?? [], io.cwd);
  const input = parsed.positionals[0]!;
  const bytes = await readInput(input, io);
  let doc: MetadataDocument;
  try {
    doc = parseMetadata(bytes, { ...(trust ? { trust } : {}), maxBytes: MAX_BYTES });
  } catch (e) {
    if (isSamlfedError(e)) throw new UsageError(`${input} is not readable SAML metadata: ${e.code}: ${e.message}`);
    throw e;
  }
  const report = buildReport(input, doc, now);
  await write(io.stdout, format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : renderText(report));
  return EXIT.OK;
}

function parseNow(s: string): Date {
  const d = /^\d{4}-\d{2}-\d{2}$/.test(s) ? new Date(`${s}T00:00:00Z`) : new Date(s);
  if (!/^\d{4}-\d{2}-\d{2}/.test(s) || Number.isNaN(d.getTime())) throw new UsageError(`--now must be an ISO-8601 date or date-time (e.g. 2026-06-15 or 2026-06-15T00:00:00Z), got ${JSON.stringify(s)}`);
  return d;
}

async function trustAnchors(pemFiles: readonly string[], thumbprints: readonly string[], cwd: string): Promise<TrustAnchors | undefined> {
  if (pemFiles.length === 0 && thumbprints.length === 0) return undefined;
  for (const t of thumbprints) {
    if (!/^(?:[0-9a-fA-F]{40}|[0-9a-fA-F]{64})$/.test(t.replace(/[:\s]/g, ''))) throw new UsageError(`--trust-thumbprint must be 40 (SHA-1) or 64 (SHA-256) hex digits, got ${JSON.stringify(t)}`);
  }
  const certificates: Certificate[] = [];
  for (const file of pemFiles) {
    let bytes: Buffer;
    try {
      bytes = await readFile(resolve(cwd, file));
    } catch (e) {
      throw new UsageError(`cannot read --trust ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    try {
      certificates.push(...readCertificates(bytes));
    } catch (e) {
      throw new UsageError(`--trust ${file} is not a certificate: ${isSamlfedError(e) ? `${e.code}: ${e.message}` : (e as Error).message}`);
    }
  }
  return { certificates, thumbprints: [...thumbprints] };
}

async function readInput(input: string, io: CliIo): Promise<Uint8Array> {
  if (input === '-') {
    const chunks: Buffer[] = [];
    let total = 0;
    for await (const chunk of io.stdin) {
      const b = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      total += b.byteLength;
      if (total > MAX_BYTES) throw new UsageError(`standard input is larger than ${MAX_BYTES} bytes`);
      chunks.push(b);
    }
    return Buffer.concat(chunks);
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(input)) {
    try {
      return await fetchMetadata(input, { timeoutMs: FETCH_TIMEOUT_MS, maxBytes: MAX_BYTES });
    } catch (e) {
      if (isSamlfedError(e) || e instanceof TypeError) throw new UsageError(`cannot fetch ${input}: ${isSamlfedError(e) ? `${e.code}: ` : ''}${(e as Error).message}`);
      throw e;
    }
  }
  try {
    return await readFile(resolve(io.cwd, input));
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new UsageError(`cannot read ${input}: ${err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'is a directory' : (err.code ?? err.message)}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Report

function endpoint(e: Endpoint): InspectEndpoint {
  const m = /^urn:oasis:names:tc:SAML:2\.0:bindings:(.+)$/.exec(e.binding);
  return {
    binding: e.binding,
    bindingShort: m ? m[1]! : e.binding,
    location: e.location,
    ...(e.index === undefined ? {} : { index: e.index }),
    ...(e.isDefault === undefined ? {} : { isDefault: e.isDefault }),
  };
}

function certificate(entry: CertificateEntry, use: string, now: Date): InspectCertificate {
  const line = entry.line === undefined ? {} : { line: entry.line };
  if (!entry.ok) return { ok: false, use, error: entry.error, ...line };
  const c = entry.certificate;
  const key = c.key.type === 'EC' ? `EC ${c.key.curve}` : `${c.key.type} ${c.key.bits}`;
  return {
    ok: true, use, subject: c.subject, issuer: c.issuer, sha1: c.sha1Thumbprint, sha256: c.sha256Thumbprint,
    notBefore: c.notBefore.toISOString(), notAfter: c.notAfter.toISOString(),
    daysLeft: Math.floor((c.notAfter.getTime() - now.getTime()) / DAY_MS), key, ...line,
  };
}

function certs(role: EntityDescriptor['idpSsoDescriptors'][number] | EntityDescriptor['spSsoDescriptors'][number], purpose: 'signing' | 'encryption', now: Date): InspectCertificate[] {
  return keyDescriptorsFor(role, purpose).flatMap((k) => k.certificates.map((c) => certificate(c, k.use, now)));
}

function entityReport(e: EntityDescriptor, now: Date): InspectEntity {
  const idp: InspectRole[] = e.idpSsoDescriptors.map((r) => ({
    kind: 'idp',
    protocolSupportEnumeration: r.protocolSupportEnumeration,
    singleSignOnServices: r.singleSignOnServices.map(endpoint),
    singleLogoutServices: r.singleLogoutServices.map(endpoint),
    nameIdFormats: r.nameIdFormats,
    attributes: r.attributes.map((a) => ({ name: a.name, ...(a.nameFormat === undefined ? {} : { nameFormat: a.nameFormat }), ...(a.friendlyName === undefined ? {} : { friendlyName: a.friendlyName }), values: a.values })),
    signingCertificates: certs(r, 'signing', now),
    encryptionCertificates: certs(r, 'encryption', now),
  }));
  const sp: InspectRole[] = e.spSsoDescriptors.map((r) => ({
    kind: 'sp',
    protocolSupportEnumeration: r.protocolSupportEnumeration,
    assertionConsumerServices: r.assertionConsumerServices.map(endpoint),
    singleLogoutServices: r.singleLogoutServices.map(endpoint),
    nameIdFormats: r.nameIdFormats,
    signingCertificates: certs(r, 'signing', now),
    encryptionCertificates: certs(r, 'encryption', now),
  }));
  const roles = [...e.idpSsoDescriptors.map(() => 'IDPSSODescriptor'), ...e.spSsoDescriptors.map(() => 'SPSSODescriptor'), ...e.otherRoles];
  return {
    entityId: e.entityId ?? null,
    ...(e.line === undefined ? {} : { line: e.line }),
    flavour: e.flavour.flavour,
    flavourReason: e.flavour.reason,
    ...(e.validUntil === undefined ? {} : { validUntil: e.validUntil }),
    roles, idp, sp,
  };
}

/** Build the JSON report for a parsed document. */
export function buildReport(input: string, doc: MetadataDocument, now: Date): InspectReport {
  const r = doc.root;
  const root = {
    kind: r.kind === 'entity' ? ('EntityDescriptor' as const) : ('EntitiesDescriptor' as const),
    ...(r.kind === 'entities' && r.name !== undefined ? { name: r.name } : {}),
    ...(r.validUntil === undefined ? {} : { validUntil: r.validUntil }),
    ...(r.cacheDuration === undefined ? {} : { cacheDuration: r.cacheDuration }),
  };
  const s = doc.signature;
  const signature = s.status === 'valid' && s.trust === 'embedded-certificate' ? { ...s, note: EMBEDDED_TRUST_NOTE } : s;
  return { input, now: now.toISOString(), root, signature, entities: doc.entities.map((e) => entityReport(e, now)) };
}

// ---------------------------------------------------------------------------------------------
// Text

function signatureLine(s: InspectReport['signature']): string[] {
  if (s.status === 'unsigned') return ['Signature: unsigned (no ds:Signature on the root element)'];
  if (s.status === 'invalid') return [`Signature: INVALID: ${s.code}: ${s.message}`];
  const alg = `${short(s.signatureAlgorithm)}, digest ${short(s.digestAlgorithm)}`;
  const who = s.signerThumbprint ? `, signer SHA-1 ${s.signerThumbprint}` : '';
  const lines = [
    s.trust === 'trust-anchor'
      ? `Signature: valid (${alg}${who}), verified with a trust anchor: authentic`
      : `Signature: valid (${alg}${who}), verified with the embedded certificate: integrity only, authenticity not established`,
  ];
  for (const w of s.warnings) lines.push(`  warning: ${w}${w === 'metadata-signature-weak-alg' ? ' (SHA-1)' : ''}`);
  return lines;
}

function short(uri: string): string {
  const i = uri.lastIndexOf('#');
  return i === -1 ? uri : uri.slice(i + 1);
}

function endpointLines(label: string, list: readonly InspectEndpoint[] | undefined): string[] {
  if (!list || list.length === 0) return [`    ${label}: (none)`];
  return list.map((e) => `    ${label}: ${e.bindingShort.padEnd(13)} ${e.location}${e.index === undefined ? '' : ` [index ${e.index}${e.isDefault ? ', default' : ''}]`}`);
}

function certLines(label: string, list: readonly InspectCertificate[]): string[] {
  if (list.length === 0) return [`    ${label}: (none)`];
  const out = [`    ${label}:`];
  for (const c of list) {
    const use = c.use === 'unspecified' ? ' (KeyDescriptor without use: signing and encryption)' : '';
    if (!c.ok) {
      out.push(`      - unreadable certificate${c.line === undefined ? '' : ` at line ${c.line}`}: ${c.error.code}: ${c.error.message}`);
      continue;
    }
    const left = c.daysLeft < 0 ? `EXPIRED ${-c.daysLeft} days ago` : `${c.daysLeft} days left`;
    out.push(`      - ${c.subject}${use}`, `        SHA-1   ${c.sha1}`, `        SHA-256 ${c.sha256}`, `        ${c.key}, not after ${c.notAfter.slice(0, 10)} (${left})`);
  }
  return out;
}

function renderText(r: InspectReport): string {
  const lines: string[] = [`Metadata: ${r.input}`];
  const count = `${r.entities.length} ${r.entities.length === 1 ? 'entity' : 'entities'}`;
  lines.push(`Root: ${r.root.kind}${r.root.name ? ` Name=${r.root.name}` : ''} (${count})${r.root.validUntil ? `, validUntil ${r.root.validUntil}` : ''}`);
  lines.push(...signatureLine(r.signature));
  for (const e of r.entities) {
    lines.push('', `Entity ${e.entityId ?? '(no entityID)'}${e.line === undefined ? '' : ` (line ${e.line})`}`);
    lines.push(`  Flavour: ${e.flavour} (${e.flavourReason})`);
    lines.push(`  Roles: ${e.roles.length ? e.roles.join(', ') : '(none)'}`);
    for (const idp of e.idp) {
      lines.push('  IdP (IDPSSODescriptor):');
      lines.push(...endpointLines('SSO', idp.singleSignOnServices), ...endpointLines('SLO', idp.singleLogoutServices));
      lines.push(`    NameID formats: ${idp.nameIdFormats.length ? idp.nameIdFormats.join(', ') : '(none)'}`);
      const attrs = idp.attributes ?? [];
      lines.push(attrs.length ? '    Attributes:' : '    Attributes: (none)');
      for (const a of attrs) lines.push(`      - ${a.name}${a.friendlyName ? ` (${a.friendlyName})` : ''}${a.values.length ? ` = ${a.values.join(', ')}` : ''}`);
      lines.push(...certLines('Signing certificates', idp.signingCertificates), ...certLines('Encryption certificates', idp.encryptionCertificates));
    }
    for (const sp of e.sp) {
      lines.push('  SP (SPSSODescriptor):');
      lines.push(...endpointLines('ACS', sp.assertionConsumerServices), ...endpointLines('SLO', sp.singleLogoutServices));
      lines.push(...certLines('Signing certificates', sp.signingCertificates), ...certLines('Encryption certificates', sp.encryptionCertificates));
    }
  }
  return `${lines.join('\n')}\n`;
}
