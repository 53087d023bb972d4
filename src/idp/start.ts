/**
 * `startIdp`: run a partner IdP simulator of one flavour on 127.0.0.1 (port 0 = a free port).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHandler } from './handler.js';
import { certificateName, identityFor, type IdpFlavour, type IdpIdentity } from './identity.js';
import { checkEncryptionCert, checkKeyPair, generateKeyPair, type KeyPair } from './keys.js';
import { buildAdfsMetadata } from './metadata-adfs.js';
import { buildTenantMetadata } from './metadata-tenant.js';
import { issueResponse, type IssuedResponse, type IssueRequest, type IssueUser, type NameIdMode } from './response.js';
import { checkUsers, type IdpUser } from './users.js';
import { isXmlSafe } from './xml-text.js';

export interface StartIdpOptions {
  readonly flavour: IdpFlavour;
  /** TCP port on 127.0.0.1; default 0 (a free port). */
  readonly port?: number;
  /** Signing key and certificate (PEM, RSA); both or neither. Default: generated at start. */
  readonly keyPem?: string;
  readonly certPem?: string;
  /** adfs only: the token-decrypting key and certificate advertised with use="encryption". Default: generated. */
  readonly encryptionKeyPem?: string;
  readonly encryptionCertPem?: string;
  /** Users offered on the login page, with the group values they send. */
  readonly users?: readonly IdpUser[];
  /** Encrypt every assertion to this SP certificate (PEM). */
  readonly encryptToCertPem?: string;
  /** NameID of the Responses: adfs default `persistent`, tenant default `unspecified` (the login name). */
  readonly nameId?: NameIdMode;
  /** tenant only: the app key (GUID) and tenant ID in the entityID and paths. Default: random GUID, PTR0001. */
  readonly appKey?: string;
  readonly tenantId?: string;
  /**
   * Override the entityID (default: the flavour's, built from the URL). Tests use it to play a
   * federated IdP with the wrong key: same issuer, another signing certificate.
   */
  readonly entityId?: string;
  /** Used when an AuthnRequest carries no AssertionConsumerServiceURL / Issuer. */
  readonly defaultAcsUrl?: string;
  readonly defaultSpEntityId?: string;
  /** The clock of every Response (tests freeze it). Default: the system clock. */
  readonly now?: () => Date;
  /** One line per event (requests, refusals, Responses issued). Default: silent. */
  readonly log?: (line: string) => void;
}

export interface IssueResponseOptions {
  readonly request: IssueRequest;
  readonly user: IssueUser;
  readonly now?: Date;
  readonly nameId?: NameIdMode;
  /** Overrides the server's `encryptToCertPem`; `null` = do not encrypt. */
  readonly encryptToCertPem?: string | null;
  readonly lifetimeSeconds?: number;
}

export interface IdpServer {
  readonly flavour: IdpFlavour;
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  readonly entityId: string;
  readonly metadataUrl: string;
  readonly ssoUrl: string;
  readonly metadataXml: string;
  /** The signing certificate (PEM): what an SP must trust. */
  readonly certificatePem: string;
  /** Issue a Response directly (no browser), e.g. to craft one for another SP in a test. */
  issue(opts: IssueResponseOptions): Promise<IssuedResponse>;
  /** Close the server and every open connection. */
  stop(): Promise<void>;
}

function keyPairFrom(keyPem: string | undefined, certPem: string | undefined, what: string): KeyPair | undefined {
  if (keyPem === undefined && certPem === undefined) return undefined;
  if (keyPem === undefined || certPem === undefined) throw new TypeError(`startIdp: give both the ${what} key and certificate, or neither`);
  return checkKeyPair({ privateKeyPem: keyPem, certificatePem: certPem }, what);
}

/**
 * Start a partner IdP simulator. Resolves once it listens; its metadata is ready at `metadataUrl`.
 *
 * @throws {TypeError} for caller mistakes (unknown flavour, key without certificate, bad port).
 * @throws {IdpError} ERR_IDP_KEY_INVALID, ERR_IDP_ENCRYPT_CERT_INVALID, ERR_IDP_USERS_INVALID
 */
