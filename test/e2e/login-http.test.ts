/**
 * Partner login end to end over real HTTP (issue 12): simulator metadata -> onboard apply against
 * the sandbox -> home-realm discovery -> the simulator's login -> the sandbox's ACS (/My) -> a
 * session with the expected host groups and roles. Negative paths go through the same servers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAt, startIdp } from '../../src/idp/index.js';
import { key } from '../idp/helpers.js';
import { listById, textById, UserAgent } from './helpers/ua.js';
import { loginOverHttp, NOW, postToAcs, redirectTo, requestOf, startAuthentication, startWorld, whoami, type PostedLogin, type World } from './helpers/world.js';

const errorCode = (p: PostedLogin) => textById(p.acs.text, 'error-code');
const withoutEverybody = (roles: unknown) => (roles as string[]).filter((r) => r !== 'Everybody').sort();

/** A login that was refused: 403 page with the code, no session cookie, whoami refused. */
async function expectRefused(w: World, p: PostedLogin, code: string) {
  expect(p.acs.status).toBe(403);
  expect(errorCode(p)).toBe(code);
  expect(textById(p.acs.text, 'error-message')).toBeTruthy();
  expect(p.ua.cookies.has('.ASPXAUTH')).toBe(false);
  expect((await whoami(w, p.ua)).result).toBeUndefined();
}

