/**
 * Who the simulator is for each flavour: entityID, endpoint paths and certificate names, as the
 * real products publish them (see docs/idp.md for the sources and the choices).
 */
import { randomUUID } from 'node:crypto';
import type { KeyPair } from './keys.js';

export type IdpFlavour = 'adfs' | 'tenant';

export interface IdpIdentity {
  readonly flavour: IdpFlavour;
  /** `http://127.0.0.1:<port>` (no trailing slash). */
  readonly baseUrl: string;
  readonly entityId: string;
  /** Path of the SSO endpoint (both bindings). */
  readonly ssoPath: string;
  /** Path of the single logout endpoint (advertised only; the simulator answers it with a page). */
  readonly sloPath: string;
  /** Path the metadata is served at. */
  readonly metadataPath: string;
  readonly signing: KeyPair;
  /** AD FS publishes a separate token-decrypting certificate (use="encryption"). */
  readonly encryption?: KeyPair;
}

/** AD FS defaults (AD FS 2.0-2019): identifier `http://<fs host>/adfs/services/trust`, endpoints under `/adfs/ls/`. */
export const ADFS_PATHS = Object.freeze({
  metadata: '/FederationMetadata/2007-06/FederationMetadata.xml',
  sso: '/adfs/ls/',
  entitySuffix: '/adfs/services/trust',
});

/** The tenant's B2B SAML app: `/applogin/appKey/<app key>/customerId/<tenant ID>`, metadata download per app. */
export const TENANT_PATHS = Object.freeze({
  metadata: '/saasManage/DownloadSAMLMetadataForApp',
});

/** Tenant ID in the tenant flavour's paths and certificate name (the shape of `AAZ0103`). */
export const DEFAULT_TENANT_ID = 'PTR0001';

/** Build the identity for a flavour once the server's port is known. */
export function identityFor(flavour: IdpFlavour, baseUrl: string, keys: { signing: KeyPair; encryption?: KeyPair }, opts: { appKey?: string; tenantId?: string; entityId?: string } = {}): IdpIdentity {
  if (flavour === 'adfs') {
    return {
      flavour,
      baseUrl,
      entityId: opts.entityId ?? `${baseUrl}${ADFS_PATHS.entitySuffix}`,
      ssoPath: ADFS_PATHS.sso,
      sloPath: ADFS_PATHS.sso,
      metadataPath: ADFS_PATHS.metadata,
      signing: keys.signing,
      ...(keys.encryption ? { encryption: keys.encryption } : {}),
    };
  }
  const appKey = opts.appKey ?? randomUUID();
  const tenantId = opts.tenantId ?? DEFAULT_TENANT_ID;
  return {
    flavour,
    baseUrl,
    entityId: opts.entityId ?? `${baseUrl}/${appKey}`,
    ssoPath: `/applogin/appKey/${appKey}/customerId/${tenantId}`,
    sloPath: `/applogout/appkey/${appKey}/customerid/${tenantId}`,
    metadataPath: `${TENANT_PATHS.metadata}?appkey=${appKey}&customerid=${tenantId}`,
    signing: keys.signing,
  };
}

/** Certificate subject CN for generated keys, named as each product names its own. */
export function certificateName(flavour: IdpFlavour, use: 'signing' | 'encryption', host: string, tenantId = DEFAULT_TENANT_ID): string {
  if (flavour === 'adfs') return `ADFS ${use === 'signing' ? 'Signing' : 'Encryption'} - ${host}`;
  return `Centrify Customer ${tenantId} Application Signing Certificate`;
}
