import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { ACS, IDP, NOW, REQ, SP, assertionXml, buildResponse, pem, sign } from '../assertion/verify-helpers.js';
import { encryptAssertion } from '../../scripts/fixtures/response-builder.js';
import { signEnveloped } from '../../scripts/fixtures/sign.js';

let dir: string;
const f = (name: string): string => join(dir, name);
const NOW_ISO = NOW.toISOString();

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'samlfed-verify-'));
  const cert = pem('idp-signing.crt.pem').replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
  writeFileSync(
    f('idp.xml'),
    `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${IDP}"><md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"><md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${cert}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor><md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://idp.partner.example/sso"/></md:IDPSSODescriptor></md:EntityDescriptor>`,
  );
  writeFileSync(f('sp.json'), JSON.stringify({ entityId: SP, acsUrls: [ACS], clockSkewSeconds: 180 }));
  const attrs = '<saml:Attribute Name="Group"><saml:AttributeValue>admins</saml:AttributeValue></saml:Attribute>';
  writeFileSync(f('good.xml'), sign(buildResponse({ attributes: attrs }), { assertion: true }));
  writeFileSync(f('good.b64'), Buffer.from(sign(buildResponse(), { assertion: true })).toString('base64').replace(/.{76}/g, '$&\n'));
  writeFileSync(f('bad-audience.xml'), sign(buildResponse({ conditions: null }), { assertion: true }));
  writeFileSync(f('not-xml.xml'), '%%% nope');
  const signedAssertion = signEnveloped(assertionXml(), { ref: {}, privateKeyPem: pem('idp-signing.key.pem'), certificatePem: pem('idp-signing.crt.pem') });
  writeFileSync(f('encrypted.xml'), buildResponse({ assertionXml: encryptAssertion(signedAssertion) }));
  writeFileSync(f('sp-key.pem'), pem('sp-encryption.key.pem'));
  // Signed by the IdP, but its values would steer a terminal: a newline forging a "VALID" block,
  // a C1 CSI (ESC [ as one character), a right-to-left override; and an attribute named __proto__.
  const hostileAttrs = '<saml:Attribute Name="__proto__"><saml:AttributeValue>x</saml:AttributeValue></saml:Attribute><saml:Attribute Name="n\u009b31m"><saml:AttributeValue>v</saml:AttributeValue></saml:Attribute>';
  writeFileSync(f('hostile.xml'), sign(buildResponse({ nameId: '<saml:NameID>eve\nVALID\n  nameId: admin\u202e</saml:NameID>', attributes: hostileAttrs }), { assertion: true }));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const base = (resp: string, ...more: string[]) => ['verify', f(resp), '--idp', f('idp.xml'), '--sp', f('sp.json'), '--now', NOW_ISO, '--request-id', REQ, ...more];