describe('partner login over HTTP, MFA off', () => {
  let w: World;
  beforeAll(async () => {
    w = await startWorld({ mfa: false });
  }, 120_000);
  afterAll(() => w?.stop());

  it('adfs: alice lands with the partner mapping (which wins over the global one) and its roles', async () => {
    const p = await loginOverHttp(w, 'alice@sim-adfs.example', ['Sales Managers', 'Contractors', 'Domain Users']);
    expect(p.mfaAsked).toBe(false);
    expect(p.acs.status).toBe(303);
    expect(new URL(p.acs.location!).pathname).toBe('/My');
    expect(p.ua.cookies.has('.ASPXAUTH')).toBe(true);
    const me = await whoami(w, p.ua);
    expect(me.result).toMatchObject({ User: 'alice@sim-adfs.example', AuthenticationType: 'Federated', FederationName: 'simadfs' });
    expect([...(me.result!.HostGroups as string[])].sort()).toEqual(['Mgrs-Sales', 'Partner-Guests']);
    expect(withoutEverybody(me.result!.Roles)).toEqual(['Guest Portal Users', 'Sales Portal Users', 'Sales Reports']);
    const landing = await p.ua.follow(p.acs);
    expect(landing.status).toBe(200);
    expect(textById(landing.text, 'user')).toBe('alice@sim-adfs.example');
    expect(listById(landing.text, 'groups').sort()).toEqual(['Mgrs-Sales', 'Partner-Guests']);
    expect(withoutEverybody(listById(landing.text, 'roles'))).toEqual(['Guest Portal Users', 'Sales Portal Users', 'Sales Reports']);
  });

  it('tenant: bob (roles as Group values) gets the partner mapping and the global one for an unmapped-by-partner value', async () => {
    const p = await loginOverHttp(w, 'bob@sim-tenant.example', ['Globex Sales', 'Contractors']);
    expect(p.acs.status).toBe(303);
    const me = await whoami(w, p.ua);
    expect(me.result).toMatchObject({ User: 'bob@sim-tenant.example', FederationName: 'simtenant' });
    expect([...(me.result!.HostGroups as string[])].sort()).toEqual(['External-Contractors', 'Partner-Sales']);
    expect(withoutEverybody(me.result!.Roles)).toEqual(['Guest Portal Users', 'Sales Portal Users']);
  });

  it('an unmapped group value lands with no host group and no partner role', async () => {
    const p = await loginOverHttp(w, 'carol@sim-adfs.example', ['Domain Users']);
    expect(p.acs.status).toBe(303);
    const me = await whoami(w, p.ua);
    expect(me.result).toMatchObject({ User: 'carol@sim-adfs.example', HostGroups: [] });
    expect(withoutEverybody(me.result!.Roles)).toEqual([]);
  });

  it('a user of a partner never federated gets no IdP redirect at HRD (a password challenge, as the tenant answers)', async () => {
    const { redirect, envelope } = await startAuthentication(w, 'dave@never-federated.example');
    expect(redirect).toBeUndefined();
    expect(envelope.success).toBe(true);
    expect(Array.isArray(envelope.Result?.Challenges)).toBe(true);
  });

  it('a Response signed with the wrong key (an impostor with the federated entityID) is refused: ERR_SIGNATURE_INVALID, no session', async () => {
    const impostor = await startIdp({ flavour: 'adfs', entityId: w.adfs.entityId, keyPem: key('attacker.key.pem'), certPem: key('attacker.crt.pem'), encryptionKeyPem: key('idp-encryption.key.pem'), encryptionCertPem: key('idp-encryption.crt.pem'), now: () => w.clock.now });
    try {
      const { redirect } = await startAuthentication(w, 'alice@sim-adfs.example');
      const signed = await signInAt(redirectTo(redirect!, impostor), 'alice@sim-adfs.example', { groups: ['Sales Managers'] });
      await expectRefused(w, await postToAcs(w, 'alice@sim-adfs.example', signed.acsUrl, signed.samlResponse, signed.relayState), 'ERR_SIGNATURE_INVALID');
    } finally {
      await impostor.stop();
    }
  });

  it('a replayed Response is refused: ERR_ASSERTION_REPLAYED, no second session', async () => {
    const first = await loginOverHttp(w, 'alice@sim-adfs.example', ['Sales Managers']);
    expect(first.acs.status).toBe(303);
    const again = await postToAcs(w, 'alice@sim-adfs.example', first.acs.url, first.samlResponse, first.relayState);
    await expectRefused(w, again, 'ERR_ASSERTION_REPLAYED');
  });

  it('an expired Response (the sandbox clock 9 minutes on: past the bearer 5 min + 3 min skew, the AuthnRequest still pending) is refused: ERR_ASSERTION_SUBJECT_EXPIRED, no session', async () => {
    const { redirect } = await startAuthentication(w, 'bob@sim-tenant.example');
    const signed = await signInAt(redirect!, 'bob@sim-tenant.example', { groups: ['Globex Sales'] });
    w.clock.now = new Date(NOW.getTime() + 9 * 60_000);
    try {
      await expectRefused(w, await postToAcs(w, 'bob@sim-tenant.example', signed.acsUrl, signed.samlResponse, signed.relayState), 'ERR_ASSERTION_SUBJECT_EXPIRED');
    } finally {
      w.clock.now = NOW;
    }
  });

  it('a Response for another SP (audience) is refused: ERR_ASSERTION_AUDIENCE_MISMATCH, no session', async () => {
    const { redirect } = await startAuthentication(w, 'alice@sim-adfs.example');
    const request = requestOf(redirect!);
    const acsUrl = `${w.sb.url}/My`;
    const issued = await w.adfs.issue({ request: { id: request.id, acsUrl, spEntityId: 'https://other-sp.example/saml2' }, user: { name: 'alice@sim-adfs.example', groups: ['Sales Managers'] } });
    await expectRefused(w, await postToAcs(w, 'alice@sim-adfs.example', acsUrl, issued.samlResponse, request.relayState), 'ERR_ASSERTION_AUDIENCE_MISMATCH');
  });
});

describe('partner login over HTTP, MFA on for federated logins', () => {
  let w: World;
  beforeAll(async () => {
    w = await startWorld({ mfa: true });
  }, 120_000);
  afterAll(() => w?.stop());

  for (const [flavour, user, groups, hostGroups] of [
    ['adfs', 'alice@sim-adfs.example', ['Sales Managers'], ['Mgrs-Sales']],
    ['tenant', 'bob@sim-tenant.example', ['Globex Sales'], ['Partner-Sales']],
  ] as const) {
    it(`${flavour}: the sandbox asks for the code it logged before starting the session`, async () => {
      const ua = new UserAgent();
      const { redirect } = await startAuthentication(w, user);
      const signed = await signInAt(redirect!, user, { groups: [...groups] });
      const p = await postToAcs(w, user, signed.acsUrl, signed.samlResponse, signed.relayState, ua);
      expect(p.mfaAsked).toBe(true);
      expect(p.acs.status).toBe(303);
      const me = await whoami(w, ua);
      expect(me.result).toMatchObject({ User: user, HostGroups: [...hostGroups] });
    });
  }
});
