import { createHash, X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { writeOutputFile } from '../output.js';
import { EXIT, UsageError, write, type CliIo } from '../io.js';
import { integer, parseCommandArgs, parseNow } from '../options.js';
import { describeFsError } from '../read-input.js';
import { loadUsersFile, startIdp, type IdpServer, type NameIdMode } from '../../idp/index.js';

export const HELP = `Usage: samlfed idp --flavour adfs|tenant [options]

Run a partner IdP simulator on 127.0.0.1: AD FS, or an Identity tenant's B2B
SAML app. It serves its metadata, accepts AuthnRequests (HTTP-Redirect and
HTTP-POST), shows a login page (user name and the group values to send) and
POSTs a signed Response to the SP's ACS. Signing (and encryption) use
xml-crypto and xml-encryption, not samlfed's own XML code.

Options:
      --flavour <adfs|tenant>  which IdP to play (required)
      --port <N>               TCP port on 127.0.0.1 (default 0: a free port)
      --key <PEM file>         signing private key (RSA); with --cert
      --cert <PEM file>        signing certificate; default: generated at start
      --users <FILE>           users offered on the login page, YAML or JSON:
                               [{name: alice@acme.example, groups: [Sales]}]
      --encrypt-to <PEM file>  encrypt assertions to this SP certificate
      --name-id <MODE>         persistent, email, unspecified or none
                               (default: persistent for adfs, unspecified for
                               tenant)
      --app-key <GUID>         tenant: the app key in the entityID and paths
      --now <ISO-8601>         freeze the clock of every Response (default: now)
  -o, --output <FILE>          also write the metadata to FILE
  -f, --format <text|json>     start-up report format (default text)
  -h, --help                   show this help

The metadata URL is printed on start: AD FS serves it at
/FederationMetadata/2007-06/FederationMetadata.xml, the tenant flavour at
/saasManage/DownloadSAMLMetadataForApp?appkey=<GUID>&customerid=<ID>.
Stops cleanly on SIGINT (Ctrl+C) or SIGTERM.

Exit codes: 0 stopped cleanly; 2 bad usage, unreadable key, certificate or
users file, or the port is taken.
`;

async function readPem(flag: string, file: string, cwd: string): Promise<string> {
  try {
    const buf = await readFile(resolve(cwd, file));
    if (buf.byteLength > 1024 * 1024) throw new UsageError(`${flag} ${file}: larger than 1 MiB`);
    return buf.toString('utf8');
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`cannot read ${flag} ${file}: ${describeFsError(e)}`);
  }
}

