/**
 * Red-team findings on verifyResponse (review of 2026-11): replay cache clock and capacity,
 * weak IdP keys, decryption warnings, attacker-sized canonicalization work, input diagnostics.
 * Each test names the exact outcome (an error code, a warning, a time bound).
 */
import { describe, expect, it } from 'vitest';
import { verifyResponse } from '../../src/assertion/verify.js';
import { DEFAULT_REPLAY_CACHE_ENTRIES, InMemoryReplayCache } from '../../src/assertion/replay.js';
import { AssertionError } from '../../src/assertion/errors.js';
import { isSamlfedError } from '../../src/errors.js';
import { ACS, IDP, NOW, REQ, assertionXml, buildResponse, conditionsXml, options, pem, sign } from './verify-helpers.js';
import { signEnveloped } from '../../scripts/fixtures/sign.js';
import { encryptAssertion } from '../../scripts/fixtures/response-builder.js';
import { createPrivateKey } from 'node:crypto';

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ACCEPTED';
  } catch (e) {
    if (isSamlfedError(e)) return e.code;
    return `non-samlfed ${(e as Error).name}: ${(e as Error).message}`;
  }
}

/** A valid response for `now` (times relative to it), with its own assertion ID. */
function validAt(now: Date, assertionId: string): string {
  const at = (s: number): string => new Date(now.getTime() + s * 1000).toISOString();
  const xml = buildResponse({
    assertionId,
    scd: { notOnOrAfter: at(300) },
    conditions: conditionsXml(undefined, at(-60), at(300)),
    authn: `<saml:AuthnStatement AuthnInstant="${at(-120)}" SessionIndex="_s"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>`,
  });
  return sign(xml, { assertion: true, assertionId });
}

describe('replay cache: same clock as every other check (issue 3, item 2)', () => {
  it('the DEFAULT cache detects a replay when verify runs with a past now (2018)', async () => {
    const past = new Date('2018-03-01T10:00:00Z');
    const xml = validAt(past, '_replay-2018');
    // replayCache: undefined -> the process-wide default InMemoryReplayCache.
    await expect(verifyResponse(xml, options({ now: past, replayCache: undefined }))).resolves.toMatchObject({ assertionId: '_replay-2018' });
    // Before the fix the default cache judged expiry by the wall clock: the 2018 entry looked expired at once.
    expect(await codeOf(verifyResponse(xml, options({ now: past, replayCache: undefined })))).toBe('ERR_ASSERTION_REPLAYED');
  });

  it('verifyResponse passes its now to has() and add() (custom caches can use it)', async () => {
    const calls: unknown[][] = [];
    const replayCache = {
      has: (...args: unknown[]) => (calls.push(['has', ...args]), false),
      add: (...args: unknown[]) => void calls.push(['add', ...args]),
    };
    await verifyResponse(sign(buildResponse()), options({ replayCache }));
    expect(calls).toEqual([
      ['has', '_assert-1', NOW],
      ['add', '_assert-1', new Date(NOW.getTime() + (300 + 180) * 1000), NOW],
    ]);
  });

  it('a cache written for the old one/two-argument interface keeps working', async () => {
    const seen = new Map<string, Date>();
    const replayCache = { has: (id: string) => seen.has(id), add: (id: string, exp: Date) => void seen.set(id, exp) };
    const xml = sign(buildResponse());
    await verifyResponse(xml, options({ replayCache }));
    expect(await codeOf(verifyResponse(xml, options({ replayCache })))).toBe('ERR_ASSERTION_REPLAYED');
  });

  it('InMemoryReplayCache: has/add/prune judge expiry with the now they are given, else the fallback clock', () => {
    const c = new InMemoryReplayCache({ now: () => new Date('2030-01-01T00:00:00Z') });
    const t0 = new Date('2018-01-01T00:00:00Z');
    const exp = new Date('2018-01-01T00:05:00Z');
    c.add('a', exp, t0);
    expect(c.has('a', t0)).toBe(true);
    expect(c.has('a', new Date('2018-01-01T00:04:59Z'))).toBe(true);
    expect(c.has('a', exp)).toBe(false); // NotOnOrAfter semantics: gone at expiresAt
    c.add('b', exp, t0);
    expect(c.has('b')).toBe(false); // fallback clock (2030)
  });
});

