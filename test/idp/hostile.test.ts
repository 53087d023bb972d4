import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deflateRawSync } from 'node:zlib';
import { startIdp, type IdpServer } from '../../src/idp/index.js';
import { authnRequest, errorCodeOf, key, postForm, redirectUrl, TEST_KEYS } from './helpers.js';

let idp: IdpServer;
beforeAll(async () => {
  idp = await startIdp({ flavour: 'adfs', ...TEST_KEYS });
});
afterAll(() => idp.stop());

const get = async (url: string) => {
  const res = await fetch(url);
  return { status: res.status, text: await res.text() };
};
const raw = (xml: string) => `${idp.ssoUrl}?SAMLRequest=${encodeURIComponent(deflateRawSync(xml).toString('base64'))}`;

describe('hostile AuthnRequests get a 400 page with a stable code, never a crash', () => {
  const cases: Array<[string, () => string, string, RegExp?]> = [
    ['no SAMLRequest', () => idp.ssoUrl, 'ERR_IDP_REQUEST_MISSING'],
    ['not base64', () => `${idp.ssoUrl}?SAMLRequest=%25%25%25`, 'ERR_IDP_REQUEST_ENCODING'],
    ['base64 but not DEFLATE', () => `${idp.ssoUrl}?SAMLRequest=${encodeURIComponent(Buffer.from('<x/>').toString('base64'))}`, 'ERR_IDP_REQUEST_ENCODING'],
    ['a deflate bomb (inflates past 128 KiB)', () => `${idp.ssoUrl}?SAMLRequest=${encodeURIComponent(deflateRawSync(Buffer.alloc(4 * 1024 * 1024, 0x20)).toString('base64'))}`, 'ERR_IDP_REQUEST_TOO_LARGE'],
    ['an encoded value over 64 KiB', () => `${idp.ssoUrl}?SAMLRequest=${'A'.repeat(70_000)}`, 'ERR_IDP_REQUEST_TOO_LARGE'],
    ['a DOCTYPE (billion laughs)', () => raw(`<!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>${authnRequest()}`), 'ERR_IDP_REQUEST_INVALID', /ERR_XML_DOCTYPE/],
    ['malformed XML', () => raw('<samlp:AuthnRequest'), 'ERR_IDP_REQUEST_INVALID', /ERR_XML_MALFORMED/],
    ['too deep', () => raw(authnRequest({ extra: '<a>'.repeat(40) + '</a>'.repeat(40) })), 'ERR_IDP_REQUEST_INVALID', /ERR_XML_TOO_DEEP/],
    ['not an AuthnRequest', () => raw('<samlp:LogoutRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_x" Version="2.0"/>'), 'ERR_IDP_REQUEST_INVALID', /LogoutRequest/],
    ['no ID', () => raw(authnRequest({ id: null })), 'ERR_IDP_REQUEST_INVALID', /ID attribute/],
    ['an artifact ProtocolBinding', () => raw(authnRequest({ binding: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Artifact' })), 'ERR_IDP_REQUEST_INVALID'],
    ['no AssertionConsumerServiceURL', () => raw(authnRequest({ acs: null })), 'ERR_IDP_ACS_MISSING'],
    ['a javascript: ACS', () => raw(authnRequest({ acs: 'javascript:alert(1)' })), 'ERR_IDP_ACS_INVALID'],
    ['an ACS with credentials', () => raw(authnRequest({ acs: 'https://u:p@sp.example/acs' })), 'ERR_IDP_ACS_INVALID'],
    ['no Issuer', () => raw(authnRequest({ issuer: null })), 'ERR_IDP_REQUEST_INVALID', /Issuer/],
    ['SAMLRequest twice', () => `${redirectUrl(idp.ssoUrl, authnRequest())}&SAMLRequest=x`, 'ERR_IDP_REQUEST_INVALID', /at most once/],
    ['a RelayState over 1024 characters', () => redirectUrl(idp.ssoUrl, authnRequest(), 'r'.repeat(1025)), 'ERR_IDP_REQUEST_INVALID', /RelayState/],
  ];
  for (const [name, url, code, message] of cases) {
    it(name, async () => {
      const r = await get(url());
      expect(r.status).toBe(400);
      expect(errorCodeOf(r.text)).toBe(code);
      if (message) expect(r.text).toMatch(message);
    });
  }

  it('a URL past the 96 KiB header limit gets 431, and the server keeps answering', async () => {
    expect((await fetch(`${idp.ssoUrl}?SAMLRequest=${'A'.repeat(200_000)}`)).status).toBe(431);
    expect((await fetch(idp.metadataUrl)).status).toBe(200);
  });

  it('HTTP-POST: wrong content type, oversized body, and the server still answers afterwards', async () => {
    const wrongType = await postForm(idp.ssoUrl, { SAMLRequest: 'x' }, 'text/plain');
    expect([wrongType.status, errorCodeOf(wrongType.text)]).toEqual([400, 'ERR_IDP_REQUEST_INVALID']);
    const big = await postForm(idp.ssoUrl, { SAMLRequest: 'A'.repeat(300 * 1024) });
    expect([big.status, errorCodeOf(big.text)]).toEqual([413, 'ERR_IDP_BODY_TOO_LARGE']);
    expect((await fetch(idp.metadataUrl)).status).toBe(200);
  });

  it('escapes what the SP sent: an Issuer with markup shows as text on the login page', async () => {
    const r = await get(redirectUrl(idp.ssoUrl, authnRequest({ issuer: '&lt;script&gt;alert(1)&lt;/script&gt;' })));
    expect(r.status).toBe(200);
    expect(r.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(r.text).not.toContain('<script>alert(1)');
  });

  it('sends a CSP with a per-page nonce and no-store on pages', async () => {
    const res = await fetch(redirectUrl(idp.ssoUrl, authnRequest()));
    expect(res.headers.get('cache-control')).toBe('no-store');
    const csp = res.headers.get('content-security-policy') ?? '';
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(await res.text()).toContain(`<script nonce="${nonce}">`);
  });
});

describe('the login form', () => {
  const loginKey = async () => /name="request" value="([^"]+)"/.exec((await get(redirectUrl(idp.ssoUrl, authnRequest()))).text)![1]!;

  it('an unknown or already used form key is ERR_IDP_LOGIN_UNKNOWN_REQUEST', async () => {
    const unknown = await postForm(`${idp.url}/_idp/login`, { request: 'nope', username: 'a@b.example' });
    expect([unknown.status, errorCodeOf(unknown.text)]).toEqual([400, 'ERR_IDP_LOGIN_UNKNOWN_REQUEST']);
    const request = await loginKey();
    expect((await postForm(`${idp.url}/_idp/login`, { request, username: 'a@b.example' })).status).toBe(200);
    const again = await postForm(`${idp.url}/_idp/login`, { request, username: 'a@b.example' });
    expect(errorCodeOf(again.text)).toBe('ERR_IDP_LOGIN_UNKNOWN_REQUEST');
  });

  it('an empty user name, control characters, or an over-long group value is ERR_IDP_LOGIN_INVALID', async () => {
    for (const fields of [{ username: '' }, { username: 'a\u0001b' }, { username: 'a@b.example', groups: 'x'.repeat(300) }] as Array<Record<string, string>>) {
      const r = await postForm(`${idp.url}/_idp/login`, { request: await loginKey(), ...fields });
      expect([r.status, errorCodeOf(r.text)]).toEqual([400, 'ERR_IDP_LOGIN_INVALID']);
    }
  });

  it('unknown paths are 404 and other methods on the SSO endpoint 405', async () => {
    expect((await fetch(`${idp.url}/nope`)).status).toBe(404);
    expect((await fetch(idp.ssoUrl, { method: 'PUT' })).status).toBe(405);
  });
});

describe('startIdp refuses bad keys and users', () => {
  it('a certificate that does not match the key is ERR_IDP_KEY_INVALID (no key material in the message)', async () => {
    const e = await startIdp({ flavour: 'tenant', keyPem: TEST_KEYS.keyPem, certPem: key('attacker.crt.pem') }).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'ERR_IDP_KEY_INVALID' });
    expect((e as Error).message).not.toContain('PRIVATE');
  });
  it('an EC key is ERR_IDP_KEY_INVALID; a non-certificate --encrypt-to is ERR_IDP_ENCRYPT_CERT_INVALID', async () => {
    await expect(startIdp({ flavour: 'tenant', keyPem: key('ec-p256.key.pem'), certPem: key('ec-p256.crt.pem') })).rejects.toMatchObject({ code: 'ERR_IDP_KEY_INVALID' });
    await expect(startIdp({ flavour: 'tenant', ...TEST_KEYS, encryptToCertPem: 'not a cert' })).rejects.toMatchObject({ code: 'ERR_IDP_ENCRYPT_CERT_INVALID' });
  });
  it('caller mistakes are TypeErrors', async () => {
    await expect(startIdp({ flavour: 'okta' as never })).rejects.toThrow(TypeError);
    await expect(startIdp({ flavour: 'adfs', keyPem: TEST_KEYS.keyPem })).rejects.toThrow(TypeError);
    await expect(startIdp({ flavour: 'tenant', ...TEST_KEYS, appKey: 'not-a-guid' })).rejects.toThrow(TypeError);
  });
  it('invalid users are ERR_IDP_USERS_INVALID', async () => {
    await expect(startIdp({ flavour: 'tenant', ...TEST_KEYS, users: [{ name: '', groups: [] }] })).rejects.toMatchObject({ code: 'ERR_IDP_USERS_INVALID' });
    await expect(startIdp({ flavour: 'tenant', ...TEST_KEYS, users: [{ name: 'a', groups: [], role: 'x' } as never] })).rejects.toMatchObject({ code: 'ERR_IDP_USERS_INVALID' });
  });
});
