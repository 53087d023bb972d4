/**
 * `samlfed certs`: report on certificates in PEM, DER, PKCS#12, base64 or SAML metadata.
 */
import { EXIT, UsageError, write, type CliIo } from '../io.js';
import {
  describeCertificate,
  detectCertificateFormat,
  readCertificates,
  readPkcs12,
  type Certificate,
  type CertificateReport,
} from '../../certs/index.js';
import { parseMetadata } from '../../metadata/parse.js';
import { isSamlfedError } from '../../errors.js';
import { terminalSafe } from '../../metadata/lint/format/text.js';
import { inputName, readInputFile } from '../read-input.js';
import { integer, parseNow, parseCommandArgs } from '../options.js';
import { writeOutputFile } from '../output.js';
import { loadConfig } from '../config/load.js';

export const USAGE = `Usage: samlfed certs <file|-> [<file>...] [options]

Report on X.509 certificates. The form of each input is detected from its content:
PEM (one or more blocks), DER, PKCS#12 (.pfx/.p12), the base64 of a ds:X509Certificate
(whitespace anywhere), or SAML metadata XML (every ds:X509Certificate of every IdP and SP
KeyDescriptor, with its entityID and use). '-' reads standard input (shown as <stdin>);
a pipe such as <(curl ...) works too.

Options:
      --password <p>          PKCS#12 password (default: try the empty password)
      --password-env <VAR>    read the PKCS#12 password from environment variable VAR
  -f, --format <name>         text (default) or json
  -o, --output <FILE>         write the report to FILE instead of standard output
      --now <ISO-8601>        the time to compute expiry against (default: now)
      --expiry-warning-days <N>
                              a certificate expiring within N days is "expiring"
                              (default 30, or expiryWarningDays of the config file)
      --fail-on-expired       exit 1 when a certificate has expired or is not yet valid,
                              or (with --expiry-warning-days) expires within N days
      --config <FILE>         configuration file (default: found upward from the cwd)
  -h, --help                  show this help

JSON output: {"certificates": [ ... ]}, one object per certificate, in input order:
  source              the file name as given ('<stdin>' for standard input)
  index               1-based position within that source
  entityId, role, use, line   metadata only: entityID, "idp" or "sp", the KeyDescriptor
                      use ("signing", "encryption", "unspecified"), line of ds:X509Certificate
  hasPrivateKey       PKCS#12 only: the file also holds a private key
  subject, issuer     DNs in the tenant's style: CN=..., OU=..., O=..., L=..., S=..., C=...
  serialNumber        upper-case hex
  notBefore, notAfter ISO 8601 UTC; notBeforeDisplay, notAfterDisplay: tenant form (1/1/2039 12:00:00 AM, UTC)
  daysLeft            whole days from --now to notAfter (negative once expired)
  expired, notYetValid  booleans against --now
  expiring            notAfter within --expiry-warning-days of --now (and not expired)
  sha1Thumbprint      40 upper-case hex digits (IDPSigningCertificateThumbprint)
  sha256Thumbprint    64 upper-case hex digits
  key                 {"type":"RSA","bits":2048} or {"type":"EC","curve":"P-256","bits":256} ...
  keyDescription      e.g. "RSA 2048 bits"
  signatureAlgorithm  e.g. sha256WithRSAEncryption, ecdsa-with-SHA256, RSASSA-PSS
  selfSigned          subject equals issuer and the signature verifies with its own key
  error               metadata only, instead of the fields above: {"code","message"} of a
                      ds:X509Certificate that could not be read

Exit codes: 0 reported; 1 some certificate in metadata could not be read (listed with its
error), or --fail-on-expired and a certificate expired, not yet valid or expiring; 2 bad usage
or unreadable input (missing file, wrong PKCS#12 password, not a certificate).
`;

/** Where a certificate came from, beyond its file. */
interface Origin {
  readonly entityId?: string;
  readonly role?: 'idp' | 'sp';
  readonly use?: string;
  readonly line?: number;
  readonly hasPrivateKey?: boolean;
}

