/**
 * Every response shape in test/fixtures/responses/response.*.{xml,txt} verifies, with the exact
 * expected values (SAML profiles 2.0 §4.1.4 Web Browser SSO response processing).
 */
import { describe, expect, it } from 'vitest';
import { verifyResponse } from '../../src/assertion/verify.js';
import type { VerifiedLogin, VerifyOptions } from '../../src/assertion/types.js';
import {
  ADFS_ISSUER,
  IDP,
  IDP_ADFS,
  IDP_EC,
  IDP_ENTITY_ID,
  IDP_EXPLICIT,
  IDP_TENANT,
  SP_DECRYPTION_KEY,
  STD_ATTRIBUTES,
  TENANT_ISSUER,
  fixture,
  options,
} from './fixtures.js';

const EMAIL = 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress';
const UNSPECIFIED = 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified';
const PPT = 'urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport';

interface Expected {
  issuer: string;
  nameId: { value: string; format?: string };
  attributes: Record<string, string[]>;
  groups: string[];
  signedElement: VerifiedLogin['signedElement'];
  assertionId?: string;
  responseId?: string;
}

const STD: Omit<Expected, 'signedElement'> = {
  issuer: IDP_ENTITY_ID,
  nameId: { value: 'alice@partner.example', format: EMAIL },
  attributes: { ...STD_ATTRIBUTES },
  groups: ['Engineering', 'Partner-Admins'],
  assertionId: '_assert-1',
  responseId: '_resp-1',
};

async function expectLogin(file: string, expected: Expected, overrides: Partial<VerifyOptions> = {}): Promise<VerifiedLogin> {
  const login = await verifyResponse(fixture(file), options(overrides));
  expect(login.issuer).toBe(expected.issuer);
  expect(login.nameId.value).toBe(expected.nameId.value);
  expect(login.nameId.format).toBe(expected.nameId.format);
  expect(login.attributes).toEqual(expected.attributes);
  expect(login.groups).toEqual(expected.groups);
  expect(login.signedElement).toBe(expected.signedElement);
  if (expected.assertionId) expect(login.assertionId).toBe(expected.assertionId);
  if (expected.responseId) expect(login.responseId).toBe(expected.responseId);
  return login;
}

