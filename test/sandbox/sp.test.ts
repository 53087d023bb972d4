import { createPublicKey, verify } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { federationForm, NATIVE, startTestSandbox, type Envelope, type TestSandbox } from '../helpers/sandbox.js';
import { NOW, partnerResponse, TENANT_IDP } from './saml.js';

let sb: TestSandbox;
let token: string;
let acsUrl: string;
let spEntityId: string;
beforeAll(async () => {
  sb = await startTestSandbox({ now: () => NOW });
  token = await sb.login();
  acsUrl = `${sb.url}/My`;
  spEntityId = `${sb.url}/Federation/federationmetadata`;
});
afterAll(() => sb.stop());
beforeEach(async () => {
  await sb.fetch('/_sandbox/reset', { method: 'POST' });
  const fed = (await (await sb.fetch('/Federation/CreateFederation', { method: 'POST', headers: { ...NATIVE, Authorization: `Bearer ${token}` }, body: federationForm({ Domains: 'acme.example', Mappings: '[{"AttributeValue":"Sales","GroupName":"AcmeSales"}]' }) })).json()) as Envelope;
  expect(fed.success).toBe(true);
  await sb.call('/Federation/UpdateGlobalGroupAssertionMappings', { Mappings: [{ AttributeValue: 'Sales', GroupName: 'GlobalSales' }, { AttributeValue: 'Team', GroupName: 'TeamGroup' }] }, token);
  const role = await sb.call<{ _RowKey: string }>('/SaasManage/StoreRole', { Name: 'Partner Sales', Groups: ['AcmeSales'] }, token);
  expect(role.success).toBe(true);
});

/** HRD through the API: the AuthnRequest's ID (for InResponseTo) and the redirect URL. */
async function discover(user: string): Promise<{ id: string; url: URL; xml: string }> {
  const r = await sb.call<{ IdpRedirectUrl: string; IdpLoginSessionId: string }>('/Security/StartAuthentication', { User: user, Version: '1.0' });
  expect(r.success).toBe(true);
  const url = new URL(r.Result.IdpRedirectUrl);
  const xml = inflateRawSync(Buffer.from(url.searchParams.get('SAMLRequest')!, 'base64')).toString('utf8');
  return { id: r.Result.IdpLoginSessionId, url, xml };
}

const postAcs = (samlResponse: string) => sb.fetch('/My', { method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ SAMLResponse: samlResponse, RelayState: 'x' }) });
const sessionCookie = (r: Response) => r.headers.getSetCookie().find((c) => c.startsWith('.ASPXAUTH='))?.split(';')[0];
const codeOn = async (r: Response) => /id="error-code">([^<]*)</.exec(await r.text())?.[1];

