import { describe, expect, test } from 'vitest';
import { verifyResponse, groupAttributesFor, parseDateTime, ADFS_GROUP_CLAIM, ADFS_ROLE_CLAIM } from '../../src/assertion/index.js';
import { SamlfedError } from '../../src/errors.js';
import { ACS, IDP, NOW, REQ, SP, at, buildResponse, conditionsXml, options, pem, sign, type BuildOptions } from './verify-helpers.js';
import type { VerifyOptions } from '../../src/assertion/index.js';

const BEARER = 'urn:oasis:names:tc:SAML:2.0:cm:bearer';
const AUD = `<saml:AudienceRestriction><saml:Audience>${SP}</saml:Audience></saml:AudienceRestriction>`;

/** Build, sign the assertion, verify. */
function run(o: BuildOptions, extra: Partial<VerifyOptions> = {}) {
  return verifyResponse(sign(buildResponse(o), { assertion: true }), options(extra));
}

async function code(p: Promise<unknown>): Promise<SamlfedError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof SamlfedError) return e;
    throw e;
  }
  throw new Error('expected a rejection');
}

const scd = (a: string): string => `<saml:SubjectConfirmation Method="${BEARER}"><saml:SubjectConfirmationData ${a}/></saml:SubjectConfirmation>`;

describe('assertion header and issuer', () => {
  test('assertion Version must be 2.0', async () => {
    expect((await code(run({ assertionVersion: '1.0' }))).code).toBe('ERR_ASSERTION_VERSION');
  });

  test('assertion Issuer required and equal to the IdP entityID', async () => {
    expect((await code(run({ assertionIssuer: null, responseIssuer: null }))).code).toBe('ERR_ASSERTION_ISSUER_MISSING');
    const e = await code(run({ assertionIssuer: 'https://evil.example/', responseIssuer: null }));
    expect(e.code).toBe('ERR_ASSERTION_ISSUER_MISMATCH');
    expect(e.message).toContain(IDP);
    expect(e.message).toContain('https://evil.example/');
  });

  test('Issuer Format other than entity is rejected (core §8.3.6)', async () => {
    const o = { issuerFormat: 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent', responseIssuer: null };
    expect((await code(run(o))).code).toBe('ERR_ASSERTION_ISSUER_FORMAT');
    const ok = await run({ issuerFormat: 'urn:oasis:names:tc:SAML:2.0:nameid-format:entity' });
    expect(ok.issuer).toBe(IDP);
  });
});

describe('subject', () => {
  test('NameID required; EncryptedID rejected clearly', async () => {
    expect((await code(run({ nameId: '' }))).code).toBe('ERR_ASSERTION_NO_NAMEID');
    expect((await code(run({ nameId: '<saml:NameID></saml:NameID>' }))).code).toBe('ERR_ASSERTION_NO_NAMEID');
    expect((await code(run({ nameId: '<saml:EncryptedID/>' }))).code).toBe('ERR_ASSERTION_ENCRYPTED_ID');
  });

  test('no bearer confirmation', async () => {
    const e = await code(run({ scd: { method: 'urn:oasis:names:tc:SAML:2.0:cm:holder-of-key' } }));
    expect(e.code).toBe('ERR_ASSERTION_NO_BEARER_CONFIRMATION');
    expect(e.message).toContain('holder-of-key');
    expect((await code(run({ confirmations: `<saml:SubjectConfirmation Method="${BEARER}"/>` }))).code).toBe('ERR_ASSERTION_NO_BEARER_CONFIRMATION');
  });

  test('Recipient must be an ACS URL', async () => {
    const e = await code(run({ scd: { recipient: 'https://sp.host.example/other' } }));
    expect(e.code).toBe('ERR_ASSERTION_RECIPIENT_MISMATCH');
    expect(e.message).toContain(ACS);
    expect((await code(run({ scd: { recipient: null } }))).code).toBe('ERR_ASSERTION_RECIPIENT_MISMATCH');
    // A second ACS URL is accepted.
    await run({ scd: { recipient: 'https://sp.host.example/saml2/acs2' }, destination: null }, { sp: { entityId: SP, acsUrls: [ACS, 'https://sp.host.example/saml2/acs2'] } });
  });

  test('InResponseTo must equal the request ID (profiles §4.1.4.3)', async () => {
    expect((await code(run({ scd: { inResponseTo: '_other' } }))).code).toBe('ERR_ASSERTION_IN_RESPONSE_TO_MISMATCH');
    expect((await code(run({ scd: { inResponseTo: null } }))).code).toBe('ERR_ASSERTION_IN_RESPONSE_TO_MISMATCH');
  });

  test('NotOnOrAfter in the future, with skew', async () => {
    expect((await code(run({ scd: { notOnOrAfter: at(-181) } }))).code).toBe('ERR_ASSERTION_SUBJECT_EXPIRED');
    await run({ scd: { notOnOrAfter: at(-179) } });
    expect((await code(run({ scd: { notOnOrAfter: at(-10) } }, { clockSkewSeconds: 0 }))).code).toBe('ERR_ASSERTION_SUBJECT_EXPIRED');
    expect((await code(run({ scd: { notOnOrAfter: null } }))).code).toBe('ERR_ASSERTION_NO_BEARER_CONFIRMATION');
  });

  test('NotBefore, if present, in the past (with skew)', async () => {
    expect((await code(run({ scd: { notBefore: at(200) } }))).code).toBe('ERR_ASSERTION_SUBJECT_NOT_YET_VALID');
    await run({ scd: { notBefore: at(100) } });
  });

  test('most specific reason across several bearer confirmations; any one qualifying is enough', async () => {
    const wrongRecipient = scd(`Recipient="https://x.example/" NotOnOrAfter="${at(300)}" InResponseTo="${REQ}"`);
    const expired = scd(`Recipient="${ACS}" NotOnOrAfter="${at(-1000)}" InResponseTo="${REQ}"`);
    const good = scd(`Recipient="${ACS}" NotOnOrAfter="${at(300)}" InResponseTo="${REQ}"`);
    expect((await code(run({ confirmations: wrongRecipient + expired }))).code).toBe('ERR_ASSERTION_SUBJECT_EXPIRED');
    const login = await run({ confirmations: wrongRecipient + expired + good });
    expect(login.subjectNotOnOrAfter.toISOString()).toBe(at(300));
  });

  test('an unparsable time is ERR_ASSERTION_TIME_INVALID', async () => {
    expect((await code(run({ scd: { notOnOrAfter: 'tomorrow' } }))).code).toBe('ERR_ASSERTION_TIME_INVALID');
    expect((await code(run({ conditions: conditionsXml(AUD, '2026-13-01T00:00:00Z') }))).code).toBe('ERR_ASSERTION_TIME_INVALID');
  });
});

describe('conditions', () => {
  test('NotBefore / NotOnOrAfter with skew; message shows now, skew and the window', async () => {
    const e1 = await code(run({ conditions: conditionsXml(AUD, at(181), at(600)) }));
    expect(e1.code).toBe('ERR_ASSERTION_NOT_YET_VALID');
    expect(e1.message).toContain(NOW.toISOString());
    expect(e1.message).toContain('180s');
    expect(e1.message).toContain(at(181));
    await run({ conditions: conditionsXml(AUD, at(179), at(600)) });
    const e2 = await code(run({ conditions: conditionsXml(AUD, at(-600), at(-180)) }));
    expect(e2.code).toBe('ERR_ASSERTION_EXPIRED');
    expect(e2.message).toContain(at(-180));
    await run({ conditions: conditionsXml(AUD, at(-600), at(-179)) });
  });

  test('an AudienceRestriction naming the SP is required', async () => {
    expect((await code(run({ conditions: null }))).code).toBe('ERR_ASSERTION_AUDIENCE_MISSING');
    expect((await code(run({ conditions: conditionsXml('') }))).code).toBe('ERR_ASSERTION_AUDIENCE_MISSING');
    const e = await code(run({ conditions: conditionsXml('<saml:AudienceRestriction><saml:Audience>https://a.example/</saml:Audience><saml:Audience>https://b.example/</saml:Audience></saml:AudienceRestriction>') }));
    expect(e.code).toBe('ERR_ASSERTION_AUDIENCE_MISMATCH');
    expect(e.message).toContain(SP);
    expect(e.actual).toEqual(['https://a.example/', 'https://b.example/']);
  });

  test('several AudienceRestrictions: each must contain the SP (§2.5.1.4)', async () => {
    const other = '<saml:AudienceRestriction><saml:Audience>https://a.example/</saml:Audience></saml:AudienceRestriction>';
    expect((await code(run({ conditions: conditionsXml(AUD + other) }))).code).toBe('ERR_ASSERTION_AUDIENCE_MISMATCH');
    const both = `<saml:AudienceRestriction><saml:Audience>https://a.example/</saml:Audience><saml:Audience>${SP}</saml:Audience></saml:AudienceRestriction>`;
    await run({ conditions: conditionsXml(AUD + both) });
  });

  test('unknown conditions are rejected; ProxyRestriction and OneTimeUse accepted', async () => {
    const custom = '<saml:Condition xsi:type="foo:Custom" xmlns:foo="urn:foo"/>';
    const e = await code(run({ conditions: conditionsXml(AUD + custom) }));
    expect(e.code).toBe('ERR_ASSERTION_CONDITION_UNSUPPORTED');
    expect(e.message).toContain('foo:Custom');
    expect((await code(run({ conditions: conditionsXml(AUD + '<x:Other xmlns:x="urn:x"/>') }))).code).toBe('ERR_ASSERTION_CONDITION_UNSUPPORTED');
    await run({ conditions: conditionsXml(AUD + '<saml:OneTimeUse/><saml:ProxyRestriction Count="0"/>') });
  });

  test('OneTimeUse: a second use is rejected through the replay cache', async () => {
    const opts = options();
    const xml = sign(buildResponse({ conditions: conditionsXml(AUD + '<saml:OneTimeUse/>') }), { assertion: true });
    await verifyResponse(xml, opts);
    expect((await code(verifyResponse(xml, opts))).code).toBe('ERR_ASSERTION_REPLAYED');
  });

  test('more than one Conditions element', async () => {
    expect((await code(run({ conditions: conditionsXml() + conditionsXml() }))).code).toBe('ERR_ASSERTION_CONDITIONS_MULTIPLE');
  });
});

describe('authn statement', () => {
  test('required', async () => {
    expect((await code(run({ authn: null }))).code).toBe('ERR_ASSERTION_NO_AUTHN_STATEMENT');
  });

  test('SessionNotOnOrAfter in the past', async () => {
    const authn = `<saml:AuthnStatement AuthnInstant="${at(-7200)}" SessionNotOnOrAfter="${at(-600)}"><saml:AuthnContext><saml:AuthnContextClassRef>x</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>`;
    expect((await code(run({ authn }))).code).toBe('ERR_ASSERTION_SESSION_EXPIRED');
    const ok = await run({ authn: authn.replace(at(-600), at(3600)) });
    expect(ok.sessionNotOnOrAfter?.toISOString()).toBe(at(3600));
    expect(ok.sessionIndex).toBeUndefined();
  });
});

describe('attributes and partner profile', () => {
  const attrs =
    '<saml:Attribute Name="urn:oid:0.9.2342.19200300.100.1.3" FriendlyName="mail" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri"><saml:AttributeValue xsi:type="xs:string">alice@partner.example</saml:AttributeValue></saml:Attribute>' +
    '<saml:Attribute Name="Group"><saml:AttributeValue>admins</saml:AttributeValue><saml:AttributeValue>users</saml:AttributeValue><saml:AttributeValue>admins</saml:AttributeValue></saml:Attribute>' +
    '<saml:Attribute Name="x" FriendlyName="Group"><saml:AttributeValue>collides</saml:AttributeValue></saml:Attribute>' +
    '<saml:Attribute Name="__proto__"><saml:AttributeValue>p</saml:AttributeValue></saml:Attribute>' +
    '<saml:Attribute Name="nil"><saml:AttributeValue xsi:nil="true"/><saml:AttributeValue>a<!-- c -->b</saml:AttributeValue></saml:Attribute>';

  test('by Name, FriendlyName alias when it does not collide, details, xsi:nil skipped, comments do not truncate', async () => {
    const login = await run({ attributes: attrs });
    expect(login.attributes['urn:oid:0.9.2342.19200300.100.1.3']).toEqual(['alice@partner.example']);
    expect(login.attributes['mail']).toEqual(['alice@partner.example']);
    expect(login.attributes['Group']).toEqual(['admins', 'users', 'admins']);
    expect(login.attributes['nil']).toEqual(['ab']);
    expect(Object.getPrototypeOf(login.attributes)).toBe(Object.prototype);
    expect(Object.hasOwn(login.attributes, '__proto__')).toBe(true);
    expect(login.attributeDetails[0]).toEqual({ name: 'urn:oid:0.9.2342.19200300.100.1.3', friendlyName: 'mail', nameFormat: 'urn:oasis:names:tc:SAML:2.0:attrname-format:uri', values: ['alice@partner.example'] });
    expect(login.groups).toEqual(['admins', 'users']);
  });

  test('group attribute defaults per flavour', () => {
    expect(groupAttributesFor('adfs')).toEqual([ADFS_GROUP_CLAIM, ADFS_ROLE_CLAIM]);
    expect(groupAttributesFor('tenant')).toEqual(['Group']);
    expect(groupAttributesFor('generic')).toEqual(['Group']);
  });

  test('AD FS flavour reads group and role claims', async () => {
    const a = `<saml:Attribute Name="${ADFS_GROUP_CLAIM}"><saml:AttributeValue>g1</saml:AttributeValue></saml:Attribute><saml:Attribute Name="${ADFS_ROLE_CLAIM}"><saml:AttributeValue>r1</saml:AttributeValue></saml:Attribute><saml:Attribute Name="Group"><saml:AttributeValue>ignored</saml:AttributeValue></saml:Attribute>`;
    const login = await run({ attributes: a }, { idp: { entityId: IDP, signingCerts: [pem('idp-signing.crt.pem')], flavour: 'adfs' } });
    expect(login.groups).toEqual(['g1', 'r1']);
  });

  test('tenant flavour warns when UserPrincipalName is missing', async () => {
    const idp = { entityId: IDP, signingCerts: [pem('idp-signing.crt.pem')], flavour: 'tenant' as const };
    const a = '<saml:Attribute Name="Group"><saml:AttributeValue>g</saml:AttributeValue></saml:Attribute>';
    expect((await run({ attributes: a }, { idp })).warnings).toEqual(['tenant-to-tenant partner sent no UserPrincipalName attribute']);
    const withUpn = a + '<saml:Attribute Name="UserPrincipalName"><saml:AttributeValue>alice@partner.example</saml:AttributeValue></saml:Attribute>';
    expect((await run({ attributes: withUpn }, { idp })).warnings).toEqual([]);
  });

  test('profile.groupAttribute overrides the default', async () => {
    const a = '<saml:Attribute Name="memberOf"><saml:AttributeValue>m1</saml:AttributeValue></saml:Attribute><saml:Attribute Name="Group"><saml:AttributeValue>g</saml:AttributeValue></saml:Attribute>';
    expect((await run({ attributes: a }, { profile: { groupAttribute: 'memberOf' } })).groups).toEqual(['m1']);
    expect((await run({ attributes: a }, { profile: { groupAttribute: ['Group', 'memberOf'] } })).groups).toEqual(['g', 'm1']);
    expect((await run({ attributes: a }, { profile: { groupAttribute: 'toString' } })).groups).toEqual([]);
  });

  test('EncryptedAttribute is skipped with a warning', async () => {
    const login = await run({ attributes: '<saml:EncryptedAttribute/>' });
    expect(login.warnings[0]).toMatch(/EncryptedAttribute/);
  });
});

describe('parseDateTime (xs:dateTime)', () => {
  test.each([
    ['2026-06-15T12:00:00Z', '2026-06-15T12:00:00.000Z'],
    ['2026-06-15T12:00:00.123456Z', '2026-06-15T12:00:00.123Z'],
    ['2026-06-15T14:00:00+02:00', '2026-06-15T12:00:00.000Z'],
    ['2026-06-15T12:00:00', '2026-06-15T12:00:00.000Z'],
    [' 2024-02-29T00:00:00Z ', '2024-02-29T00:00:00.000Z'],
  ])('%s', (input, iso) => {
    expect(parseDateTime(input)?.toISOString()).toBe(iso);
  });
  test.each(['2026-06-15', '2025-02-29T00:00:00Z', '2026-06-15T24:00:00Z', '2026-06-15T12:00Z', '1718452800', 'x'])('rejects %s', (input) => {
    expect(parseDateTime(input)).toBeUndefined();
  });
});

describe('type safety', () => {
  test('checks accept only Verified<Element>', async () => {
    const { checkConditions } = await import('../../src/assertion/conditions.js');
    const { parseXml } = await import('../../src/xml/parse.js');
    const plain = parseXml(buildResponse()).root;
    const ctx = { now: NOW, skewMs: 0, sp: { entityId: SP, acsUrls: [ACS] }, idpEntityId: IDP, rejectUnsolicitedInResponseTo: false, warnings: [] };
    // @ts-expect-error an unverified Element is not a Verified<Element>
    expect(() => checkConditions(plain, ctx)).toThrow();
  });
});
