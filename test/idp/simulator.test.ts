import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIdp, signInAt, type IdpServer } from '../../src/idp/index.js';
import { verifyResponse, InMemoryReplayCache } from '../../src/assertion/index.js';
import { parseMetadata, detectFlavour } from '../../src/metadata/index.js';
import { parseXml } from '../../src/xml/parse.js';
import { childElements } from '../../src/xml/dom.js';
import { authnRequest, key, postForm, redirectUrl, SP, TEST_KEYS } from './helpers.js';

const NOW = new Date('2026-06-15T12:00:00Z');
const USERS = [
  { name: 'alice@acme.example', groups: ['Sales Managers', 'Contractors'] },
  { name: 'bob@acme.example', groups: ['Domain Users'] },
];
const servers: Record<'adfs' | 'tenant', IdpServer> = {} as never;

beforeAll(async () => {
  servers.adfs = await startIdp({ flavour: 'adfs', ...TEST_KEYS, users: USERS, now: () => NOW });
  servers.tenant = await startIdp({ flavour: 'tenant', keyPem: TEST_KEYS.keyPem, certPem: TEST_KEYS.certPem, users: USERS, now: () => NOW, appKey: '5b1f9a7e-3c2d-4e8f-9a6b-0c1d2e3f4a5b' });
});
afterAll(async () => {
  await Promise.all(Object.values(servers).map((s) => s.stop()));
});

const verify = (idp: IdpServer, samlResponse: string, extra: Record<string, unknown> = {}) =>
  verifyResponse(samlResponse, { idp: parseMetadata(idp.metadataXml), sp: { entityId: SP.entityId, acsUrls: [SP.acsUrl] }, now: NOW, requestId: '_req-1', replayCache: new InMemoryReplayCache(), ...extra });

const kids = (el: import('../../src/xml/tree.js').Element, local: string) => childElements(el).filter((c) => c.localName === local);

