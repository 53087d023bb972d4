import { describe, expect, test } from 'vitest';
import { corpusFile } from './corpus.js';
import { verifyResponse, InMemoryReplayCache } from '../src/assertion/index.js';
import { parseMetadata } from '../src/metadata/index.js';
import { SamlfedError } from '../src/errors.js';

// ../shared/corpus/responses/okta-response.xml: a real Okta response, Response and assertion both signed.
const SP_URL = 'https://staging-nginz-https.zinfra.io/sso/finalize-login';
const NOW = new Date('2018-11-01T16:00:00Z');
const REQUEST_ID = '_95bc5c57-2c97-4c98-96cc-af287cc4a9c0';

const idp = parseMetadata(corpusFile('metadata', 'okta-idp.xml'));
const response = corpusFile('responses', 'okta-response.xml').toString('utf8');
const options = () => ({ idp, sp: { entityId: SP_URL, acsUrls: [SP_URL] }, now: NOW, requestId: REQUEST_ID, replayCache: new InMemoryReplayCache({ now: () => NOW }) });

async function codeOf(xml: string): Promise<string> {
  try {
    await verifyResponse(xml, options());
  } catch (e) {
    if (e instanceof SamlfedError) return e.code;
    throw e;
  }
  return 'VALID';
}

describe('real Okta response', () => {
  test('verifies against the Okta metadata', async () => {
    const login = await verifyResponse(response, options());
    expect(login.signedElement).toBe('both');
    expect(login.issuer).toBe('http://www.okta.com/exkh52ytxrJeMH5140h7');
    expect(login.nameId).toEqual({ value: 'matthias.fischmann@wire.com', format: 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified' });
    expect(login.assertionId).toBe('id4815746896740021388954407');
    expect(login.responseId).toBe('id48157468966379431619609017');
    expect(login.inResponseTo).toBe(REQUEST_ID);
    expect(login.sessionIndex).toBe(REQUEST_ID);
    expect(login.notOnOrAfter?.toISOString()).toBe('2018-11-01T16:04:35.056Z');
    expect(login.warnings).toEqual([]);
  });

  test('also as the base64 SAMLResponse form value', async () => {
    const login = await verifyResponse(Buffer.from(response).toString('base64'), options());
    expect(login.nameId.value).toBe('matthias.fischmann@wire.com');
  });

  test('one changed character of the NameID: digest mismatch', async () => {
    const tampered = response.replace('matthias.fischmann@wire.com', 'matthias.fischmanx@wire.com');
    expect(tampered).not.toBe(response);
    expect(await codeOf(tampered)).toBe('ERR_SIGNATURE_DIGEST_MISMATCH');
  });

  test('one changed character of the AuthnContextClassRef: digest mismatch', async () => {
    const tampered = response.replace('PasswordProtectedTransport', 'PasswordProtectedTransporT');
    expect(await codeOf(tampered)).toBe('ERR_SIGNATURE_DIGEST_MISMATCH');
  });

  test('one changed byte of the Response-only content (Status): digest mismatch', async () => {
    const tampered = response.replace('status:Success"/></saml2p:Status>', 'status:Success" /></saml2p:Status>').replace('Version="2.0"><saml2:Issuer', 'Version="2.0" ><saml2:Issuer');
    // Whitespace inside a tag is not signed content (c14n normalises it): the message stays valid.
    expect(await codeOf(tampered)).toBe('VALID');
    const changed = response.replace('IssueInstant="2018-11-01T15:59:35.056Z" Version="2.0"><saml2:Issuer xmlns:saml2', 'IssueInstant="2018-11-01T15:59:35.057Z" Version="2.0"><saml2:Issuer xmlns:saml2');
    expect(changed).not.toBe(response);
    expect(await codeOf(changed)).toBe('ERR_SIGNATURE_DIGEST_MISMATCH');
  });

  test('wrong request ID, later clock, other SP are rejected with their codes', async () => {
    await expect(verifyResponse(response, { ...options(), requestId: '_other' })).rejects.toMatchObject({ code: 'ERR_RESPONSE_IN_RESPONSE_TO_MISMATCH' });
    await expect(verifyResponse(response, { ...options(), now: new Date('2018-11-01T16:08:00Z') })).rejects.toMatchObject({ code: 'ERR_ASSERTION_SUBJECT_EXPIRED' });
    await expect(verifyResponse(response, { ...options(), sp: { entityId: 'https://other.example/', acsUrls: [SP_URL] } })).rejects.toMatchObject({ code: 'ERR_ASSERTION_AUDIENCE_MISMATCH' });
  });
});
