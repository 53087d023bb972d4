/**
 * Red-team: a hostile `PUT /_sandbox/state` must be refused whole (400 ERR_SANDBOX_STATE_INVALID)
 * and must not block the server or poison later requests. Before the fix, `rngDraws: 1e15` made the
 * import replay 10^15 RNG draws (the event loop never came back), and inner arrays with the wrong
 * item types (`domains: [1]`) were stored and made every StartAuthentication a 500.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_RNG_DRAWS } from '../../src/sandbox/state/validate.js';
import { startTestSandbox, type Envelope, type TestSandbox } from '../helpers/sandbox.js';

let sb: TestSandbox;
let good: Record<string, unknown>;
beforeAll(async () => {
  sb = await startTestSandbox();
  good = sb.state() as unknown as Record<string, unknown>;
});
afterAll(() => sb.stop());

const fed = () => (good['federations'] as Record<string, unknown>[])[0] ?? { uuid: 'f1', name: 'P', normalizedName: 'p', domains: ['p.example'], mappings: [], idpEntityId: 'https://idp.p.example/', idpSignInUrl: 'https://idp.p.example/sso', idpLogoutUrl: '', idpMetadataUrl: '', idpSigningCerts: [], idpSigningSummaries: [], metadataXml: null, active: true, createdAt: '2026-01-01T00:00:00Z' };

const CASES: [string, (s: Record<string, unknown>) => Record<string, unknown>, RegExp][] = [
  ['rngDraws 1e15 (would replay 10^15 draws)', (s) => ({ ...s, rngDraws: 1e15 }), /rngDraws/],
  ['rngDraws negative', (s) => ({ ...s, rngDraws: -1 }), /rngDraws/],
  ['seed not an integer', (s) => ({ ...s, seed: 1.5 }), /seed/],
  ['no users (the admin is users[0])', (s) => ({ ...s, users: [] }), /users/],
  ['no OAuth2 client', (s) => ({ ...s, oauthClients: [] }), /oauthClients/],
  ['a federation domain that is a number', (s) => ({ ...s, federations: [{ ...fed(), domains: [1] }] }), /federations\[0\]\.domains\[0\]/],
  ['a mapping without GroupName', (s) => ({ ...s, federations: [{ ...fed(), mappings: [{ AttributeValue: 'x' }] }] }), /mappings\[0\]\.GroupName/],
  ['a role member that is a string', (s) => ({ ...s, roles: [{ id: 'r', name: 'r', description: '', roleType: 'PrincipalList', readOnly: false, members: ['x'] }] }), /members\[0\]/],
  ['an OAuth2 scope that is an object', (s) => ({ ...s, oauthClients: [{ ...(s['oauthClients'] as object[])[0], scopes: [{}] }] }), /scopes\[0\]/],
  ['a key that is not a key', (s) => ({ ...s, keys: { ...(s['keys'] as object), keyPem: '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n' } }), /keyPem/],
];

describe('PUT /_sandbox/state refuses hostile states whole, quickly, and later requests still work', () => {
  for (const [name, mutate, where] of CASES) {
    it(name, async () => {
      const t0 = Date.now();
      const r = await sb.fetch('/_sandbox/state', { method: 'PUT', body: JSON.stringify(mutate(structuredClone(good))) });
      const j = (await r.json()) as { error: string; message: string };
      expect(r.status).toBe(400);
      expect(j.error).toBe('ERR_SANDBOX_STATE_INVALID');
      expect(j.message).toMatch(where);
      expect(Date.now() - t0).toBeLessThan(5000);
      // Not poisoned: the admin can still start a login.
      const start = await sb.call<{ SessionId: string }>('/Security/StartAuthentication', { User: sb.admin.user, Version: '1.0' });
      expect(start.success).toBe(true);
      expect(typeof start.Result.SessionId).toBe('string');
    });
  }

  it('a state with a plausible rngDraws still imports', async () => {
    expect(MAX_RNG_DRAWS).toBe(10_000_000);
    const r = await sb.fetch('/_sandbox/state', { method: 'PUT', body: JSON.stringify({ ...structuredClone(good), rngDraws: 1000 }) });
    expect(r.status).toBe(200);
    const start = (await sb.call('/Security/StartAuthentication', { User: sb.admin.user, Version: '1.0' })) as Envelope;
    expect(start.success).toBe(true);
  });
});