type Entry =
  | ({ source: string; index: number; expiring?: boolean } & Origin & CertificateReport)
  | ({ source: string; index: number } & Origin & { error: { code: string; message: string } });

interface CertsOptions {
  files: string[];
  password?: string;
  format: 'text' | 'json';
  now: Date;
  help: boolean;
  output?: string;
  failOnExpired: boolean;
  /** Explicit --expiry-warning-days (undefined: the config's, else 30). */
  days?: number;
  config?: string;
}

function parseOptions(argv: string[], io: CliIo): CertsOptions {
  const parsed = parseCommandArgs('certs', argv, {
      password: { type: 'string' },
      'password-env': { type: 'string' },
      format: { type: 'string', short: 'f', default: 'text' },
      output: { type: 'string', short: 'o' },
      now: { type: 'string' },
      'expiry-warning-days': { type: 'string' },
      'fail-on-expired': { type: 'boolean', default: false },
      config: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
  });
  const v = parsed.values;
  if (v.help) return { files: [], format: 'text', now: new Date(), help: true, failOnExpired: false };
  if (v.format !== 'text' && v.format !== 'json') throw new UsageError(`--format must be text or json, not ${JSON.stringify(v.format)}`);
  const now = v.now === undefined ? new Date() : parseNow(v.now);
  let password = v.password;
  if (v['password-env'] !== undefined) {
    if (password !== undefined) throw new UsageError('give --password or --password-env, not both');
    password = io.env[v['password-env']];
    if (password === undefined) throw new UsageError(`environment variable ${v['password-env']} is not set`);
  }
  if (parsed.positionals.length === 0) throw new UsageError('no input: give a certificate or metadata file, or - for standard input');
  return {
    files: parsed.positionals,
    format: v.format,
    now,
    help: false,
    failOnExpired: v['fail-on-expired'],
    ...(password === undefined ? {} : { password }),
    ...(v.output === undefined ? {} : { output: v.output }),
    ...(v.config === undefined ? {} : { config: v.config }),
    ...(v['expiry-warning-days'] === undefined ? {} : { days: integer('--expiry-warning-days', v['expiry-warning-days'], 0) }),
  };
}


/** The certificates of one input, with where each came from. */
function entriesOf(source: string, bytes: Buffer, password: string | undefined, now: Date): Entry[] {
  const report = (c: Certificate, i: number, origin: Origin): Entry => ({ source, index: i + 1, ...origin, ...describeCertificate(c, now) });
  const format = detectCertificateFormat(bytes);
  if (format === 'xml') {
    // SAML metadata 2.0 §2.4.1.1: KeyDescriptor/ds:KeyInfo/ds:X509Data/ds:X509Certificate of each role.
    const doc = parseMetadata(bytes);
    const out: Entry[] = [];
    for (const entity of doc.entities) {
      for (const role of [...entity.idpSsoDescriptors, ...entity.spSsoDescriptors]) {
        for (const kd of role.keyDescriptors) {
          for (const entry of kd.certificates) {
            const origin: Origin = { ...(entity.entityId === undefined ? {} : { entityId: entity.entityId }), role: role.kind, use: kd.use, ...(entry.line === undefined ? {} : { line: entry.line }) };
            out.push(entry.ok ? report(entry.certificate, out.length, origin) : { source, index: out.length + 1, ...origin, error: { ...entry.error } });
          }
        }
      }
    }
    return out;
  }
  if (format === 'pkcs12') {
    const p = readPkcs12(bytes, password === undefined ? {} : { password });
    return p.certificates.map((c, i) => report(c, i, { hasPrivateKey: i === 0 && p.hasPrivateKey }));
  }
  return readCertificates(bytes).map((c, i) => report(c, i, {}));
}

function daysText(r: CertificateReport): string {
  if (r.expired) return `${r.daysLeft} (EXPIRED ${-r.daysLeft} day${r.daysLeft === -1 ? '' : 's'} ago)`;
  if (r.notYetValid) return `${r.daysLeft} (NOT YET VALID: starts ${r.notBefore})`;
  return (r as { expiring?: boolean }).expiring ? `${r.daysLeft} (EXPIRING: within the --expiry-warning-days window)` : String(r.daysLeft);
}