describe('replay cache: full means fail closed with a typed error (issue 3, item 1)', () => {
  it('default capacity is 100,000 and configurable', () => {
    expect(DEFAULT_REPLAY_CACHE_ENTRIES).toBe(100_000);
    expect(new InMemoryReplayCache().maxEntries).toBe(100_000);
    expect(new InMemoryReplayCache({ maxEntries: 5 }).maxEntries).toBe(5);
    expect(() => new InMemoryReplayCache({ maxEntries: 0 })).toThrow(TypeError);
    expect(() => new InMemoryReplayCache({ maxEntries: 1.5 })).toThrow(TypeError);
  });

  it('a full cache rejects the login with ERR_ASSERTION_REPLAY_CACHE_FULL (was an untyped RangeError)', async () => {
    const replayCache = new InMemoryReplayCache({ maxEntries: 1 });
    await verifyResponse(validAt(NOW, '_full-1'), options({ replayCache }));
    const err = await verifyResponse(validAt(NOW, '_full-2'), options({ replayCache })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AssertionError);
    expect(err).toMatchObject({ code: 'ERR_ASSERTION_REPLAY_CACHE_FULL' });
    // Fail closed: the first ID is still remembered.
    expect(await codeOf(verifyResponse(validAt(NOW, '_full-1'), options({ replayCache })))).toBe('ERR_ASSERTION_REPLAYED');
  });

  it('expired entries are pruned before the cache counts as full', async () => {
    const replayCache = new InMemoryReplayCache({ maxEntries: 1 });
    await verifyResponse(validAt(NOW, '_prune-1'), options({ replayCache }));
    const later = new Date(NOW.getTime() + 3600_000);
    await expect(verifyResponse(validAt(later, '_prune-2'), options({ replayCache, now: later }))).resolves.toMatchObject({ assertionId: '_prune-2' });
    expect(replayCache.size).toBe(1);
  });
});

describe('IdP signing keys under 2048 bits (issue 3, item 4)', () => {
  it('an assertion signed with a 1024-bit RSA key from the IdP metadata is accepted with a warning', async () => {
    const xml = sign(buildResponse(), { assertion: true, key: 'weak-rsa-1024' });
    const login = await verifyResponse(xml, options({ idp: { entityId: IDP, signingCerts: [pem('weak-rsa-1024.crt.pem')] } }));
    expect(login.warnings).toHaveLength(1);
    expect(login.warnings[0]).toMatch(/^Assertion signature: verified with a 1024-bit RSA key \(signing certificate 1 of 1, SHA-1 [0-9A-F]{40}\); RSA keys under 2048 bits/);
  });

  it('a 2048-bit key gives no warning', async () => {
    const login = await verifyResponse(sign(buildResponse()), options());
    expect(login.warnings).toEqual([]);
  });
});