describe('samlfed verify', () => {
  test('valid, json: one object with the login fields, exit 0', async () => {
    const r = await cli(base('good.xml', '--format', 'json'));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      valid: true,
      errors: [],
      warnings: [],
      idpEntityId: IDP,
      issuer: IDP,
      nameId: 'alice@partner.example',
      nameIdFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
      subjectAbsent: false,
      sessionIndex: '_session-1',
      attributes: { Group: ['admins'] },
      assertionId: '_assert-1',
      notOnOrAfter: '2026-06-15T12:05:00.000Z',
      // Issue 11 defect 9: JSON carries at least what the text shows.
      signed: 'assertion',
      groups: ['admins'],
      hostGroups: null,
      roles: null,
      mapping: null,
    });
  });

  test('valid, text', async () => {
    const r = await cli(base('good.xml'));
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('VALID');
    expect(r.stdout).toContain('alice@partner.example');
    expect(r.stdout).toContain('Group: "admins"');
  });

  test('base64 form value from stdin', async () => {
    const { readFileSync } = await import('node:fs');
    const r = await cli(['verify', '-', '--idp', f('idp.xml'), '--sp', f('sp.json'), '--now', NOW_ISO, '--request-id', REQ], { stdin: readFileSync(f('good.b64')) });
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('VALID')).toBe(true);
  });

  test('invalid: exit 1, INVALID: CODE: message / json with nulls', async () => {
    const t = await cli(base('bad-audience.xml'));
    expect(t.code).toBe(1);
    expect(t.stdout).toMatch(/^INVALID: ERR_ASSERTION_AUDIENCE_MISSING: /);
    const j = await cli(base('bad-audience.xml', '--format', 'json'));
    expect(j.code).toBe(1);
    const o = JSON.parse(j.stdout);
    expect(o.valid).toBe(false);
    expect(o.errors).toHaveLength(1);
    expect(o.errors[0].code).toBe('ERR_ASSERTION_AUDIENCE_MISSING');
    expect(o.nameId).toBeNull();
    expect(o.attributes).toBeNull();
  });

  test('a response that is not XML or base64 is rejected input (exit 1)', async () => {
    const r = await cli(base('not-xml.xml', '--format', 'json'));
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).errors[0].code).toBe('ERR_RESPONSE_ENCODING');
  });

  test('time options: --now in the future expires it; --clock-skew changes the margin', async () => {
    const late = await cli(base('good.xml', '--now', '2026-06-15T12:07:59Z'));
    expect(late.code).toBe(0);
    const later = await cli(base('good.xml', '--now', '2026-06-15T12:07:59Z', '--clock-skew', '0'));
    expect(later.code).toBe(1);
    expect(later.stdout).toMatch(/ERR_ASSERTION_(SUBJECT_)?EXPIRED/);
  });

  test('usage errors exit 2 and name the problem', async () => {
    expect((await cli(['verify', f('good.xml'), '--sp', f('sp.json')])).stderr).toContain('--idp');
    const missing = await cli(base('nope.xml'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read response .*nope\.xml: no such file or directory/);
    writeFileSync(f('sp-unknown.json'), JSON.stringify({ entityId: SP, acsUrls: [ACS], acs: 'x' }));
    const unknown = await cli(['verify', f('good.xml'), '--idp', f('idp.xml'), '--sp', f('sp-unknown.json')]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('"acs"');
    writeFileSync(f('sp-missing.json'), JSON.stringify({ entityId: SP }));
    const missingField = await cli(['verify', f('good.xml'), '--idp', f('idp.xml'), '--sp', f('sp-missing.json')]);
    expect(missingField.code).toBe(2);
    expect(missingField.stderr).toContain('"acsUrls"');
    const badIdp = await cli(['verify', f('good.xml'), '--idp', f('not-xml.xml'), '--sp', f('sp.json')]);
    expect(badIdp.code).toBe(2);
    expect(badIdp.stderr).toContain('--idp');
    expect((await cli(base('good.xml', '--format', 'yaml'))).code).toBe(2);
    expect((await cli(base('good.xml', '--bogus'))).code).toBe(2);
    expect((await cli(base('good.xml', '--now', 'yesterday'))).code).toBe(2);
  });

  test('--decrypt-key for an encrypted assertion', async () => {
    const without = await cli(base('encrypted.xml', '--format', 'json'));
    expect(without.code).toBe(1);
    expect(JSON.parse(without.stdout).errors[0].code).toBe('ERR_ASSERTION_ENCRYPTED_NO_KEYS');
    const withKey = await cli(base('encrypted.xml', '--decrypt-key', f('sp-key.pem'), '--format', 'json'));
    expect(withKey.code).toBe(0);
    expect(JSON.parse(withKey.stdout).nameId).toBe('alice@partner.example');
    expect((await cli(base('encrypted.xml', '--decrypt-key', f('sp.json')))).code).toBe(2);
  });

  test('text output escapes control characters, line separators and bidi overrides from the message', async () => {
    const r = await cli(base('hostile.xml'));
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').filter((l) => l === 'VALID')).toHaveLength(1);
    expect(r.stdout).toContain('  nameId:         eve\\x0aVALID\\x0a  nameId: admin\\u202e\n');
    expect(r.stdout).toContain('    n\\x9b31m: "v"');
    expect(r.stdout).not.toMatch(/[\u0080-\u009f\u202e]/);
  });

  test('json output keeps an attribute named __proto__ as data', async () => {
    const r = await cli(base('hostile.xml', '--format', 'json'));
    const out = JSON.parse(r.stdout) as { attributes: Record<string, string[]>; nameId: string };
    expect(Object.keys(out.attributes)).toEqual(['__proto__', 'n\u009b31m']);
    expect(Object.getOwnPropertyDescriptor(out.attributes, '__proto__')?.value).toEqual(['x']);
    expect(out.nameId).toBe('eve\nVALID\n  nameId: admin\u202e');
  });

  test('--help', async () => {
    const r = await cli(['verify', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--request-id');
  });
});
