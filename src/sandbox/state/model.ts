import type { SpKeys } from '../keys.js';

/**
 * Version of the state file format; a file with another version is refused (tenant-api.md §9.1).
 * 2: customer tenants carry their own tenant state (`TenantRecord.state`). A version 1 file still
 * loads (`validateState` migrates it: its customers get their state when first used).
 */
export const STATE_VERSION = 2;
/** Customer tenants one MSP tenant may hold in the sandbox (each has its own keys and state; `msp/createnewsmb` and the state file). */
export const MAX_CUSTOMERS = 100;
/** Older versions this sandbox migrates on load. */
export const MIGRATES_FROM: readonly number[] = [1];

export interface SandboxUser {
  uuid: string;
  /** Login name, `name@suffix`; compared case-insensitively. */
  name: string;
  displayName: string;
  email: string;
  /** `scrypt$<salt hex>$<hash hex>`; never the password itself. */
  passwordHash: string;
  /** Second challenge after the password (tenant-api.md §2.2), or none. */
  mfa: 'EMAIL' | 'OATH' | null;
  directory: 'CDS' | 'FDS';
  /** FDS users only: the federation they came from. */
  federationUuid?: string;
}

export interface OAuthClient {
  appId: string;
  clientId: string;
  secretHash: string;
  scopes: string[];
}

export interface DirectoryService {
  uuid: string;
  service: 'CDS' | 'FDS';
  name: string;
  displayName: string;
  description: string;
}

export interface FdsGroup {
  internalName: string;
  systemName: string;
}

export interface CertSummary {
  thumbprint: string;
  subject: string;
  expires: string;
}

export interface Federation {
  uuid: string;
  name: string;
  normalizedName: string;
  domains: string[];
  mappings: { AttributeValue: string; GroupName: string }[];
  idpEntityId: string;
  idpSignInUrl: string;
  idpLogoutUrl: string;
  idpMetadataUrl: string;
  /** Signing certificates, base64 DER, in document order (key rollover). */
  idpSigningCerts: string[];
  idpSigningSummaries: CertSummary[];
  /** The metadata as uploaded (null for a manual configuration). */
  metadataXml: string | null;
  isMetadata: boolean;
  active: boolean;
  createdAt: string;
}

export interface Role {
  id: string;
  name: string;
  description: string;
  roleType: string;
  readOnly: boolean;
  members: { type: 'User' | 'Group' | 'Role'; id: string }[];
}

export interface Policy {
  path: string;
  description: string;
  settings: Record<string, unknown>;
  revStamp: string;
}

export interface PolicyLink {
  id: string;
  policySet: string;
  linkType: string;
  description: string;
  params: unknown[];
}

export interface TenantRecord {
  id: string;
  companyName: string;
  podRegion: string;
  adminUser: string;
  enabled: boolean;
  /** The initial alias (msp/createnewsmb); the tenant's login suffixes are `state.tenant.loginSuffixes`. */
  aliases: string[];
  /** The customer tenant itself (version 2); absent in a migrated version 1 state until first used. */
  state?: TenantState;
}

/** One tenant: the MSP tenant the sandbox serves (the root of the state) or one of its customer tenants. */
export interface TenantState {
  tenant: { id: string; loginSuffixes: string[]; createdAt: string };
  keys: SpKeys;
  users: SandboxUser[];
  oauthClients: OAuthClient[];
  directoryServices: DirectoryService[];
  fdsGroups: FdsGroup[];
  federations: Federation[];
  globalMappings: { AttributeValue: string; GroupName: string }[];
  roles: Role[];
  policies: Policy[];
  plinks: PolicyLink[];
  plinksRevStamp: string;
  /** Last RevStamp tick handed out (monotonic, 18 digits). */
  lastTick: string;
  authProfiles: { uuid: string; name: string; challenges: string[] }[];
  /** MSP customer tenants (msp-create-customer.txt); always empty in a customer tenant (one MSP level). */
  customers: TenantRecord[];
}

/** The state file: the MSP tenant (with its customer tenants inside) and the RNG position. */
export interface SandboxState extends TenantState {
  version: typeof STATE_VERSION;
  seed: number;
  /** Count of ids drawn from the seeded RNG, so that a restart continues the same sequence. */
  rngDraws: number;
}
