import { EXIT, UsageError, write, type CliIo } from '../io.js';
import { isSamlfedError } from '../../errors.js';
import { parseMetadata } from '../../metadata/parse.js';
import { buildInspectReport, type InspectCertificate, type InspectEndpoint, type InspectReport } from '../../metadata/report.js';
import type { MetadataDocument } from '../../metadata/model.js';
import { terminalSafe } from '../../metadata/lint/format/text.js';
import { parseNow, trustAnchors, parseCommandArgs } from '../options.js';
import { inputName, MAX_INPUT_BYTES, readMetadataInput } from '../read-input.js';
import { writeOutputFile } from '../output.js';

export const HELP = `Usage: samlfed inspect <metadata file|https URL|-> [options]

Show what a SAML metadata document says, entity by entity: entityID, flavour
(adfs, tenant, generic) and why, organization and contacts, roles (with
WantAuthnRequestsSigned / WantAssertionsSigned), SSO/SLO/ACS endpoints, NameID
formats, advertised attributes, signing and encryption certificates (SHA-1 and
SHA-256 thumbprints, subject, expiry), and the metadata signature status.
Text from the document is shown with control characters escaped.

Options:
  -f, --format <name>         text (default) or json
  -o, --output <FILE>         write the report to FILE instead of standard output
      --now <ISO-8601>        the clock for "days left" (default: now)
      --trust <PEM file>      trust anchor certificate(s) for the metadata signature (repeatable)
      --trust-thumbprint <HEX>
                              pinned SHA-1 or SHA-256 thumbprint of the signer (repeatable)
  -h, --help                  show this help

Without --trust/--trust-thumbprint a valid signature only proves integrity
(checked with the certificate the document carries), not authenticity.

'-' reads standard input (shown as <stdin>); a pipe such as <(curl ...) works too.

Exit codes: 0 shown; 2 bad usage, or input unreadable or not SAML metadata.
`;

/** `samlfed inspect`: show one metadata document. */
export async function run(argv: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs('inspect', argv, {
      format: { type: 'string', short: 'f', default: 'text' },
      output: { type: 'string', short: 'o' },
      now: { type: 'string' },
      trust: { type: 'string', multiple: true },
      'trust-thumbprint': { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
  });
  const v = parsed.values;
  if (v.help) {
    await write(io.stdout, HELP);
    return EXIT.OK;
  }
  if (parsed.positionals.length !== 1) throw new UsageError(`expected exactly one input (file, https URL or -), got ${parsed.positionals.length}\n\n${HELP}`);
  const format = v.format;
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, got ${JSON.stringify(format)}`);
  const now = v.now === undefined ? new Date() : parseNow(v.now);
  const { trust } = await trustAnchors(v.trust ?? [], v['trust-thumbprint'] ?? [], io.cwd);
  const input = parsed.positionals[0]!;
  const bytes = await readMetadataInput(input, io);
  let doc: MetadataDocument;
  try {
    doc = parseMetadata(bytes, { ...(trust ? { trust } : {}), maxBytes: MAX_INPUT_BYTES });
  } catch (e) {
    if (isSamlfedError(e)) throw new UsageError(`${inputName(input)} is not readable SAML metadata: ${e.code}: ${e.message}`);
    throw e;
  }
  const report = buildInspectReport(inputName(input), doc, now);
  const text = format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : renderText(report);
  if (v.output !== undefined) await writeOutputFile(io, v.output, text);
  else await write(io.stdout, text);
  return EXIT.OK;
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
    if (e.organization) {
      const o = e.organization;
      const name = o.displayNames[0] ?? o.names[0] ?? '(no name)';
      lines.push(`  Organization: ${name}${o.urls[0] ? ` (${o.urls[0]})` : ''}`);
    }
    for (const c of e.contacts) {
      const who = [c.givenName, c.surName].filter((x) => x !== undefined && x !== '').join(' ') || c.company || '(no name)';
      const reach = [...c.emailAddresses.map((m) => m.replace(/^mailto:/i, '')), ...c.telephoneNumbers];
      lines.push(`  Contact (${c.contactType || 'no contactType'}): ${who}${reach.length ? ` <${reach.join(', ')}>` : ''}`);
    }
    for (const idp of e.idp) {
      lines.push(`  IdP (IDPSSODescriptor${idp.wantAuthnRequestsSigned ? '; WantAuthnRequestsSigned=true: AuthnRequests must be signed' : ''}):`);
      lines.push(...endpointLines('SSO', idp.singleSignOnServices), ...endpointLines('SLO', idp.singleLogoutServices));
      lines.push(`    NameID formats: ${idp.nameIdFormats.length ? idp.nameIdFormats.join(', ') : '(none)'}`);
      const attrs = idp.attributes ?? [];
      lines.push(attrs.length ? '    Attributes:' : '    Attributes: (none)');
      for (const a of attrs) lines.push(`      - ${a.name}${a.friendlyName ? ` (${a.friendlyName})` : ''}${a.values.length ? ` = ${a.values.join(', ')}` : ''}`);
      lines.push(...certLines('Signing certificates', idp.signingCertificates), ...certLines('Encryption certificates', idp.encryptionCertificates));
    }
    for (const sp of e.sp) {
      const flags = [sp.authnRequestsSigned ? 'AuthnRequestsSigned=true' : '', sp.wantAssertionsSigned ? 'WantAssertionsSigned=true' : ''].filter((x) => x !== '');
      lines.push(`  SP (SPSSODescriptor${flags.length ? `; ${flags.join(', ')}` : ''}):`);
      lines.push(...endpointLines('ACS', sp.assertionConsumerServices), ...endpointLines('SLO', sp.singleLogoutServices));
      lines.push(...certLines('Signing certificates', sp.signingCertificates), ...certLines('Encryption certificates', sp.encryptionCertificates));
    }
  }
  // Every value above comes from the partner's document: no control character reaches the terminal.
  return `${lines.map(terminalSafe).join('\n')}\n`;
}
