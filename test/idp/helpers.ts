import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';

const KEYS = join(import.meta.dirname, '..', 'keys');
export const key = (name: string): string => readFileSync(join(KEYS, name), 'utf8');

/** The project's test keys as the simulator's signing (and AD FS encryption) keys: no key generation in tests. */
export const TEST_KEYS = {
  keyPem: key('idp-signing.key.pem'),
  certPem: key('idp-signing.crt.pem'),
  encryptionKeyPem: key('idp-encryption.key.pem'),
  encryptionCertPem: key('idp-encryption.crt.pem'),
};

export const SP = { entityId: 'https://sp.host.example/saml2', acsUrl: 'http://127.0.0.1:9/My' };

export function authnRequest(opts: { id?: string | null; acs?: string | null; issuer?: string | null; binding?: string; extra?: string } = {}): string {
  const id = opts.id === undefined ? '_req-1' : opts.id;
  const acs = opts.acs === undefined ? SP.acsUrl : opts.acs;
  const issuer = opts.issuer === undefined ? SP.entityId : opts.issuer;
  return (
    `<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"` +
    `${id === null ? '' : ` ID="${id}"`} Version="2.0" IssueInstant="2026-06-15T12:00:00Z"` +
    `${acs === null ? '' : ` AssertionConsumerServiceURL="${acs}"`} ProtocolBinding="${opts.binding ?? 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST'}">` +
    `${issuer === null ? '' : `<saml:Issuer>${issuer}</saml:Issuer>`}${opts.extra ?? ''}</samlp:AuthnRequest>`
  );
}

/** HTTP-Redirect binding URL (SAML bindings 2.0 §3.4.4.1). */
export function redirectUrl(ssoUrl: string, xml: string, relayState?: string): string {
  const q = new URLSearchParams({ SAMLRequest: deflateRawSync(Buffer.from(xml, 'utf8')).toString('base64') });
  if (relayState !== undefined) q.set('RelayState', relayState);
  return `${ssoUrl}?${q}`;
}

export async function postForm(url: string, fields: Record<string, string>, contentType = 'application/x-www-form-urlencoded'): Promise<{ status: number; text: string }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': contentType }, body: new URLSearchParams(fields).toString() });
  return { status: res.status, text: await res.text() };
}

export const errorCodeOf = (html: string): string | undefined => /<code id="error-code">([^<]*)<\/code>/.exec(html)?.[1];
