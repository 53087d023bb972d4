/**
 * Red-team: attacker-controlled text on the sandbox's browser pages (the user name typed on /login,
 * the Issuer of a posted SAMLResponse) is HTML-escaped, and every HTML answer carries a CSP that
 * allows no script, style, frame or base URL (finding: the pages had no CSP; escaping held).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGE_CSP } from '../../src/sandbox/dispatch.js';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';

let sb: TestSandbox;
beforeAll(async () => {
  sb = await startTestSandbox();
});
afterAll(() => sb.stop());

const form = (fields: Record<string, string>) => ({ method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString(), redirect: 'manual' as const });
const PAYLOAD = `"><img src=x onerror=alert(1)><script>alert(2)</script>`;

describe('sandbox pages escape attacker text and forbid scripts by CSP', () => {
  it('the CSP allows nothing but same-document content', () => {
    expect(PAGE_CSP).toBe("default-src 'none'; base-uri 'none'; frame-ancestors 'none'");
  });

  it('GET /login: CSP and nosniff headers', async () => {
    const r = await sb.fetch('/login');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-security-policy')).toBe(PAGE_CSP);
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('POST /login with a hostile user name: 403 page, the name escaped, CSP set', async () => {
    const r = await sb.fetch('/login', form({ username: `a@${PAYLOAD}` }));
    const body = await r.text();
    expect(r.status).toBe(403);
    expect(r.headers.get('content-security-policy')).toBe(PAGE_CSP);
    expect(body).toContain('ERR_SANDBOX_HRD_NO_FEDERATION');
    expect(body).toContain('&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(2)&lt;/script&gt;');
    expect(body).not.toContain('<img');
    expect(body).not.toContain('<script');
  });

  it('POST /My with a Response whose Issuer is markup: 403 page, the issuer escaped', async () => {
    const xmlText = PAYLOAD.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const xml = `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_r1" Version="2.0" IssueInstant="2026-01-01T00:00:00Z"><saml:Issuer>${xmlText}</saml:Issuer></samlp:Response>`;
    const r = await sb.fetch('/My', form({ SAMLResponse: Buffer.from(xml).toString('base64') }));
    const body = await r.text();
    expect(r.status).toBe(403);
    expect(r.headers.get('content-security-policy')).toBe(PAGE_CSP);
    expect(body).toContain('<code id="error-code">ERR_SANDBOX_ACS_UNKNOWN_IDP</code>');
    expect(body).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(body).not.toContain('<img');
    expect(body).not.toContain('<script');
  });

  it('the 401 and 404 HTML answers carry the CSP too', async () => {
    const r401 = await sb.fetch('/Security/whoami', { method: 'POST', headers: { 'X-CENTRIFY-NATIVE-CLIENT': 'true' } });
    expect(r401.status).toBe(401);
    expect(r401.headers.get('content-security-policy')).toBe(PAGE_CSP);
    const r404 = await sb.fetch('/nope');
    expect(r404.status).toBe(404);
    expect(r404.headers.get('content-security-policy')).toBe(PAGE_CSP);
  });
});