/** Resolves on SIGINT/SIGTERM (or when `signal` aborts, for in-process tests). */
function untilStopped(signal?: AbortSignal): Promise<string> {
  return new Promise((done) => {
    const finish = (why: string): void => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      signal?.removeEventListener('abort', onAbort);
      done(why);
    };
    const onInt = (): void => finish('SIGINT');
    const onTerm = (): void => finish('SIGTERM');
    const onAbort = (): void => finish('stop requested');
    process.once('SIGINT', onInt);
    process.once('SIGTERM', onTerm);
    if (signal?.aborted) return finish('stop requested');
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * `samlfed idp`: run the partner IdP simulator until SIGINT/SIGTERM. `extra.signal` stops it
 * (tests); `extra.onStarted` receives the running server.
 */
export async function run(argv: string[], io: CliIo, extra: { signal?: AbortSignal; onStarted?: (idp: IdpServer) => void } = {}): Promise<number> {
  const parsed = parseCommandArgs(
    'idp',
    argv,
    {
      flavour: { type: 'string' },
      port: { type: 'string' },
      key: { type: 'string' },
      cert: { type: 'string' },
      users: { type: 'string' },
      'encrypt-to': { type: 'string' },
      'name-id': { type: 'string' },
      'app-key': { type: 'string' },
      now: { type: 'string' },
      output: { type: 'string', short: 'o' },
      format: { type: 'string', short: 'f', default: 'text' },
      help: { type: 'boolean', short: 'h' },
    },
    false,
  );
  const v = parsed.values;
  if (v.help) {
    await write(io.stdout, HELP);
    return EXIT.OK;
  }
  if (v.flavour !== 'adfs' && v.flavour !== 'tenant') throw new UsageError(`--flavour must be adfs or tenant, got ${v.flavour === undefined ? 'nothing' : JSON.stringify(v.flavour)}\nRun 'samlfed idp --help' for the options.`);
  if (v.format !== 'text' && v.format !== 'json') throw new UsageError(`--format must be text or json, got ${JSON.stringify(v.format)}`);
  const port = v.port === undefined ? 0 : integer('--port', v.port, 0);
  if (port > 65535) throw new UsageError(`--port must be at most 65535, got ${port}`);
  if ((v.key === undefined) !== (v.cert === undefined)) throw new UsageError('--key and --cert go together: give both or neither');
  const nameId = v['name-id'];
  if (nameId !== undefined && !['persistent', 'email', 'unspecified', 'none'].includes(nameId)) throw new UsageError(`--name-id must be persistent, email, unspecified or none, got ${JSON.stringify(nameId)}`);
  const appKey = v['app-key'];
  if (appKey !== undefined && (v.flavour !== 'tenant' || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(appKey))) throw new UsageError('--app-key must be a GUID, and only with --flavour tenant');
  const frozen = v.now === undefined ? undefined : parseNow(v.now);
  const keyPem = v.key === undefined ? undefined : await readPem('--key', v.key, io.cwd);
  const certPem = v.cert === undefined ? undefined : await readPem('--cert', v.cert, io.cwd);
  const encryptTo = v['encrypt-to'] === undefined ? undefined : await readPem('--encrypt-to', v['encrypt-to'], io.cwd);
  const users = v.users === undefined ? [] : await loadUsersFile(resolve(io.cwd, v.users));

  let idp: IdpServer;
  try {
    idp = await startIdp({
      flavour: v.flavour,
      port,
      ...(keyPem !== undefined && certPem !== undefined ? { keyPem, certPem } : {}),
      ...(encryptTo !== undefined ? { encryptToCertPem: encryptTo } : {}),
      ...(nameId !== undefined ? { nameId: nameId as NameIdMode } : {}),
      ...(appKey !== undefined ? { appKey } : {}),
      ...(frozen !== undefined ? { now: () => frozen } : {}),
      users,
      log: (line) => void io.stderr.write(`${new Date().toISOString()} ${line}\n`),
    });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES') throw new UsageError(`cannot listen on 127.0.0.1:${port}: ${code === 'EADDRINUSE' ? 'the port is in use' : 'permission denied'}`);
    throw e;
  }
  try {
    if (v.output !== undefined) await writeOutputFile(io, v.output, idp.metadataXml);
    const sha1 = createHash('sha1').update(new X509Certificate(idp.certificatePem).raw).digest('hex').toUpperCase();
    const report = { flavour: idp.flavour, url: idp.url, metadataUrl: idp.metadataUrl, ssoUrl: idp.ssoUrl, entityId: idp.entityId, signingCertificateSha1: sha1, users: users.map((u) => u.name) };
    await write(
      io.stdout,
      v.format === 'json'
        ? `${JSON.stringify(report)}\n`
        : `samlfed idp: ${idp.flavour === 'adfs' ? 'AD FS' : 'tenant B2B SAML app'} simulator listening on ${idp.url}\n` +
            `Metadata:  ${idp.metadataUrl}\nSSO:       ${idp.ssoUrl}\nentityID:  ${idp.entityId}\nSigning certificate SHA-1: ${sha1}\n` +
            `Users: ${users.length ? users.map((u) => `${u.name} [${u.groups.join(', ')}]`).join('; ') : '(none: type any user and her group values on the login page)'}\nPress Ctrl+C to stop.\n`,
    );
    extra.onStarted?.(idp);
    const why = await untilStopped(extra.signal);
    await write(io.stderr, `samlfed idp: ${why}, stopping\n`);
  } finally {
    await idp.stop();
  }
  return EXIT.OK;
}