describe('the sandbox as the tenant SP (issue 12)', () => {
  it('HRD gives a signed HTTP-Redirect AuthnRequest to the partner SSO endpoint', async () => {
    const { id, url, xml } = await discover('alice@ACME.example');
    expect(`${url.origin}${url.pathname}`).toBe('https://partner.my.idaptive.app/applogin/appKey/5b1f9a7e-3c2d-4e8f-9a6b-0c1d2e3f4a5b/customerId/ABC1234');
    expect(xml).toContain(`ID="${id}"`);
    expect(xml).toContain(`AssertionConsumerServiceURL="${acsUrl}"`);
    expect(xml).toContain(`<saml:Issuer>${spEntityId}</saml:Issuer>`);
    // SAML bindings §3.4.4.1: the signature covers SAMLRequest, RelayState, SigAlg as sent.
    const raw = url.search.slice(1);
    const signedPart = raw.slice(0, raw.indexOf('&Signature='));
    const cert = await (await sb.fetch('/Federation/SPSigningCertificate?format=pem')).text();
    expect(verify('sha256', Buffer.from(signedPart), createPublicKey(cert), Buffer.from(url.searchParams.get('Signature')!, 'base64'))).toBe(true);
  });

  it('a verified Response starts a session with the host groups (partner mapping wins) and roles', async () => {
    const { id } = await discover('alice@acme.example');
    const r = await postAcs(partnerResponse({ acs: acsUrl, audience: spEntityId, inResponseTo: id, user: 'alice@acme.example', groups: ['Sales', 'Team', 'Unmapped'] }));
    expect(r.status).toBe(303);
    expect(r.headers.get('location')).toBe('/My');
    const cookie = sessionCookie(r)!;
    expect(cookie).toBeDefined();
    const page = await (await sb.fetch('/My', { headers: { Cookie: cookie } })).text();
    expect(page).toContain('<span id="user">alice@acme.example</span>');
    expect(/<ul id="groups">(.*?)<\/ul>/.exec(page)![1]).toBe('<li>AcmeSales</li><li>TeamGroup</li>');
    expect(/<ul id="roles">(.*?)<\/ul>/.exec(page)![1]).toBe('<li>Partner Sales</li>');
    const who = (await (await sb.fetch('/Security/whoami', { method: 'POST', headers: { ...NATIVE, Cookie: cookie }, body: '{}' })).json()) as Envelope<Record<string, unknown>>;
    expect(who.Result).toMatchObject({ User: 'alice@acme.example', AuthenticationType: 'Federated', HostGroups: ['AcmeSales', 'TeamGroup'], Roles: ['Partner Sales'], GroupAttributeValues: ['Sales', 'Team', 'Unmapped'] });
  });

  it('an unmapped user lands with no host group and no role', async () => {
    const { id } = await discover('bob@acme.example');
    const r = await postAcs(partnerResponse({ acs: acsUrl, audience: spEntityId, inResponseTo: id, user: 'bob@acme.example', groups: ['Nothing'] }));
    const page = await (await sb.fetch('/My', { headers: { Cookie: sessionCookie(r)! } })).text();
    expect(page).toContain('<ul id="groups"></ul>');
    expect(page).toContain('<ul id="roles"></ul>');
  });

  const refusals: [string, (id: string) => string, string][] = [
    ['a Response signed with another key', (id) => partnerResponse({ acs: acsUrl, audience: spEntityId, inResponseTo: id, user: 'eve@acme.example', groups: ['Sales'], key: 'attacker' }), 'ERR_SIGNATURE_INVALID'],
    ['an expired Response', (id) => partnerResponse({ acs: acsUrl, audience: spEntityId, inResponseTo: id, user: 'a@acme.example', groups: [], expiresIn: -600 }), 'ERR_ASSERTION_SUBJECT_EXPIRED'],
    ['a Response for another SP', (id) => partnerResponse({ acs: acsUrl, audience: 'https://other-sp.example/', inResponseTo: id, user: 'a@acme.example', groups: [] }), 'ERR_ASSERTION_AUDIENCE_MISMATCH'],
    ['a Response to a request the SP never issued', () => partnerResponse({ acs: acsUrl, audience: spEntityId, inResponseTo: '_never', user: 'a@acme.example', groups: [] }), 'ERR_RESPONSE_UNSOLICITED_IN_RESPONSE_TO'],
    ['a Response from an IdP no federation trusts', (id) => partnerResponse({ acs: acsUrl, audience: spEntityId, user: 'a@acme.example', groups: [], issuer: 'https://stranger.example/idp', id: `_x${id}` }), 'ERR_SANDBOX_ACS_UNKNOWN_IDP'],
  ];
  for (const [what, build, code] of refusals) {
    it(`refuses ${what}: error code on the page and in the request log, no session`, async () => {
      const { id } = await discover('alice@acme.example');
      const r = await postAcs(build(id));
      expect(r.status).toBe(403);
      expect(sessionCookie(r)).toBeUndefined();
      const shown = await codeOn(r);
      expect(shown).toBe(code);
      const log = await sb.adminApi<{ requests: { path: string; code?: string; message?: string }[] }>('requests');
      const entry = log.requests.filter((e) => e.path === '/My').at(-1)!;
      expect(entry.code).toBe(shown);
      expect(entry.message).toBeTruthy();
    });
  }

  it('refuses a replayed Response with ERR_ASSERTION_REPLAYED', async () => {
    const { id } = await discover('alice@acme.example');
    const response = partnerResponse({ acs: acsUrl, audience: spEntityId, inResponseTo: id, user: 'alice@acme.example', groups: ['Sales'] });
    expect((await postAcs(response)).status).toBe(303);
    const again = await postAcs(response);
    expect(again.status).toBe(403);
    expect(sessionCookie(again)).toBeUndefined();
    expect(await codeOn(again)).toBe('ERR_ASSERTION_REPLAYED');
  });

  it('the login page does HRD for partner users and refuses a domain without a federation', async () => {
    const page = await (await sb.fetch('/login')).text();
    expect(page).toContain('id="username"');
    expect(page).toContain('id="next"');
    const go = await sb.fetch('/login', { method: 'POST', redirect: 'manual', body: new URLSearchParams({ username: 'carol@acme.example' }) });
    expect(go.status).toBe(302);
    expect(go.headers.get('location')).toMatch(/^https:\/\/partner\.my\.idaptive\.app\/applogin\/.*\?SAMLRequest=/);
    const no = await sb.fetch('/login', { method: 'POST', redirect: 'manual', body: new URLSearchParams({ username: 'dave@nowhere.example' }) });
    expect(no.status).toBe(403);
    expect(await codeOn(no)).toBe('ERR_SANDBOX_HRD_NO_FEDERATION');
    expect((await sb.fetch('/My', { redirect: 'manual' })).headers.get('location')).toBe('/login');
  });

  it('asks federated users for a second factor when the login policy has FederatedLoginAllowsMfa', async () => {
    const links = await sb.call<{ Results: { Row: Record<string, unknown> }[] }>('/Policy/GetNicePlinks', {}, token);
    const current = links.Result.Results.map((r) => ({ PolicySet: r.Row['PolicySet'], LinkType: r.Row['LinkType'], Params: r.Row['Params'] }));
    const saved = await sb.call('/Policy/SavePolicyBlock3', { plinks: [{ PolicySet: '/Policy/Partners', LinkType: 'Global', Params: [] }, ...current], policy: { Path: '/Policy/Partners', Settings: { AuthenticationEnabled: true, '/Core/Authentication/FederatedLoginAllowsMfa': true }, Newpolicy: true } }, token);
    expect(saved.success).toBe(true);
    const mfaRound = async (answer: (code: string) => string) => {
      const { id } = await discover('alice@acme.example');
      const r = await postAcs(partnerResponse({ acs: acsUrl, audience: spEntityId, inResponseTo: id, user: 'alice@acme.example', groups: ['Sales'] }));
      expect(r.status).toBe(200);
      expect(sessionCookie(r)).toBeUndefined();
      const html = await r.text();
      expect(html).toContain('id="mfa-code"');
      const sessionId = /name="SessionId" value="([^"]+)"/.exec(html)![1]!;
      const codes = await sb.adminApi<{ codes: { sessionId: string; code: string }[] }>('codes?user=alice@acme.example');
      const code = codes.codes.find((c) => c.sessionId === sessionId)!.code;
      return sb.fetch('/My/Mfa', { method: 'POST', redirect: 'manual', body: new URLSearchParams({ SessionId: sessionId, code: answer(code) }) });
    };
    const wrong = await mfaRound((c) => (c === '000000' ? '111111' : '000000'));
    expect(wrong.status).toBe(403);
    expect(await codeOn(wrong)).toBe('ERR_SANDBOX_MFA_FAILED');
    expect(sessionCookie(wrong)).toBeUndefined();
    const right = await mfaRound((c) => c);
    expect(right.status).toBe(303);
    const page = await (await sb.fetch('/My', { headers: { Cookie: sessionCookie(right)! } })).text();
    expect(/<ul id="roles">(.*?)<\/ul>/.exec(page)![1]).toBe('<li>Partner Sales</li>');
  });
});