export async function startIdp(options: StartIdpOptions): Promise<IdpServer> {
  const { flavour } = options;
  if (flavour !== 'adfs' && flavour !== 'tenant') throw new TypeError(`startIdp: flavour must be "adfs" or "tenant", got ${JSON.stringify(flavour)}`);
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new TypeError(`startIdp: port must be an integer 0-65535, got ${String(port)}`);
  if (flavour === 'tenant' && options.appKey !== undefined && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(options.appKey)) throw new TypeError('startIdp: appKey must be a GUID');
  if (options.entityId !== undefined && (typeof options.entityId !== 'string' || options.entityId === '' || options.entityId.length > 1024 || !isXmlSafe(options.entityId))) throw new TypeError('startIdp: entityId must be a non-empty string of at most 1024 characters');
  if (options.tenantId !== undefined && !/^[A-Za-z0-9]{1,32}$/.test(options.tenantId)) throw new TypeError('startIdp: tenantId must be 1-32 letters and digits');
  const now = options.now ?? (() => new Date());
  const log = options.log ?? (() => undefined);
  const users = checkUsers(options.users ?? []);
  const encryptTo = options.encryptToCertPem === undefined ? undefined : checkEncryptionCert(options.encryptToCertPem);
  const host = '127.0.0.1';
  const signing = keyPairFrom(options.keyPem, options.certPem, 'signing') ?? generateKeyPair(certificateName(flavour, 'signing', host, options.tenantId), now());
  const encryption =
    flavour === 'adfs' ? (keyPairFrom(options.encryptionKeyPem, options.encryptionCertPem, 'encryption') ?? generateKeyPair(certificateName(flavour, 'encryption', host), now())) : undefined;

  let identity: IdpIdentity | undefined;
  let metadataXml = '';
  const issue = (o: IssueResponseOptions): Promise<IssuedResponse> => {
    const enc = o.encryptToCertPem === null ? undefined : o.encryptToCertPem !== undefined ? checkEncryptionCert(o.encryptToCertPem) : encryptTo;
    return issueResponse(identity!, {
      request: o.request,
      user: o.user,
      now: o.now ?? now(),
      ...(o.nameId ?? options.nameId ? { nameId: o.nameId ?? options.nameId } : {}),
      ...(enc !== undefined ? { encryptToCertPem: enc } : {}),
      ...(o.lifetimeSeconds !== undefined ? { lifetimeSeconds: o.lifetimeSeconds } : {}),
    });
  };

  const server: Server = createServer({ requestTimeout: 15_000, headersTimeout: 10_000, keepAliveTimeout: 1_000, maxHeaderSize: 96 * 1024 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actualPort = (server.address() as AddressInfo).port;
  const baseUrl = `http://${host}:${actualPort}`;
  identity = identityFor(flavour, baseUrl, { signing, ...(encryption ? { encryption } : {}) }, { ...(options.appKey ? { appKey: options.appKey.toLowerCase() } : {}), ...(options.tenantId ? { tenantId: options.tenantId } : {}), ...(options.entityId ? { entityId: options.entityId } : {}) });
  metadataXml = flavour === 'adfs' ? buildAdfsMetadata(identity, host) : buildTenantMetadata(identity);
  server.on(
    'request',
    createHandler({
      identity,
      metadataXml,
      users,
      now,
      ...(options.nameId ? { nameId: options.nameId } : {}),
      ...(options.defaultAcsUrl ? { defaultAcsUrl: options.defaultAcsUrl } : {}),
      ...(options.defaultSpEntityId ? { defaultSpEntityId: options.defaultSpEntityId } : {}),
      issue: (o) => issue(o),
      log,
    }),
  );
  // Malformed HTTP or headers past maxHeaderSize: answer with a status line when possible, then close.
  server.on('clientError', (e: NodeJS.ErrnoException, socket) => {
    if (socket.writable) socket.end(e.code === 'HPE_HEADER_OVERFLOW' ? 'HTTP/1.1 431 Request Header Fields Too Large\r\nConnection: close\r\n\r\n' : 'HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });

  let stopped: Promise<void> | undefined;
  const id = identity;
  return {
    flavour,
    url: baseUrl,
    port: actualPort,
    entityId: id.entityId,
    metadataUrl: `${baseUrl}${id.metadataPath}`,
    ssoUrl: `${baseUrl}${id.ssoPath}`,
    metadataXml,
    certificatePem: signing.certificatePem,
    issue,
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return stopped;
    },
  };
}
