import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { verifyResponse, AssertionError, InMemoryReplayCache } from '../../src/assertion/index.js';
import { SamlfedError } from '../../src/errors.js';
import { parseMetadata } from '../../src/metadata/index.js';
import { encryptAssertion } from '../../scripts/fixtures/response-builder.js';
import { signEnveloped } from '../../scripts/fixtures/sign.js';
import { ACS, IDP, KEYS, NOW, REQ, SP, assertionXml, at, buildResponse, options, pem, sign } from './verify-helpers.js';

/** Rejects with a SamlfedError carrying `code`; returns it for further assertions. */
async function rejects(p: Promise<unknown>, code: string): Promise<SamlfedError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(SamlfedError);
    expect((e as SamlfedError).code).toBe(code);
    return e as SamlfedError;
  }
  throw new Error(`expected rejection with ${code}, but it resolved`);
}

function metadataXml(certs: string[], use: string | null = 'signing'): string {
  const kd = certs
    .map((c) => `<md:KeyDescriptor${use ? ` use="${use}"` : ''}><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${c.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '')}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>`)
    .join('');
  return `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${IDP}"><md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">${kd}<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://idp.partner.example/sso"/></md:IDPSSODescriptor></md:EntityDescriptor>`;
}

describe('verifyResponse: accepted shapes', () => {
  test('assertion signed only: values come from the signed assertion', async () => {
    const login = await verifyResponse(sign(buildResponse(), { assertion: true }), options());
    expect(login.signedElement).toBe('assertion');
    expect(login.issuer).toBe(IDP);
    expect(login.nameId).toEqual({ value: 'alice@partner.example', format: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress' });
    expect(login.assertionId).toBe('_assert-1');
    expect(login.responseId).toBe('_resp-1');
    expect(login.inResponseTo).toBe(REQ);
    expect(login.sessionIndex).toBe('_session-1');
    expect(login.authnInstant?.toISOString()).toBe(at(-120));
    expect(login.authnContextClassRef).toBe('urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport');
    expect(login.notBefore?.toISOString()).toBe(at(-60));
    expect(login.notOnOrAfter?.toISOString()).toBe(at(300));
    expect(login.subjectNotOnOrAfter.toISOString()).toBe(at(300));
    expect(login.warnings).toEqual([]);
  });

  test('response signed only', async () => {
    const login = await verifyResponse(sign(buildResponse(), { response: true }), options());
    expect(login.signedElement).toBe('response');
    expect(login.nameId.value).toBe('alice@partner.example');
  });

  test('both signed', async () => {
    const login = await verifyResponse(sign(buildResponse(), { assertion: true, response: true }), options());
    expect(login.signedElement).toBe('both');
  });

  test('IdP from parsed metadata; key rollover: a second signing certificate verifies', async () => {
    const md = parseMetadata(metadataXml([pem('idp-signing.crt.pem'), pem('idp-signing-2.crt.pem')]));
    const xml = sign(buildResponse(), { assertion: true, key: 'idp-signing-2' });
    const login = await verifyResponse(xml, options({ idp: md }));
    expect(login.signedElement).toBe('assertion');
    // The same metadata object again (cached keys) with the first key.
    await verifyResponse(sign(buildResponse({ assertionId: '_a2' }), { assertion: true, assertionId: '_a2' }), options({ idp: md }));
  });

  test('a KeyDescriptor without use counts for signing; an encryption-only key does not', async () => {
    const xml = sign(buildResponse(), { assertion: true });
    await verifyResponse(xml, options({ idp: parseMetadata(metadataXml([pem('idp-signing.crt.pem')], null)) }));
    // Only an encryption key: no usable signing certificate, a caller mistake (TypeError).
    await expect(verifyResponse(xml, options({ idp: parseMetadata(metadataXml([pem('idp-signing.crt.pem')], 'encryption')) }))).rejects.toThrow(/no usable signing certificate/);
  });

  test('signingCerts may be base64 DER (PEM is the default in these tests)', async () => {
    const b64 = readFileSync(join(KEYS, 'idp-signing.crt.der')).toString('base64');
    await verifyResponse(sign(buildResponse(), { assertion: true }), options({ idp: { entityId: IDP, signingCerts: [b64] } }));
  });

  test('base64 input (SAMLResponse form value) with line breaks, as string and bytes', async () => {
    const xml = sign(buildResponse(), { assertion: true });
    const b64 = Buffer.from(xml).toString('base64').replace(/.{76}/g, '$&\r\n');
    expect((await verifyResponse(b64, options())).nameId.value).toBe('alice@partner.example');
    expect((await verifyResponse(Buffer.from(`  ${b64}\n`), options())).nameId.value).toBe('alice@partner.example');
    expect((await verifyResponse(new TextEncoder().encode(xml), options())).nameId.value).toBe('alice@partner.example');
  });

  test('a comment inside NameID does not truncate it (CVE-2017-11427 family)', async () => {
    const xml = sign(buildResponse({ nameId: '<saml:NameID>admin@partner.example<!-- x -->.evil.example</saml:NameID>' }), { assertion: true });
    const login = await verifyResponse(xml, options());
    expect(login.nameId.value).toBe('admin@partner.example.evil.example');
    expect(login.nameId.format).toBeUndefined();
  });

  test('NameID qualifiers are reported', async () => {
    const xml = sign(buildResponse({ nameId: `<saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent" NameQualifier="${IDP}" SPNameQualifier="${SP}">abc123</saml:NameID>` }), { assertion: true });
    expect((await verifyResponse(xml, options())).nameId).toEqual({ value: 'abc123', format: 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent', nameQualifier: IDP, spNameQualifier: SP });
  });

  test('Destination and Response Issuer are optional', async () => {
    const xml = sign(buildResponse({ destination: null, responseIssuer: null }), { assertion: true });
    await verifyResponse(xml, options());
  });
});

describe('verifyResponse: input', () => {
  test('not XML, not base64 -> ERR_RESPONSE_ENCODING', async () => {
    await rejects(verifyResponse('PHNhbWxw%2BOlJlc3BvbnNl', options()), 'ERR_RESPONSE_ENCODING');
    await rejects(verifyResponse('   ', options()), 'ERR_RESPONSE_ENCODING');
  });

  test('base64 that does not decode to XML -> ERR_RESPONSE_ENCODING', async () => {
    await rejects(verifyResponse(Buffer.from('hello world, not xml').toString('base64'), options()), 'ERR_RESPONSE_ENCODING');
  });

  test('size cap before decoding -> ERR_RESPONSE_TOO_LARGE', async () => {
    const xml = sign(buildResponse(), { assertion: true });
    await rejects(verifyResponse(xml, options({ maxBytes: 1000 })), 'ERR_RESPONSE_TOO_LARGE');
    await rejects(verifyResponse(Buffer.from(xml).toString('base64'), options({ maxBytes: 1000 })), 'ERR_RESPONSE_TOO_LARGE');
  });

  test('a DOCTYPE is refused by the hardened parser', async () => {
    await rejects(verifyResponse(`<!DOCTYPE x [<!ENTITY a "b">]>${buildResponse()}`, options()), 'ERR_XML_DOCTYPE');
  });

  test('caller mistakes are TypeErrors', async () => {
    const xml = buildResponse();
    await expect(verifyResponse(xml, { ...options(), sp: { entityId: SP, acsUrls: [] } })).rejects.toBeInstanceOf(TypeError);
    await expect(verifyResponse(xml, { ...options(), idp: { entityId: IDP, signingCerts: [] } })).rejects.toBeInstanceOf(TypeError);
    await expect(verifyResponse(xml, { ...options(), clockSkewSeconds: -1 })).rejects.toBeInstanceOf(TypeError);
  });
});

describe('verifyResponse: envelope', () => {
  test('root must be samlp:Response', async () => {
    await rejects(verifyResponse(assertionXml(), options()), 'ERR_RESPONSE_ROOT');
  });

  test('Version 2.0', async () => {
    await rejects(verifyResponse(buildResponse({ version: '1.1' }), options()), 'ERR_RESPONSE_VERSION');
  });

  test('duplicate IDs anywhere are rejected', async () => {
    const xml = sign(buildResponse({ assertionId: '_resp-1' }), { assertion: true, assertionId: '_resp-1' });
    await rejects(verifyResponse(xml, options()), 'ERR_XML_DUPLICATE_ID');
  });

  test('non-success status reports both status codes and the message', async () => {
    const status =
      '<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Responder"><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:AuthnFailed"/></samlp:StatusCode><samlp:StatusMessage>User locked</samlp:StatusMessage></samlp:Status>';
    const e = await rejects(verifyResponse(buildResponse({ status, assertionXml: '' }), options()), 'ERR_RESPONSE_STATUS');
    expect(e.message).toContain('urn:oasis:names:tc:SAML:2.0:status:Responder');
    expect(e.message).toContain('AuthnFailed');
    expect(e.message).toContain('User locked');
    expect(e.actual).toEqual({ statusCode: 'urn:oasis:names:tc:SAML:2.0:status:Responder', secondLevelStatusCode: 'urn:oasis:names:tc:SAML:2.0:status:AuthnFailed', statusMessage: 'User locked' });
  });

  test('Destination must be an ACS URL exactly', async () => {
    const e = await rejects(verifyResponse(sign(buildResponse({ destination: `${ACS}/` }), { assertion: true }), options()), 'ERR_RESPONSE_DESTINATION_MISMATCH');
    expect(e.message).toContain(ACS);
  });

  test('Response Issuer must be the IdP; Format must be entity', async () => {
    await rejects(verifyResponse(sign(buildResponse({ responseIssuer: 'https://other.example/' }), { assertion: true }), options()), 'ERR_RESPONSE_ISSUER_MISMATCH');
    await rejects(verifyResponse(sign(buildResponse({ issuerFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress' }), { assertion: true }), options()), 'ERR_RESPONSE_ISSUER_FORMAT');
  });

  test('Response InResponseTo must equal the request ID', async () => {
    await rejects(verifyResponse(sign(buildResponse({ inResponseTo: '_other' }), { assertion: true }), options()), 'ERR_RESPONSE_IN_RESPONSE_TO_MISMATCH');
    await rejects(verifyResponse(sign(buildResponse({ inResponseTo: null }), { assertion: true }), options()), 'ERR_RESPONSE_IN_RESPONSE_TO_MISMATCH');
  });

  test('IdP-initiated: InResponseTo present is accepted with a warning, or rejected on request', async () => {
    const xml = sign(buildResponse(), { assertion: true });
    const login = await verifyResponse(xml, options({ requestId: undefined }));
    expect(login.warnings.some((w) => w.includes('InResponseTo'))).toBe(true);
    await rejects(verifyResponse(xml, options({ requestId: undefined, rejectUnsolicitedInResponseTo: true })), 'ERR_RESPONSE_UNSOLICITED_IN_RESPONSE_TO');
    const clean = sign(buildResponse({ inResponseTo: null, scd: { inResponseTo: null } }), { assertion: true });
    const ok = await verifyResponse(clean, options({ requestId: undefined, rejectUnsolicitedInResponseTo: true }));
    expect(ok.inResponseTo).toBeUndefined();
    expect(ok.warnings).toEqual([]);
  });
});

describe('verifyResponse: exactly one assertion', () => {
  test('no assertion', async () => {
    await rejects(verifyResponse(buildResponse({ assertionXml: '' }), options()), 'ERR_RESPONSE_ASSERTION_COUNT');
  });

  test('two assertions', async () => {
    const xml = sign(buildResponse({ afterAssertion: assertionXml({ assertionId: '_assert-2' }) }), { assertion: true });
    await rejects(verifyResponse(xml, options()), 'ERR_RESPONSE_ASSERTION_COUNT');
  });

  test('a second assertion hidden in samlp:Extensions (signature wrapping) is counted', async () => {
    const hidden = `<samlp:Extensions>${assertionXml({ assertionId: '_evil', nameId: '<saml:NameID>admin</saml:NameID>' })}</samlp:Extensions>`;
    const xml = sign(buildResponse({ beforeStatus: hidden }), { assertion: true });
    await rejects(verifyResponse(xml, options()), 'ERR_RESPONSE_ASSERTION_COUNT');
  });

  test('an EncryptedAssertion next to a plain one is counted', async () => {
    const xml = sign(buildResponse({ afterAssertion: '<saml:EncryptedAssertion/>' }), { assertion: true });
    await rejects(verifyResponse(xml, options()), 'ERR_RESPONSE_ASSERTION_COUNT');
  });

  test('the only assertion wrapped below another element is refused', async () => {
    const xml = sign(buildResponse({ assertionXml: `<samlp:Extensions>${assertionXml()}</samlp:Extensions>` }), { assertion: true });
    await rejects(verifyResponse(xml, options()), 'ERR_RESPONSE_ASSERTION_PLACEMENT');
  });

  test('an EncryptedAssertion without decryption keys', async () => {
    const enc = '<saml:EncryptedAssertion><xenc:EncryptedData xmlns:xenc="http://www.w3.org/2001/04/xmlenc#"/></saml:EncryptedAssertion>';
    await rejects(verifyResponse(sign(buildResponse({ assertionXml: enc }), { response: true }), options()), 'ERR_ASSERTION_ENCRYPTED_NO_KEYS');
  });
});

describe('verifyResponse: signatures', () => {
  test('neither signed -> ERR_ASSERTION_UNSIGNED', async () => {
    await rejects(verifyResponse(buildResponse(), options()), 'ERR_ASSERTION_UNSIGNED');
  });

  test('signed by a key that is not the IdP\'s (certificate in KeyInfo is ignored)', async () => {
    const e = await rejects(verifyResponse(sign(buildResponse(), { assertion: true, key: 'attacker' }), options()), 'ERR_SIGNATURE_INVALID');
    expect(e.name).toBe('SignatureError');
  });

  test('a bad Response signature rejects even when the assertion signature is good', async () => {
    const good = sign(buildResponse(), { assertion: true });
    const xml = sign(good, { response: true, key: 'attacker' });
    await rejects(verifyResponse(xml, options()), 'ERR_SIGNATURE_INVALID');
  });

  test('signed content changed after signing -> digest mismatch', async () => {
    const xml = sign(buildResponse(), { assertion: true }).replace('alice@partner.example', 'alice@partner.exampla');
    await rejects(verifyResponse(xml, options()), 'ERR_SIGNATURE_DIGEST_MISMATCH');
  });

  test('response-only signature: a change inside the assertion is detected', async () => {
    const xml = sign(buildResponse(), { response: true }).replace('_session-1', '_session-2');
    await rejects(verifyResponse(xml, options()), 'ERR_SIGNATURE_DIGEST_MISMATCH');
  });

  test('SHA-1 only with allowSha1, then a warning', async () => {
    const xml = sign(buildResponse(), { assertion: true, signatureAlgorithm: 'rsa-sha1', digestAlgorithm: 'sha1' });
    await rejects(verifyResponse(xml, options()), 'ERR_SIGNATURE_SHA1');
    const login = await verifyResponse(xml, options({ allowSha1: true }));
    expect(login.warnings.length).toBeGreaterThan(0);
    expect(login.warnings.join(' ')).toMatch(/SHA-?1/i);
  });

  test('ECDSA-signed assertion verifies with an EC certificate', async () => {
    const xml = sign(buildResponse(), { assertion: true, key: 'ec-p256', signatureAlgorithm: 'ecdsa-sha256' });
    await verifyResponse(xml, options({ idp: { entityId: IDP, signingCerts: [pem('ec-p256.crt.pem')] } }));
  });
});

describe('verifyResponse: replay', () => {
  test('the second use of an assertion is rejected', async () => {
    const opts = options();
    const xml = sign(buildResponse(), { assertion: true });
    await verifyResponse(xml, opts);
    const e = await rejects(verifyResponse(xml, opts), 'ERR_ASSERTION_REPLAYED');
    expect(e).toBeInstanceOf(AssertionError);
  });

  test('concurrent verifies of one message: exactly one succeeds', async () => {
    const opts = options();
    const xml = sign(buildResponse(), { assertion: true });
    const results = await Promise.allSettled([verifyResponse(xml, opts), verifyResponse(xml, opts), verifyResponse(xml, opts)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  test('a rejected message leaves nothing in the cache', async () => {
    const cache = new InMemoryReplayCache({ now: () => NOW });
    const bad = sign(buildResponse({ conditions: null }), { assertion: true });
    await rejects(verifyResponse(bad, options({ replayCache: cache })), 'ERR_ASSERTION_AUDIENCE_MISSING');
    expect(cache.size).toBe(0);
    expect(cache.has('_assert-1')).toBe(false);
  });

  test('the ID is remembered until the later NotOnOrAfter plus skew', async () => {
    const added: Array<[string, Date]> = [];
    const cache = { has: () => false, add: (id: string, exp: Date) => void added.push([id, exp]) };
    const xml = sign(buildResponse({ scd: { notOnOrAfter: at(600) } }), { assertion: true });
    await verifyResponse(xml, options({ replayCache: cache }));
    expect(added).toEqual([['_assert-1', new Date(NOW.getTime() + (600 + 180) * 1000)]]);
  });

  test('InMemoryReplayCache: expiry and pruning on a frozen clock', () => {
    let clock = new Date('2026-06-15T12:00:00Z');
    const cache = new InMemoryReplayCache({ now: () => clock });
    cache.add('a', new Date('2026-06-15T12:05:00Z'));
    cache.add('b', new Date('2026-06-15T13:00:00Z'));
    expect(cache.has('a')).toBe(true);
    clock = new Date('2026-06-15T12:04:59.999Z');
    expect(cache.has('a')).toBe(true);
    clock = new Date('2026-06-15T12:05:00Z');
    expect(cache.has('a')).toBe(false); // NotOnOrAfter semantics: gone at the instant
    expect(cache.has('b')).toBe(true);
    cache.add('c', new Date('2026-06-15T12:01:00Z')); // already expired: pruned on the next prune
    cache.prune();
    expect(cache.size).toBe(1);
    clock = new Date('2026-06-15T14:00:00Z');
    cache.add('d', new Date('2026-06-15T15:00:00Z')); // add prunes (more than a minute since the last prune)
    expect(cache.size).toBe(1);
    expect(cache.has('b')).toBe(false);
    expect(cache.has('d')).toBe(true);
  });

  test('the recorded ID leaves the cache at the later NotOnOrAfter plus skew', async () => {
    let clock = NOW;
    const cache = new InMemoryReplayCache({ now: () => clock });
    const xml = sign(buildResponse(), { assertion: true });
    await verifyResponse(xml, options({ replayCache: cache }));
    clock = new Date(NOW.getTime() + (300 + 180) * 1000);
    expect(cache.has('_assert-1')).toBe(false);
  });

  test('an asynchronous cache is awaited', async () => {
    const seen = new Set<string>();
    const cache = { has: async (id: string) => seen.has(id), add: async (id: string) => void seen.add(id) };
    const xml = sign(buildResponse(), { assertion: true });
    await verifyResponse(xml, options({ replayCache: cache }));
    await rejects(verifyResponse(xml, options({ replayCache: cache })), 'ERR_ASSERTION_REPLAYED');
  });
});

describe('verifyResponse: encrypted assertion', () => {
  const spKey = () => pem('sp-encryption.key.pem');
  const signedAssertion = (o = {}) => signEnveloped(assertionXml(o), { ref: {}, privateKeyPem: pem('idp-signing.key.pem'), certificatePem: pem('idp-signing.crt.pem') });

  test('assertion signed inside the encryption; key given as PEM', async () => {
    const xml = buildResponse({ assertionXml: encryptAssertion(signedAssertion()) });
    const login = await verifyResponse(xml, options({ decryptionKeys: [spKey()] }));
    expect(login.signedElement).toBe('assertion');
    expect(login.nameId.value).toBe('alice@partner.example');
  });

  test('only the Response signed: it covers the EncryptedAssertion, the decrypted assertion is used', async () => {
    const xml = sign(buildResponse({ assertionXml: encryptAssertion(assertionXml()) }), { response: true });
    const login = await verifyResponse(xml, options({ decryptionKeys: [spKey()] }));
    expect(login.signedElement).toBe('response');
    expect(login.nameId.value).toBe('alice@partner.example');
  });

  test('nothing signed inside or outside -> ERR_ASSERTION_UNSIGNED', async () => {
    const xml = buildResponse({ assertionXml: encryptAssertion(assertionXml()) });
    await rejects(verifyResponse(xml, options({ decryptionKeys: [spKey()] })), 'ERR_ASSERTION_UNSIGNED');
  });

  test('a second assertion hidden inside the encrypted one is counted', async () => {
    const inner = assertionXml().replace('</saml:Subject>', `</saml:Subject><saml:Advice>${assertionXml({ assertionId: '_inner' })}</saml:Advice>`);
    const xml = sign(buildResponse({ assertionXml: encryptAssertion(inner) }), { response: true });
    await rejects(verifyResponse(xml, options({ decryptionKeys: [spKey()] })), 'ERR_RESPONSE_ASSERTION_COUNT');
  });

  test('the checks apply to the decrypted assertion', async () => {
    const xml = buildResponse({ assertionXml: encryptAssertion(signedAssertion({ scd: { recipient: 'https://evil.example/' } })) });
    await rejects(verifyResponse(xml, options({ decryptionKeys: [spKey()] })), 'ERR_ASSERTION_RECIPIENT_MISMATCH');
  });

  test('the wrong private key -> a decryption code', async () => {
    const xml = buildResponse({ assertionXml: encryptAssertion(signedAssertion()) });
    const e = await verifyResponse(xml, options({ decryptionKeys: [pem('idp-encryption.key.pem')] })).catch((x: unknown) => x as SamlfedError);
    expect(e).toBeInstanceOf(AssertionError);
    expect((e as SamlfedError).code).toMatch(/^ERR_ASSERTION_DECRYPT_/);
  });
});

describe('verifyResponse: keys are parsed once per idp object', () => {
  test('resolveIdp caches by object identity', async () => {
    const { resolveIdp } = await import('../../src/assertion/trust.js');
    const idp = { entityId: IDP, signingCerts: [pem('idp-signing.crt.pem')] };
    const a = resolveIdp(idp);
    expect(resolveIdp(idp)).toBe(a);
    expect(a.keys[0]!.publicKey).toBe(resolveIdp(idp).keys[0]!.publicKey);
    const md = parseMetadata(metadataXml([pem('idp-signing.crt.pem')]));
    expect(resolveIdp(md)).toBe(resolveIdp(md));
    expect(resolveIdp(md).flavour).toBe(md.entities[0]!.flavour.flavour);
  });
});