describe('partner MFA through the Default Policy (what onboard sets when no Global link exists)', () => {
  it('asks for the code when FederatedLoginAllowsMfa is set on the Default Policy, and not before', async () => {
    const { id } = await discover('alice@acme.example');
    const before = await postAcs(partnerResponse({ acs: acsUrl, audience: spEntityId, inResponseTo: id, user: 'alice@acme.example', groups: ['Sales'] }));
    expect(before.status).toBe(303);
    const block = await sb.call<{ RevStamp: string; Settings: Record<string, unknown> }>('/Policy/GetPolicyBlock', { name: '/Policy/Default Policy' }, token);
    expect(block.Result.Settings['AuthenticationEnabled']).toBe(true);
    const links = await sb.call<{ Results: { Row: Record<string, unknown> }[] }>('/Policy/GetNicePlinks', {}, token);
    const plinks = links.Result.Results.map((r) => ({ PolicySet: r.Row['PolicySet'], LinkType: r.Row['LinkType'], Params: r.Row['Params'] }));
    const saved = await sb.call('/Policy/SavePolicyBlock3', { plinks, policy: { Path: '/Policy/Default Policy', Settings: { ...block.Result.Settings, '/Core/Authentication/FederatedLoginAllowsMfa': 'true' }, Newpolicy: false, RevStamp: block.Result.RevStamp } }, token);
    expect(saved.success).toBe(true);
    const { id: id2 } = await discover('alice@acme.example');
    const after = await postAcs(partnerResponse({ acs: acsUrl, audience: spEntityId, inResponseTo: id2, user: 'alice@acme.example', groups: ['Sales'] }));
    expect(after.status).toBe(200);
    expect(await after.text()).toContain('id="mfa-code"');
    expect(sessionCookie(after)).toBeUndefined();
  });
});

describe('ACS edge cases', () => {
  it('refuses a second, different Response to an answered AuthnRequest, and a POST without SAMLResponse', async () => {
    const { id } = await discover('alice@acme.example');
    expect((await postAcs(partnerResponse({ acs: acsUrl, audience: spEntityId, inResponseTo: id, user: 'alice@acme.example', groups: ['Sales'] }))).status).toBe(303);
    const second = await postAcs(partnerResponse({ acs: acsUrl, audience: spEntityId, inResponseTo: id, user: 'mallory@acme.example', groups: ['Sales'] }));
    expect(second.status).toBe(403);
    expect(sessionCookie(second)).toBeUndefined();
    expect(await codeOn(second)).toBe('ERR_SANDBOX_ACS_REQUEST_USED');
    const empty = await sb.fetch('/My', { method: 'POST', redirect: 'manual', body: new URLSearchParams({ RelayState: 'x' }) });
    expect(empty.status).toBe(400);
    expect(await codeOn(empty)).toBe('ERR_SANDBOX_ACS_INVALID');
    const garbage = await postAcs('not base64 at all!');
    expect(garbage.status).toBe(403);
    expect(await codeOn(garbage)).toBe('ERR_RESPONSE_ENCODING');
  });
});