describe('metadata: the shape of each flavour', () => {
  it('adfs: served at the AD FS path, signed, WS-Fed RoleDescriptors, encryption KeyDescriptor before signing, claim-URI attributes', async () => {
    const idp = servers.adfs;
    expect(idp.metadataUrl).toBe(`${idp.url}/FederationMetadata/2007-06/FederationMetadata.xml`);
    expect(idp.entityId).toBe(`${idp.url}/adfs/services/trust`);
    expect(idp.ssoUrl).toBe(`${idp.url}/adfs/ls/`);
    const res = await fetch(idp.metadataUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/samlmetadata\+xml/);
    const text = await res.text();
    expect(text).toBe(idp.metadataXml);
    const doc = parseMetadata(text);
    expect(doc.signature.status).toBe('valid');
    const entity = doc.entities[0]!;
    expect(detectFlavour(entity).flavour).toBe('adfs');
    const root = parseXml(text).root;
    expect(kids(root, 'RoleDescriptor').map((r) => r.getAttributeNS('http://www.w3.org/2001/XMLSchema-instance', 'type'))).toEqual(['fed:ApplicationServiceType', 'fed:SecurityTokenServiceType']);
    const idpRole = kids(root, 'IDPSSODescriptor')[0]!;
    expect(kids(idpRole, 'KeyDescriptor').map((k) => k.getAttribute('use'))).toEqual(['encryption', 'signing']);
    const attrs = kids(idpRole, 'Attribute').map((a) => a.getAttribute('Name'));
    expect(attrs).toContain('http://schemas.xmlsoap.org/claims/Group');
    expect(attrs).toContain('http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn');
    expect(kids(idpRole, 'SingleSignOnService').map((s) => s.getAttribute('Location'))).toEqual([idp.ssoUrl, idp.ssoUrl]);
  });

  it('tenant: entityID <base>/<app key>, /applogin/appKey SSO, one KeyDescriptor without use, the Email Address attribute, unsigned', async () => {
    const idp = servers.tenant;
    const appKey = '5b1f9a7e-3c2d-4e8f-9a6b-0c1d2e3f4a5b';
    expect(idp.entityId).toBe(`${idp.url}/${appKey}`);
    expect(idp.ssoUrl).toBe(`${idp.url}/applogin/appKey/${appKey}/customerId/PTR0001`);
    expect(idp.metadataUrl).toBe(`${idp.url}/saasManage/DownloadSAMLMetadataForApp?appkey=${appKey}&customerid=PTR0001`);
    const text = await (await fetch(idp.metadataUrl)).text();
    const doc = parseMetadata(text);
    expect(doc.signature.status).toBe('unsigned');
    expect(detectFlavour(doc.entities[0]!).flavour).toBe('tenant');
    const idpRole = kids(parseXml(text).root, 'IDPSSODescriptor')[0]!;
    const kds = kids(idpRole, 'KeyDescriptor');
    expect(kds.length).toBe(1);
    expect(kds[0]!.hasAttribute('use')).toBe(false);
    expect(kids(idpRole, 'Attribute').map((a) => a.getAttribute('Name'))).toEqual(['Email Address']);
    expect(kids(idpRole, 'NameIDFormat').length).toBe(8);
  });

  it('generates its own keys when none are given, named like the product names them', async () => {
    const idp = await startIdp({ flavour: 'tenant', now: () => NOW });
    try {
      const { X509Certificate } = await import('node:crypto');
      const cert = new X509Certificate(idp.certificatePem);
      expect(cert.subject).toBe('CN=Centrify Customer PTR0001 Application Signing Certificate');
      expect(cert.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
      // 16 octets, the first 01: a minimal DER INTEGER for any random octets after it.
      expect(cert.serialNumber).toMatch(/^01[0-9A-F]{30}$/);
      expect(new Date(cert.validTo).getTime()).toBeGreaterThan(NOW.getTime() + 5 * 365 * 86400_000);
    } finally {
      await idp.stop();
    }
  }, 30_000);
});

describe('login: AuthnRequest in, signed Response out, verified by samlfed', () => {
  it('adfs over HTTP-Redirect: assertion-only signature, Consent, persistent NameID, groups in the Group claim, InResponseTo and RelayState kept', async () => {
    const idp = servers.adfs;
    const r = await signInAt(redirectUrl(idp.ssoUrl, authnRequest(), 'relay-42'), 'alice@acme.example');
    expect(r.acsUrl).toBe(SP.acsUrl);
    expect(r.relayState).toBe('relay-42');
    const xml = Buffer.from(r.samlResponse, 'base64').toString('utf8');
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><samlp:Response [^>]*Consent="urn:oasis:names:tc:SAML:2.0:consent:unspecified"/);
    expect(xml).toContain('<Assertion ID="');
    expect(xml).toContain('IssueInstant="2026-06-15T12:00:00.000Z"');
    const login = await verify(idp, r.samlResponse);
    expect(login.signedElement).toBe('assertion');
    expect(login.issuer).toBe(idp.entityId);
    expect(login.inResponseTo).toBe('_req-1');
    expect(login.nameId.format).toBe('urn:oasis:names:tc:SAML:2.0:nameid-format:persistent');
    expect(login.nameId.value).not.toContain('alice');
    expect(login.attributes['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn']).toEqual(['alice@acme.example']);
    expect(login.groups).toEqual(['Sales Managers', 'Contractors']);
  });

  it('tenant over HTTP-POST: Response and assertion signed, NameID = login name, roles as Group values, UserPrincipalName and Email Address', async () => {
    const idp = servers.tenant;
    const page = await postForm(idp.ssoUrl, { SAMLRequest: Buffer.from(authnRequest()).toString('base64'), RelayState: 'r' });
    expect(page.status).toBe(200);
    for (const id of ['login-form', 'username', 'groups', 'submit']) expect(page.text).toContain(`id="${id}"`);
    const request = /name="request" value="([^"]+)"/.exec(page.text)![1]!;
    const done = await postForm(`${idp.url}/_idp/login`, { request, username: 'bob@acme.example', groups: 'Globex Sales\r\nGlobex Interns\n\nGlobex Sales' });
    expect(done.status).toBe(200);
    expect(done.text).toContain(`<form id="saml-post-form" method="post" action="${SP.acsUrl}">`);
    expect(done.text).toContain('<input type="hidden" name="RelayState" value="r">');
    const samlResponse = /name="SAMLResponse" value="([^"]+)"/.exec(done.text)![1]!;
    const login = await verify(idp, samlResponse);
    expect(login.signedElement).toBe('both');
    expect(login.nameId).toEqual({ value: 'bob@acme.example', format: 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified' });
    expect(login.attributes.UserPrincipalName).toEqual(['bob@acme.example']);
    expect(login.attributes['Email Address']).toEqual(['bob@acme.example']);
    expect(login.groups).toEqual(['Globex Sales', 'Globex Interns']);
    expect(login.warnings).toEqual([]);
  });

  it('a user typed on the form without groups sends no Group attribute; a --users user without a groups field gets hers', async () => {
    const idp = servers.adfs;
    const none = await signInAt(redirectUrl(idp.ssoUrl, authnRequest()), 'carol@acme.example');
    expect((await verify(idp, none.samlResponse)).groups).toEqual([]);
    const bob = await signInAt(redirectUrl(idp.ssoUrl, authnRequest()), 'BOB@acme.example');
    expect((await verify(idp, bob.samlResponse)).groups).toEqual(['Domain Users']);
  });

  it('encrypts the signed assertion to --encrypt-to (AES-256-GCM, RSA-OAEP) and samlfed decrypts it', async () => {
    const idp = await startIdp({ flavour: 'adfs', ...TEST_KEYS, now: () => NOW, encryptToCertPem: key('sp-encryption.crt.pem') });
    try {
      const r = await signInAt(redirectUrl(idp.ssoUrl, authnRequest()), 'alice@acme.example', { groups: ['Secret Group Value'] });
      const xml = Buffer.from(r.samlResponse, 'base64').toString('utf8');
      expect(xml).toContain('<EncryptedAssertion xmlns="urn:oasis:names:tc:SAML:2.0:assertion">');
      expect(xml).toContain('http://www.w3.org/2009/xmlenc11#aes256-gcm');
      expect(xml).not.toContain('Secret Group Value');
      const login = await verify(idp, r.samlResponse, { decryptionKeys: [key('sp-encryption.key.pem')] });
      expect(login.groups).toEqual(['Secret Group Value']);
      await expect(verify(idp, r.samlResponse)).rejects.toMatchObject({ code: 'ERR_ASSERTION_ENCRYPTED_NO_KEYS' });
    } finally {
      await idp.stop();
    }
  });

  it('NameID modes: email; none (AD FS without a NameID rule) is refused by samlfed with ERR_ASSERTION_NO_NAMEID', async () => {
    const idp = servers.adfs;
    const request = { id: '_req-1', acsUrl: SP.acsUrl, spEntityId: SP.entityId };
    const email = await idp.issue({ request, user: { name: 'alice@acme.example', groups: [] }, nameId: 'email' });
    expect((await verify(idp, email.samlResponse)).nameId.format).toBe('urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress');
    const none = await idp.issue({ request, user: { name: 'alice@acme.example', groups: [] }, nameId: 'none' });
    expect(none.xml).not.toContain('NameID');
    await expect(verify(idp, none.samlResponse)).rejects.toMatchObject({ code: 'ERR_ASSERTION_NO_NAMEID' });
  });

  it('issue(): a Response for another SP is refused on audience; one issued an hour ago is expired', async () => {
    const idp = servers.tenant;
    const other = await idp.issue({ request: { id: '_req-1', acsUrl: SP.acsUrl, spEntityId: 'https://other-sp.example/' }, user: { name: 'a@b.example', groups: [] } });
    await expect(verify(idp, other.samlResponse)).rejects.toMatchObject({ code: 'ERR_ASSERTION_AUDIENCE_MISMATCH' });
    const old = await idp.issue({ request: { id: '_req-1', acsUrl: SP.acsUrl, spEntityId: SP.entityId }, user: { name: 'a@b.example', groups: [] }, now: new Date(NOW.getTime() - 3600_000) });
    await expect(verify(idp, old.samlResponse)).rejects.toMatchObject({ code: 'ERR_ASSERTION_SUBJECT_EXPIRED' });
  });

  it('entityId override: an impostor with the federated IdP\'s entityID but another key is refused by samlfed', async () => {
    const impostor = await startIdp({ flavour: 'adfs', entityId: servers.adfs.entityId, keyPem: key('attacker.key.pem'), certPem: key('attacker.crt.pem'), ...{ encryptionKeyPem: TEST_KEYS.encryptionKeyPem, encryptionCertPem: TEST_KEYS.encryptionCertPem }, now: () => NOW });
    try {
      expect(impostor.entityId).toBe(servers.adfs.entityId);
      const r = await signInAt(redirectUrl(impostor.ssoUrl, authnRequest()), 'alice@acme.example');
      await expect(verify(servers.adfs, r.samlResponse)).rejects.toMatchObject({ code: 'ERR_SIGNATURE_INVALID' });
    } finally {
      await impostor.stop();
    }
  });

  it('values with XML and HTML metacharacters arrive intact (escaped, never interpreted)', async () => {
    const idp = servers.tenant;
    const groups = ['R&D <lab>', `"quoted" 'single'`, ']]>'];
    const r = await signInAt(redirectUrl(idp.ssoUrl, authnRequest(), '<b>&'), 'o\'brien@acme.example', { groups });
    expect(r.relayState).toBe('<b>&');
    const login = await verify(idp, r.samlResponse);
    expect(login.groups).toEqual(groups);
    expect(login.nameId.value).toBe("o'brien@acme.example");
  });
});