describe('response shapes that must verify', () => {
  it('response.assertion-signed.response-unsigned.xml', async () => {
    const login = await expectLogin('response.assertion-signed.response-unsigned.xml', { ...STD, signedElement: 'assertion' });
    expect(login.warnings).toEqual([]);
    expect(login.sessionIndex).toBe('_session-1');
    expect(login.authnContextClassRef).toBe(PPT);
    expect(login.inResponseTo).toBe('_req-1');
    expect(login.subjectNotOnOrAfter.toISOString()).toBe('2026-06-15T12:05:00.000Z');
    expect(login.notBefore?.toISOString()).toBe('2026-06-15T11:59:00.000Z');
    expect(login.sessionNotOnOrAfter?.toISOString()).toBe('2026-06-15T20:00:00.000Z');
    expect(login.attributeDetails.map((a) => a.name)).toEqual(['urn:oid:0.9.2342.19200300.100.1.3', 'displayName', 'Group']);
  });

  it('the same shape verifies with { entityId, signingCerts } trust', async () => {
    await expectLogin('response.assertion-signed.response-unsigned.xml', { ...STD, signedElement: 'assertion' }, { idp: IDP_EXPLICIT });
  });

  it('response.response-signed.assertion-unsigned.xml', async () => {
    await expectLogin('response.response-signed.assertion-unsigned.xml', { ...STD, signedElement: 'response' });
  });

  it('response.both-signed.xml', async () => {
    await expectLogin('response.both-signed.xml', { ...STD, signedElement: 'both' });
  });

  it('response.key-rollover.xml (signed with the second signing certificate in metadata)', async () => {
    await expectLogin('response.key-rollover.xml', { ...STD, signedElement: 'assertion' });
  });

  it('response.prefix-saml2.xml', async () => {
    await expectLogin('response.prefix-saml2.xml', { ...STD, signedElement: 'assertion' });
  });

  it('response.default-namespace.xml', async () => {
    await expectLogin('response.default-namespace.xml', { ...STD, signedElement: 'assertion' });
  });

  it('response.pretty-printed.xml', async () => {
    await expectLogin('response.pretty-printed.xml', { ...STD, signedElement: 'assertion' });
  });

  it('response.sha512.xml', async () => {
    await expectLogin('response.sha512.xml', { ...STD, signedElement: 'assertion' });
  });

  it('response.no-keyinfo.xml (key from metadata only)', async () => {
    await expectLogin('response.no-keyinfo.xml', { ...STD, signedElement: 'assertion' });
  });

  it('response.base64.txt (SAMLResponse form value, wrapped at 76)', async () => {
    const text = fixture('response.base64.txt');
    expect(text.split('\n')[0]).toHaveLength(76);
    await expectLogin('response.base64.txt', { ...STD, signedElement: 'assertion' });
  });

  it('response.adfs-shaped.xml', async () => {
    const login = await expectLogin(
      'response.adfs-shaped.xml',
      {
        issuer: ADFS_ISSUER,
        nameId: { value: 'alice@partner.example', format: UNSPECIFIED },
        attributes: {
          'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn': ['alice@partner.example'],
          'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress': ['alice@partner.example'],
          'http://schemas.xmlsoap.org/claims/Group': ['Domain Users', 'Partner-Engineering', 'Partner-Admins'],
        },
        groups: ['Domain Users', 'Partner-Engineering', 'Partner-Admins'],
        signedElement: 'assertion',
        assertionId: '_5c8a7b6d-2e1f-4a3b-9c8d-7e6f5a4b3c2d',
        responseId: '_9d3e1f0a-51b2-4c7d-8e6f-0a1b2c3d4e5f',
      },
      { idp: IDP_ADFS },
    );
    expect(login.authnContextClassRef).toBe(PPT);
  });

  it('response.tenant-shaped.xml', async () => {
    const login = await expectLogin(
      'response.tenant-shaped.xml',
      {
        issuer: TENANT_ISSUER,
        nameId: { value: 'alice@partner.example', format: UNSPECIFIED },
        attributes: {
          UserPrincipalName: ['alice@partner.example'],
          Group: ['Partner Engineering', 'Partner Admins', 'Everybody'],
          'Email Address': ['alice@partner.example'],
        },
        groups: ['Partner Engineering', 'Partner Admins', 'Everybody'],
        signedElement: 'both',
      },
      { idp: IDP_TENANT },
    );
    expect(login.warnings).toEqual([]);
  });

  it('response.encrypted-assertion.gcm.xml (AES-256-GCM, RSA-OAEP-MGF1P)', async () => {
    await expectLogin('response.encrypted-assertion.gcm.xml', { ...STD, signedElement: 'assertion' }, { decryptionKeys: [SP_DECRYPTION_KEY] });
  });

  it('response.encrypted-assertion.cbc.xml (AES-128-CBC, xmlenc11 RSA-OAEP SHA-256/MGF1-SHA-256, EncryptedKey via RetrievalMethod)', async () => {
    await expectLogin('response.encrypted-assertion.cbc.xml', { ...STD, signedElement: 'assertion' }, { decryptionKeys: [SP_DECRYPTION_KEY] });
  });

  it('response.encrypted-assertion.rsa15.xml verifies only with allowRsa15', async () => {
    await expectLogin('response.encrypted-assertion.rsa15.xml', { ...STD, signedElement: 'assertion' }, { decryptionKeys: [SP_DECRYPTION_KEY], allowRsa15: true });
    await expect(verifyResponse(fixture('response.encrypted-assertion.rsa15.xml'), options({ decryptionKeys: [SP_DECRYPTION_KEY] }))).rejects.toMatchObject({
      code: 'ERR_ASSERTION_DECRYPT_ALGORITHM',
    });
  });

  it('response.ecdsa-p256.xml', async () => {
    await expectLogin('response.ecdsa-p256.xml', { ...STD, signedElement: 'assertion' }, { idp: IDP_EC });
  });

  it('response.comment-in-nameid.xml returns the whole NameID (a comment never truncates it)', async () => {
    await expectLogin('response.comment-in-nameid.xml', {
      ...STD,
      nameId: { value: 'alice@partner.example.evil.example', format: EMAIL },
      signedElement: 'assertion',
    });
  });

  it('the default IDP fixture is parsed metadata with two signing keys', () => {
    expect(IDP.entities).toHaveLength(1);
  });
});