function textBlock(e: Entry, total: number): string {
  const rows: Array<[string, string]> = [];
  const head = `certificate ${e.index} of ${total} in ${e.source}`;
  if (e.entityId !== undefined || e.role !== undefined) {
    rows.push(['entity', `${e.entityId ?? '(no entityID)'}  (${e.role === 'idp' ? 'IdP' : 'SP'}, use=${e.use}${e.line === undefined ? '' : `, line ${e.line}`})`]);
  }
  if (e.hasPrivateKey !== undefined) rows.push(['private key', e.hasPrivateKey ? 'present' : 'not present']);
  if ('error' in e) {
    rows.push(['error', `${e.error.code}: ${e.error.message}`]);
  } else {
    rows.push(
      ['subject', e.subject],
      ['issuer', e.issuer],
      ['serial', e.serialNumber],
      ['valid from', `${e.notBefore}  (${e.notBeforeDisplay})`],
      ['valid to', `${e.notAfter}  (${e.notAfterDisplay})`],
      ['days left', daysText(e)],
      ['SHA-1 thumbprint', e.sha1Thumbprint],
      ['SHA-256 thumbprint', e.sha256Thumbprint],
      ['key', e.keyDescription],
      ['signature algorithm', e.signatureAlgorithm],
      ['self-signed', e.selfSigned ? 'yes' : 'no'],
    );
  }
  const width = Math.max(...rows.map(([k]) => k.length)) + 1;
  // DNs, entityIDs and file names are untrusted: no control character reaches the terminal.
  return `${terminalSafe(head)}\n${rows.map(([k, v]) => `  ${`${k}:`.padEnd(width)} ${terminalSafe(v)}`).join('\n')}\n`;
}

/** `samlfed certs`: see USAGE. */
export async function run(argv: string[], io: CliIo): Promise<number> {
  const opts = parseOptions(argv, io);
  if (opts.help) {
    await write(io.stdout, USAGE);
    return EXIT.OK;
  }
  const days = opts.days ?? (await loadConfig(io.cwd, opts.config))?.config.expiryWarningDays ?? 30;
  const entries: Entry[] = [];
  const perSource: number[] = [];
  for (const file of opts.files) {
    const bytes = await readInputFile(file, io);
    let found: Entry[];
    try {
      found = entriesOf(inputName(file), bytes, opts.password, opts.now).map((e) => ('error' in e ? e : { ...e, expiring: !e.expired && !e.notYetValid && e.daysLeft <= days }));
    } catch (e) {
      // Name the input: with several files, which one is wrong matters.
      if (isSamlfedError(e)) throw new UsageError(`${inputName(file)}: ${e.code}: ${e.message}`);
      throw e;
    }
    entries.push(...found);
    perSource.push(found.length);
  }
  const failed = entries.some((e) => 'error' in e);
  const stale = entries.filter((e) => !('error' in e) && (e.expired || e.notYetValid || (opts.days !== undefined && e.expiring === true)));
  let text: string;
  if (opts.format === 'json') {
    text = `${JSON.stringify({ certificates: entries }, null, 2)}\n`;
  } else {
    const blocks: string[] = [];
    let k = 0;
    opts.files.forEach((file, i) => {
      const n = perSource[i]!;
      if (n === 0) blocks.push(`no certificates in ${terminalSafe(inputName(file))}\n`);
      for (let j = 0; j < n; j++) blocks.push(textBlock(entries[k++]!, n));
    });
    text = blocks.join('\n');
  }
  if (opts.output !== undefined) await writeOutputFile(io, opts.output, text);
  else await write(io.stdout, text);
  if (opts.failOnExpired && stale.length > 0) {
    await write(io.stderr, `samlfed certs: --fail-on-expired: ${stale.length} certificate${stale.length === 1 ? '' : 's'} expired, not yet valid${opts.days !== undefined ? ` or expiring within ${days} days` : ''}\n`);
    return EXIT.REJECTED;
  }
  return failed ? EXIT.REJECTED : EXIT.OK;
}
