import type { Ctx } from '../http/context.js';
import { json, type Reply } from '../http/reply.js';
import type { Session } from '../runtime.js';
import { generateToken, verifySecret } from '../secrets.js';

/** Access-token lifetime in seconds (tenant-api.md §9.3). */
export const ACCESS_TOKEN_SECONDS = 3600;

function oauthError(error: string, description: string): Reply {
  return json(400, { error, error_description: description });
}

/** Client id and secret from `Authorization: Basic` (RFC 6749 §2.3.1), else from the form. */
function credentialsOf(ctx: Ctx): { id: string; secret: string } | undefined {
  const h = ctx.req.headers.authorization;
  if (typeof h === 'string' && /^Basic\s+/i.test(h)) {
    const decoded = Buffer.from(h.replace(/^Basic\s+/i, '').trim(), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return undefined;
    const dec = (s: string) => {
      try {
        return decodeURIComponent(s.replace(/\+/g, ' '));
      } catch {
        return s;
      }
    };
    return { id: dec(decoded.slice(0, colon)), secret: dec(decoded.slice(colon + 1)) };
  }
  const id = ctx.body['client_id'];
  const secret = ctx.body['client_secret'];
  return typeof id === 'string' && typeof secret === 'string' ? { id, secret } : undefined;
}

/**
 * POST /oauth2/token/{appId} (tenant-api.md §2.1, §9.3): client credentials only.
 * Errors are HTTP 400 `{error, error_description}`; success is plain JSON, not the envelope.
 */
export function oauthToken(ctx: Ctx): Reply {
  let appId: string;
  try {
    appId = decodeURIComponent(ctx.path.split('/').slice(3).join('/'));
  } catch {
    return oauthError('invalid_client', 'unknown application');
  }
  const app = ctx.state.oauthClients.find((c) => c.appId.toLowerCase() === appId.toLowerCase());
  if (!app) return oauthError('invalid_client', 'unknown application');
  const grant = ctx.body['grant_type'];
  if (grant !== 'client_credentials') return oauthError('invalid_grant', 'invalid grant type');
  const creds = credentialsOf(ctx);
  if (!creds) return oauthError('invalid_client', 'missing client credentials');
  if (creds.id.toLowerCase() !== app.clientId.toLowerCase() || !verifySecret(creds.secret, app.secretHash)) return oauthError('invalid_client', 'wrong clientid or secret');
  const requested = typeof ctx.body['scope'] === 'string' && ctx.body['scope'].trim() !== '' ? ctx.body['scope'].trim().split(/\s+/) : app.scopes;
  const missing = requested.filter((s) => !app.scopes.includes(s));
  if (missing.length > 0) return oauthError('invalid_scope', `scope not granted: ${missing.join(' ')}`);
  const token = generateToken();
  const user = ctx.state.users[0]!;
  const session: Session = { token, kind: 'oauth', tenantId: ctx.state.tenant.id, userUuid: user.uuid, userName: app.clientId, expiresAt: ctx.rt.now().getTime() + ACCESS_TOKEN_SECONDS * 1000, scope: requested.join(' ') };
  ctx.rt.sessions.set(token, session);
  return json(200, { access_token: token, token_type: 'Bearer', expires_in: ACCESS_TOKEN_SECONDS, scope: requested.join(' ') });
}
