import { TenantError } from '../errors.js';
import type { AuthProvider, Transport } from '../http/transport.js';
import type { TenantAuth } from '../options.js';
import { clientCredentialsToken } from './client-credentials.js';
import { passwordLogin } from './password.js';

/**
 * Holds the bearer token for a client and renews it once per 401 (tenant-api.md §2.7, §7).
 * Concurrent calls share one login in flight. A ready token cannot be renewed.
 */
export class Session implements AuthProvider {
  private token: string | undefined;
  private pending: Promise<string> | undefined;

  constructor(private readonly t: Transport, private readonly auth: TenantAuth) {
    if (auth.kind === 'token') this.token = auth.token;
  }

  async authorization(): Promise<string> {
    return `Bearer ${this.token ?? (await this.login())}`;
  }

  /** Log in (or reuse the login in flight). */
  login(): Promise<string> {
    if (this.auth.kind === 'token') {
      if (this.token === undefined) return Promise.reject(new TenantError('ERR_TENANT_UNAUTHORIZED', 'the ready token was used by logout() and cannot be renewed', { kind: 'auth' }));
      return Promise.resolve(this.token);
    }
    this.pending ??= (this.auth.kind === 'client-credentials' ? clientCredentialsToken(this.t, this.auth) : passwordLogin(this.t, this.auth))
      .then((tok) => {
        this.token = tok;
        return tok;
      })
      .finally(() => {
        this.pending = undefined;
      });
    return this.pending;
  }

  async reauthenticate(): Promise<boolean> {
    if (this.auth.kind === 'token') return false;
    this.token = undefined;
    await this.login();
    return true;
  }

  /** Forget the token (after Security/Logout). */
  clear(): void {
    this.token = undefined;
  }

  get hasToken(): boolean {
    return this.token !== undefined;
  }
}
