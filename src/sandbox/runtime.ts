import { InMemoryReplayCache } from '../assertion/replay.js';
import { CappedMap, PENDING_CAP } from './capped-map.js';
import type { SpKeys } from './keys.js';
import { FaultSet } from './faults.js';
import { RequestLog } from './requests-log.js';
import type { Rng } from './rng.js';
import { createRng } from './rng.js';
import { customerTenantState } from './state/customer.js';
import type { SandboxState, TenantRecord, TenantState } from './state/model.js';
import { generateSecret } from './secrets.js';
import { writeStateFile } from './state/store.js';

/** An authenticated caller: a user session (.ASPXAUTH), an OAuth2 access token, or a federated login. */
export interface Session {
  readonly token: string;
  readonly kind: 'session' | 'oauth' | 'federated';
  /** The tenant the session belongs to: the MSP tenant's id, or a customer tenant's (management link). */
  readonly tenantId: string;
  readonly userUuid: string;
  readonly userName: string;
  readonly expiresAt: number;
  readonly scope?: string;
  /** Federated sessions: what the ACS resolved. */
  readonly federated?: { federationUuid: string; federationName: string; groupValues: string[]; hostGroups: string[]; roles: string[]; nameId: string };
}

/** A StartAuthentication package in progress (tenant-api.md §2.2). */
export interface AuthPackage {
  readonly sessionId: string;
  readonly userName: string;
  /** Undefined for an unknown user: the package looks the same, the answer always fails. */
  readonly userUuid: string | undefined;
  /** Mechanism ids in order; index = challenge number. */
  readonly mechanisms: { id: string; name: string }[];
  next: number;
  code?: string;
  readonly expiresAt: number;
  /** Federated MFA: the login that waits for its second factor. */
  readonly pendingFederated?: Session;
}

/** A management link's one-time pass (msp-create-customer.txt "Logging in to the Tenant"): single use, short-lived. */
export interface OneTimePass {
  readonly tenantId: string;
  readonly expiresAt: number;
}

/** Life of a one-time pass [I]: 5 minutes. */
export const ONE_TIME_PASS_MS = 5 * 60 * 1000;
/** One-time passes kept at most (oldest dropped): an MSP session cannot grow memory without bound. */
export const ONE_TIME_PASS_CAP = 1000;

/** A one-time code the sandbox "sent" (second challenge, partner MFA); exposed at /_sandbox/codes. */
export interface IssuedCode {
  readonly user: string;
  readonly mechanism: string;
  readonly sessionId: string;
  readonly code: string;
  readonly time: string;
}

/** Everything a request handler may touch. One per running sandbox. */
export class Runtime {
  url = '';
  readonly sessions = new Map<string, Session>();
  /** Bounded: StartAuthentication needs no credentials. */
  readonly packages = new CappedMap<string, AuthPackage>(PENDING_CAP);
  readonly codes: IssuedCode[] = [];
  readonly requests = new RequestLog();
  readonly faults: FaultSet;
  /** AuthnRequest ids the SP issued and not yet consumed (phase 2 ACS), with their federation and expiry. */
  readonly authnRequests = new CappedMap<string, { federationUuid: string; expiresAt: number; relayState?: string; usedBy?: string }>(PENDING_CAP);
  /** Assertion IDs seen by the ACS (SAML profiles 2.0 §4.1.4.5). */
  readonly replayCache = new InMemoryReplayCache();
  /** Management-link passes not yet used (`msp/getmanagementlink` -> `GET /manage`). */
  readonly oneTimePasses = new CappedMap<string, OneTimePass>(ONE_TIME_PASS_CAP);
  rng: Rng;

  constructor(
    public state: SandboxState,
    readonly stateFile: string,
    readonly options: { loose: boolean; seed: number; log: (line: string) => void; now: () => Date; spKeysProvided?: SpKeys },
  ) {
    this.rng = createRng(state.seed, state.rngDraws);
    this.faults = new FaultSet(createRng(options.seed ^ 0x5eed));
  }

  now(): Date {
    return this.options.now();
  }

  /** Persist the state (write-through after every change, atomically). */
  commit(): void {
    this.state.rngDraws = this.rng.draws;
    writeStateFile(this.stateFile, this.state);
  }

  /**
   * Replace the whole state (import, reset) and persist it. Every customer-tenant session and
   * one-time pass ends here: a tenant of the new state with the same id may be another tenant (a
   * reset restarts the seeded ids). MSP sessions stay when the MSP tenant's id is the same.
   */
  replace(state: SandboxState): void {
    const keep = this.state.tenant.id === state.tenant.id ? state.tenant.id : undefined;
    for (const [token, s] of this.sessions) if (s.tenantId !== keep) this.sessions.delete(token);
    this.oneTimePasses.clear();
    this.state = state;
    this.rng = createRng(state.seed, state.rngDraws);
    this.commit();
  }

  /** Operator log line (stdout of `samlfed sandbox`); never receives secrets. */
  log(line: string): void {
    this.options.log(line);
  }

  /** Record a code the sandbox "sends" and log it for the operator. */
  issueCode(user: string, mechanism: string, sessionId: string, code: string): void {
    this.codes.push({ user, mechanism, sessionId, code, time: this.now().toISOString() });
    if (this.codes.length > 200) this.codes.shift();
    this.log(`code for ${user} (${mechanism}): ${code}`);
  }

  /** A customer tenant of the MSP tenant, by id (case-insensitive). */
  customer(id: string): TenantRecord | undefined {
    const l = id.toLowerCase();
    return this.state.customers.find((c) => c.id.toLowerCase() === l);
  }

  /**
   * The state of a customer tenant; a customer of a migrated version 1 state gets its state now
   * (seeded, persisted; its admin password is generated and not kept).
   */
  customerState(record: TenantRecord): TenantState {
    if (!record.state) {
      record.state = customerTenantState(record, generateSecret(), this.rng, this.now());
      this.commit();
    }
    return record.state;
  }

  /**
   * The tenant a session acts on: the MSP tenant, or an enabled customer tenant. Undefined when the
   * session's tenant is gone (a reset, an import) or disabled (msp/SetTenantState): the session is refused.
   */
  tenantOf(session: Session): TenantState | undefined {
    if (session.tenantId === this.state.tenant.id) return this.state;
    const c = this.customer(session.tenantId);
    return c && c.enabled ? this.customerState(c) : undefined;
  }

  /** The admin user: the first user of the state. */
  adminUser(): SandboxState['users'][number] {
    return this.state.users[0]!;
  }
}