describe('encrypted assertions', () => {
  const signedAssertion = (): string => signEnveloped(assertionXml(), { ref: {}, privateKeyPem: pem('idp-signing.key.pem'), certificatePem: pem('idp-signing.crt.pem') });
  const key = createPrivateKey(pem('sp-encryption.key.pem'));

  it('AES-CBC in an unsigned Response is accepted with a warning; AES-GCM is not warned about', async () => {
    const cbc = buildResponse({ assertionXml: encryptAssertion(signedAssertion(), { block: 'aes256-cbc' }) });
    const login = await verifyResponse(cbc, options({ decryptionKeys: [key] }));
    expect(login.warnings).toEqual([expect.stringMatching(/^EncryptedAssertion uses AES-CBC in an unsigned Response/)]);
    const gcm = buildResponse({ assertionXml: encryptAssertion(signedAssertion(), { block: 'aes256-gcm' }) });
    expect((await verifyResponse(gcm, options({ decryptionKeys: [key] }))).warnings).toEqual([]);
  });

  it('AES-CBC inside a signed Response (cipher text authenticated first) is not warned about', async () => {
    const xml = sign(buildResponse({ assertionXml: encryptAssertion(signedAssertion(), { block: 'aes128-cbc' }) }), { response: true });
    const login = await verifyResponse(xml, options({ decryptionKeys: [key] }));
    expect(login.signedElement).toBe('both');
    expect(login.warnings).toEqual([]);
  });

  it('RSA PKCS#1 v1.5 key transport accepted with allowRsa15 is reported', async () => {
    const xml = buildResponse({ assertionXml: encryptAssertion(signedAssertion(), { block: 'aes256-gcm', transport: 'rsa-1_5' }) });
    const login = await verifyResponse(xml, options({ decryptionKeys: [key], allowRsa15: true }));
    expect(login.warnings).toEqual([expect.stringMatching(/^RSA PKCS#1 v1\.5 key transport accepted because allowRsa15 is set/)]);
  });

  it('an EncryptedAssertion next to a plain assertion is refused before any decryption', async () => {
    const xml = sign(buildResponse({ afterAssertion: encryptAssertion(signedAssertion()) }));
    expect(await codeOf(verifyResponse(xml, options({ decryptionKeys: [key] })))).toBe('ERR_RESPONSE_ASSERTION_COUNT');
  });
});

// Hang guards, not speed assertions: quadratic work on these inputs takes tens of seconds; the
// per-test timeout is the bound. Speed is measured in bench/.
describe('attacker-sized canonicalization work stays linear (pre-signature DoS)', () => {
  const good = sign(buildResponse());
  const EXC = 'http://www.w3.org/2001/10/xml-exc-c14n#';

  it('a 30,000-prefix InclusiveNamespaces PrefixList over 30,000 elements: ERR_SIGNATURE_DIGEST_MISMATCH (took ~20 s when quadratic)', { timeout: 15_000 }, async () => {
    const list = Array.from({ length: 30_000 }, (_, i) => `q${i}`).join(' ');
    const xml = good
      .replace(`<ds:Transform Algorithm="${EXC}"/>`, `<ds:Transform Algorithm="${EXC}"><ec:InclusiveNamespaces xmlns:ec="${EXC}" PrefixList="${list}"/></ds:Transform>`)
      .replace('<saml:Subject>', `<saml:Subject>${'<saml:x/>'.repeat(30_000)}`);
    expect(xml).toContain('PrefixList');
    expect(await codeOf(verifyResponse(xml, options()))).toBe('ERR_SIGNATURE_DIGEST_MISMATCH');
  });

  it('20,000 prefixed attributes (each its own namespace) on the assertion: rejected', { timeout: 15_000 }, async () => {
    let attrs = '';
    // Each prefix bound to its own namespace: bound to one URI, the attributes would share an
    // expanded name, which Namespaces in XML 1.0 §6.3 forbids (parseXml refuses it, issue 7 §4).
    for (let i = 20_000; i > 0; i--) attrs += ` xmlns:p${i}="urn:u${i}" p${i}:a=""`;
    const xml = good.replace('<saml:Assertion ', `<saml:Assertion${attrs} `);
    expect(await codeOf(verifyResponse(xml, options()))).toBe('ERR_SIGNATURE_DIGEST_MISMATCH');
  });

  it('10,000 attributes (20,000 values) in a signed assertion verify', { timeout: 30_000 }, async () => {
    let attrs = '';
    for (let i = 0; i < 10_000; i++) attrs += `<saml:Attribute Name="a${i}"><saml:AttributeValue>v${i}</saml:AttributeValue><saml:AttributeValue>w</saml:AttributeValue></saml:Attribute>`;
    const xml = sign(buildResponse({ attributes: attrs }));
    const login = await verifyResponse(xml, options({ maxBytes: 4 * 1024 * 1024 }));
    expect(login.attributeDetails).toHaveLength(10_000);
    expect(login.attributes['a9999']).toEqual(['v9999', 'w']);
  });
});

describe('input and XML character checks', () => {
  it('UTF-16 bytes are ERR_RESPONSE_ENCODING with a byte-order-mark hint (was "found empty input")', async () => {
    const err = await verifyResponse(Buffer.from(`\ufeff${sign(buildResponse())}`, 'utf16le'), options()).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'ERR_RESPONSE_ENCODING' });
    expect(String((err as Error).message)).toContain('UTF-16 byte order mark');
  });

  it('a NUL character reference inside signed content is ERR_XML_MALFORMED', async () => {
    const xml = sign(buildResponse()).replace('alice@partner.example</saml:NameID>', 'alice@partner.example&#0;</saml:NameID>');
    expect(await codeOf(verifyResponse(xml, options()))).toBe('ERR_XML_MALFORMED');
  });

  it('a response of exactly maxBytes is accepted; one byte less is ERR_RESPONSE_TOO_LARGE (XML and base64)', async () => {
    const xml = sign(buildResponse());
    const size = Buffer.byteLength(xml);
    const b64 = Buffer.from(xml).toString('base64');
    await expect(verifyResponse(xml, options({ maxBytes: size }))).resolves.toBeTruthy();
    await expect(verifyResponse(b64, options({ maxBytes: size }))).resolves.toBeTruthy();
    expect(await codeOf(verifyResponse(xml, options({ maxBytes: size - 1 })))).toBe('ERR_RESPONSE_TOO_LARGE');
    expect(await codeOf(verifyResponse(b64, options({ maxBytes: size - 1 })))).toBe('ERR_RESPONSE_TOO_LARGE');
  });

  it('Destination must match exactly: case and trailing slash differ', async () => {
    expect(await codeOf(verifyResponse(sign(buildResponse({ destination: `${ACS}/` })), options()))).toBe('ERR_RESPONSE_DESTINATION_MISMATCH');
    expect(await codeOf(verifyResponse(sign(buildResponse({ destination: ACS.replace('https', 'HTTPS') })), options()))).toBe('ERR_RESPONSE_DESTINATION_MISMATCH');
  });

  it('time values: a 9-digit fraction with +14:00 is read exactly; a leap second and 24:00 are ERR_ASSERTION_TIME_INVALID', async () => {
    // 02:05:00.123456789+14:00 on the 16th is 12:05:00.123Z on the 15th: still valid at NOW.
    expect(await codeOf(verifyResponse(sign(buildResponse({ scd: { notOnOrAfter: '2026-06-16T02:05:00.123456789+14:00' } })), options()))).toBe('ACCEPTED');
    expect(await codeOf(verifyResponse(sign(buildResponse({ scd: { notOnOrAfter: '2026-06-15T23:59:60Z' } })), options()))).toBe('ERR_ASSERTION_TIME_INVALID');
    expect(await codeOf(verifyResponse(sign(buildResponse({ scd: { notOnOrAfter: '2026-06-15T24:00:00Z' } })), options()))).toBe('ERR_ASSERTION_TIME_INVALID');
  });

  it('requestId given: a response without InResponseTo on the SubjectConfirmationData is refused', async () => {
    const xml = sign(buildResponse({ scd: { inResponseTo: null } }));
    expect(await codeOf(verifyResponse(xml, options({ requestId: REQ })))).toBe('ERR_ASSERTION_IN_RESPONSE_TO_MISMATCH');
  });
});

describe('wrapping and confusion variants beyond XSW1–8', () => {
  const evil = assertionXml({ assertionId: '_evil', nameId: '<saml:NameID>attacker@evil.example</saml:NameID>' });

  it('an assertion inside saml:Advice of the signed assertion → ERR_RESPONSE_ASSERTION_COUNT', async () => {
    const xml = sign(buildResponse().replace('<saml:Conditions', `<saml:Advice>${evil}</saml:Advice><saml:Conditions`));
    expect(await codeOf(verifyResponse(xml, options()))).toBe('ERR_RESPONSE_ASSERTION_COUNT');
  });

  it('an evil assertion inside samlp:Extensions of a signed Response → ERR_RESPONSE_ASSERTION_COUNT', async () => {
    const xml = sign(buildResponse({ beforeStatus: `<samlp:Extensions>${evil}</samlp:Extensions>` }), { response: true });
    expect(await codeOf(verifyResponse(xml, options()))).toBe('ERR_RESPONSE_ASSERTION_COUNT');
  });

  it('Response signed, assertion content swapped afterwards → ERR_SIGNATURE_DIGEST_MISMATCH', async () => {
    const xml = sign(buildResponse(), { response: true }).replace('>alice@partner.example</saml:NameID>', '>attacker@evil.example</saml:NameID>');
    expect(await codeOf(verifyResponse(xml, options()))).toBe('ERR_SIGNATURE_DIGEST_MISMATCH');
  });

  it('the Response signature referencing the assertion inside it (a descendant) → ERR_SIGNATURE_REFERENCE_URI', async () => {
    const xml = sign(buildResponse(), { response: true }).replace('URI="#_resp-1"', 'URI="#_assert-1"');
    expect(await codeOf(verifyResponse(xml, options()))).toBe('ERR_SIGNATURE_REFERENCE_URI');
  });

  it('the saml prefix rebound inside signed content → ERR_SIGNATURE_DIGEST_MISMATCH', async () => {
    const xml = sign(buildResponse()).replace('<saml:Subject>', '<saml:Subject xmlns:saml="urn:evil">');
    expect(await codeOf(verifyResponse(xml, options()))).toBe('ERR_SIGNATURE_DIGEST_MISMATCH');
  });

  it('a look-alike Assertion in another namespace is neither counted nor read', async () => {
    const xml = sign(buildResponse({ afterAssertion: '<x:Assertion xmlns:x="urn:oasis:names:tc:SAML:2.0:assertion " ID="_x"><x:Subject><x:NameID>attacker@evil.example</x:NameID></x:Subject></x:Assertion>' }));
    await expect(verifyResponse(xml, options())).resolves.toMatchObject({ nameId: { value: 'alice@partner.example' } });
  });

  it('an EC key in metadata never verifies an RSA signature and vice versa → ERR_SIGNATURE_INVALID', async () => {
    expect(await codeOf(verifyResponse(sign(buildResponse()), options({ idp: { entityId: IDP, signingCerts: [pem('ec-p256.crt.pem')] } })))).toBe('ERR_SIGNATURE_INVALID');
    const ec = sign(buildResponse(), { assertion: true, key: 'ec-p256', signatureAlgorithm: 'ecdsa-sha256' });
    expect(await codeOf(verifyResponse(ec, options()))).toBe('ERR_SIGNATURE_INVALID');
  });
});
