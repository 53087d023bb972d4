/**
 * Options of `createTenantClient`: where the tenant is, how to log in, and the injectable parts
 * (fetch, clock, sleep, randomness) that let tests run over real HTTP without real waiting.
 */

/** A second-factor challenge the tenant asks for after the password (tenant-api.md §2.2). */
export interface MfaChallenge {
  /** Mechanism name: `EMAIL`, `OTP`, `OATH`, `SMS`, `SQ`, ... */
  readonly name: string;
  /** The tenant's prompt, e.g. "Enter the code sent to your email". */
  readonly prompt: string;
  /** Masked address or device, when the tenant gives one (`PartialAddress`, `MaskedEmailAddress`, ...). */
  readonly hint?: string;
}

/** Answers a second-factor challenge with the code the user received. */
export type MfaAnswer = (challenge: MfaChallenge) => Promise<string>;

/** OAuth2 client credentials (tenant-api.md §2.1): `POST /oauth2/token/<appId>`, Basic auth, scope. */
export interface ClientCredentialsAuth {
  readonly kind: 'client-credentials';
  /** Application ID of the tenant's OAuth2 Client app. */
  readonly appId: string;
  /** The service user's login name (`name@suffix`). */
  readonly clientId: string;
  readonly clientSecret: string;
  readonly scope: string;
}

/** User and password (`Security/StartAuthentication` + `AdvanceAuthentication`, §2.2). */
export interface PasswordAuth {
  readonly kind: 'password';
  readonly user: string;
  readonly password: string;
  /** Optional: the URL names the tenant when absent. */
  readonly tenantId?: string;
  /** Called for each challenge after the password (EMAIL/OTP code). Absent: such a login fails with `ERR_TENANT_MFA_UNSUPPORTED`. */
  readonly mfa?: MfaAnswer;
}

/** A ready bearer token (an OAuth2 access token or an `.ASPXAUTH` value). Cannot re-authenticate. */
export interface TokenAuth {
  readonly kind: 'token';
  readonly token: string;
}

export type TenantAuth = ClientCredentialsAuth | PasswordAuth | TokenAuth;

/** Retry policy for reads and for 429/503 (tenant-api.md §8). */
export interface RetryOptions {
  /** Attempts in all, first included. Default 4. */
  readonly attempts?: number;
  /** First backoff in ms; doubles each retry. Default 500. */
  readonly baseDelayMs?: number;
  /** Cap for one backoff and for an honoured `Retry-After`. Default 10 000. */
  readonly maxDelayMs?: number;
}

export interface TenantClientOptions {
  /** The tenant URL, e.g. `https://abc1234.my.centrify.com` (http only for 127.0.0.1/localhost). */
  readonly url: string;
  readonly auth: TenantAuth;
  /** Timeout of one attempt in ms. Default 30 000. */
  readonly timeoutMs?: number;
  readonly retry?: RetryOptions;
  /** Largest response body read, in bytes. Default 8 MiB. */
  readonly maxBodyBytes?: number;
  /** Injectable `fetch` (default: Node's global fetch). */
  readonly fetch?: typeof globalThis.fetch;
  /** Clock in ms since the epoch (for `Retry-After` dates). Default `Date.now`. */
  readonly now?: () => number;
  /** Waits between retries. Default: a real timer. Tests pass a recorder that returns at once. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Random source in [0, 1) for backoff jitter. Default `Math.random`. */
  readonly random?: () => number;
  /** Allow `http:` URLs for hosts other than loopback (never needed against a real tenant). Default false. */
  readonly allowInsecureHttp?: boolean;
}
