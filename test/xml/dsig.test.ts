import { describe, expect, it } from 'vitest';
import { createHash, createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Element } from '../../src/xml/tree.js';
import { parseXml } from '../../src/xml/parse.js';
import { childNamed, textOf } from '../../src/xml/dom.js';
import { NS } from '../../src/xml/namespaces.js';
import { verifyEnvelopedSignature } from '../../src/xml/dsig/verify.js';
import { SignatureError, type SignatureErrorCode } from '../../src/xml/dsig/errors.js';
import type { TrustedKey } from '../../src/xml/dsig/types.js';
import { signEnveloped, pemBody, type SignEnvelopedOptions } from '../../scripts/fixtures/sign.js';
import { codeOf } from '../helpers/errors.js';

const KEYS = new URL('../keys/', import.meta.url);
const pem = (name: string): string => readFileSync(new URL(name, KEYS), 'utf8');

function trusted(name: string): TrustedKey {
  const der = readFileSync(new URL(`${name}.crt.der`, KEYS));
  return {
    publicKey: createPublicKey(pem(`${name}.crt.pem`)),
    thumbprint: createHash('sha1').update(der).digest('hex').toUpperCase(),
    label: name,
  };
}
const IDP = trusted('idp-signing');
const IDP2 = trusted('idp-signing-2');
const EC256 = trusted('ec-p256');
const EC384 = trusted('ec-p384');
const ATTACKER = trusted('attacker');

const RESPONSE = `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ID="_resp" Version="2.0" IssueInstant="2026-01-01T00:00:00Z"><saml:Issuer>https://idp.example.com</saml:Issuer><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status><saml:Assertion ID="_assert" Version="2.0" IssueInstant="2026-01-01T00:00:00Z"><saml:Issuer>https://idp.example.com</saml:Issuer><saml:Subject><saml:NameID>alice@example.com</saml:NameID></saml:Subject><saml:AttributeStatement><saml:Attribute Name="groups"><saml:AttributeValue xsi:type="xs:string">R&amp;D</saml:AttributeValue></saml:Attribute></saml:AttributeStatement></saml:Assertion></samlp:Response>`;

const PRETTY = `<?xml version="1.0" encoding="UTF-8"?>
<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_resp" Version="2.0" IssueInstant="2026-01-01T00:00:00Z">
  <saml:Issuer xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">https://idp.example.com</saml:Issuer>
  <saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_assert" Version="2.0" IssueInstant="2026-01-01T00:00:00Z">
    <saml:Issuer>https://idp.example.com</saml:Issuer>
    <saml:Subject>
      <saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">alice@example.com</saml:NameID>
    </saml:Subject>
  </saml:Assertion>
</samlp:Response>
`;

type SignOpts = Partial<Omit<SignEnvelopedOptions, 'ref'>> & { id?: string };
function sign(xml: string, o: SignOpts = {}): string {
  const { id, ...rest } = o;
  return signEnveloped(xml, { ref: { id: id ?? '_assert' }, privateKeyPem: pem('idp-signing.key.pem'), certificatePem: pem('idp-signing.crt.pem'), ...rest });
}

function assertionOf(xml: string): Element {
  const { root } = parseXml(xml);
  return childNamed(root, NS.SAML, 'Assertion')!;
}

function verifyAssertion(xml: string, keys: TrustedKey[] = [IDP], allowSha1 = false) {
  return verifyEnvelopedSignature(assertionOf(xml), { keys, allowSha1 });
}


function errorOf(fn: () => unknown): SignatureError {
  try {
    fn();
  } catch (e) {
    if (e instanceof SignatureError) return e;
    throw e;
  }
  throw new Error('expected a SignatureError');
}

const SIGNED = sign(RESPONSE);

describe('verifyEnvelopedSignature: signatures that verify', () => {
  it('RSA-SHA256 on an assertion, signature placed after saml:Issuer', () => {
    const r = verifyAssertion(SIGNED);
    expect(r.key).toBe(IDP);
    expect(r.signatureAlgorithm).toBe('http://www.w3.org/2001/04/xmldsig-more#rsa-sha256');
    expect(r.digestAlgorithm).toBe('http://www.w3.org/2001/04/xmlenc#sha256');
    expect(r.canonicalizationAlgorithm).toBe('http://www.w3.org/2001/10/xml-exc-c14n#');
    expect(r.warnings).toEqual([]);
    expect(r.signatureElement.localName).toBe('Signature');
    expect(r.signatureElement.previousSibling && (r.signatureElement.previousSibling as Element).localName).toBe('Issuer');
    expect(r.element.getAttribute('ID')).toBe('_assert');
  });

  it.each([
    ['rsa-sha384', 'sha384'],
    ['rsa-sha512', 'sha512'],
    ['rsa-sha256', 'sha512'],
  ] as const)('%s with %s digest', (signatureAlgorithm, digestAlgorithm) => {
    const r = verifyAssertion(sign(RESPONSE, { signatureAlgorithm, digestAlgorithm }));
    expect(r.signatureAlgorithm.endsWith(signatureAlgorithm)).toBe(true);
    expect(r.digestAlgorithm.endsWith(digestAlgorithm)).toBe(true);
  });

  it('ECDSA P-256 (ecdsa-sha256, r||s value)', () => {
    const xml = sign(RESPONSE, { signatureAlgorithm: 'ecdsa-sha256', privateKeyPem: pem('ec-p256.key.pem'), certificatePem: pem('ec-p256.crt.pem') });
    const r = verifyAssertion(xml, [IDP, EC256]);
    expect(r.key).toBe(EC256);
    expect(Buffer.from(textOf(childNamed(r.signatureElement, NS.DS, 'SignatureValue')!), 'base64').length).toBe(64);
  });

  it('ECDSA P-384 (ecdsa-sha384, sha384 digest)', () => {
    const xml = sign(RESPONSE, { signatureAlgorithm: 'ecdsa-sha384', digestAlgorithm: 'sha384', privateKeyPem: pem('ec-p384.key.pem'), certificatePem: pem('ec-p384.crt.pem') });
    expect(verifyAssertion(xml, [EC384]).key).toBe(EC384);
  });

  it('exc-c14n transform with InclusiveNamespaces PrefixList="xs" (QName in xsi:type)', () => {
    const xml = sign(RESPONSE, { inclusiveNamespacesPrefixList: 'xs' });
    expect(xml).toContain('PrefixList="xs"');
    expect(verifyAssertion(xml).key).toBe(IDP);
  });

  it('InclusiveNamespaces on SignedInfo CanonicalizationMethod too', () => {
    const xml = sign(RESPONSE, { inclusiveNamespacesPrefixList: 'xs xsi', signedInfoInclusiveNamespacesPrefixList: 'xs samlp' });
    expect(verifyAssertion(xml).key).toBe(IDP);
  });

  it('a pretty-printed document', () => {
    expect(verifyAssertion(sign(PRETTY)).key).toBe(IDP);
  });

  it.each(['first-child', 'last-child'] as const)('signature as %s', (placement) => {
    const xml = sign(RESPONSE, { placement });
    const r = verifyAssertion(xml);
    const parent = r.element;
    const sigEl = r.signatureElement;
    expect(placement === 'first-child' ? parent.firstChild : parent.lastChild).toBe(sigEl);
  });

  it('no KeyInfo', () => {
    const xml = sign(RESPONSE, { certificatePem: undefined });
    expect(xml).not.toContain('KeyInfo');
    expect(verifyAssertion(xml).key).toBe(IDP);
  });

  it('Response and Assertion both signed (Response signature covers the signed assertion)', () => {
    const both = sign(sign(RESPONSE), { id: '_resp' });
    const { root } = parseXml(both);
    expect(verifyEnvelopedSignature(root, { keys: [IDP] }).key).toBe(IDP);
    expect(verifyEnvelopedSignature(childNamed(root, NS.SAML, 'Assertion')!, { keys: [IDP] }).key).toBe(IDP);
  });

  it('key rollover: the second of two trusted keys verifies', () => {
    const r = verifyAssertion(SIGNED, [IDP2, IDP]);
    expect(r.key).toBe(IDP);
  });

  it('a comment inside DigestValue does not truncate it', () => {
    const xml = SIGNED.replace(/<ds:DigestValue>(.{10})/, '<ds:DigestValue>$1<!-- injected -->');
    expect(xml).toContain('<!-- injected -->');
    expect(verifyAssertion(xml).key).toBe(IDP);
  });

  it('comments are not covered by a #id reference (xmldsig-core §4.4.3.3); textOf reads past them (CVE-2017-11427 shape)', () => {
    const signed = sign(RESPONSE.replace('alice@example.com', 'admin@example.com.evil.com'));
    const xml = signed.replace('admin@example.com.evil.com', 'admin@example.com<!---->.evil.com');
    const r = verifyAssertion(xml);
    const nameId = childNamed(childNamed(r.element, NS.SAML, 'Subject')!, NS.SAML, 'NameID')!;
    expect(textOf(nameId)).toBe('admin@example.com.evil.com');
  });

  it('SHA-1 accepted with allowSha1, with warnings', () => {
    const xml = sign(RESPONSE, { signatureAlgorithm: 'rsa-sha1', digestAlgorithm: 'sha1' });
    const r = verifyAssertion(xml, [IDP], true);
    expect(r.warnings).toHaveLength(2);
    expect(r.warnings.join(' ')).toMatch(/SHA-1/);
  });
});

describe('verifyEnvelopedSignature: one error code per failure', () => {
  it('ERR_SIGNATURE_MISSING', () => {
    expect(codeOf(() => verifyAssertion(RESPONSE), SignatureError)).toBe('ERR_SIGNATURE_MISSING');
  });

  it('ERR_SIGNATURE_MULTIPLE', () => {
    const sig = /<ds:Signature[\s\S]*<\/ds:Signature>/.exec(SIGNED)![0];
    expect(codeOf(() => verifyAssertion(SIGNED.replace(sig, sig + sig)), SignatureError)).toBe('ERR_SIGNATURE_MULTIPLE');
  });

  it('ERR_SIGNATURE_OBJECT', () => {
    const xml = SIGNED.replace('</ds:KeyInfo>', '</ds:KeyInfo><ds:Object><saml:Assertion ID="_evil"/></ds:Object>');
    expect(codeOf(() => verifyAssertion(xml), SignatureError)).toBe('ERR_SIGNATURE_OBJECT');
  });

  it('ERR_SIGNATURE_STRUCTURE: two SignedInfo', () => {
    const si = /<ds:SignedInfo>[\s\S]*<\/ds:SignedInfo>/.exec(SIGNED)![0];
    expect(codeOf(() => verifyAssertion(SIGNED.replace(si, si + si)), SignatureError)).toBe('ERR_SIGNATURE_STRUCTURE');
  });

  it('ERR_SIGNATURE_STRUCTURE: no SignatureValue', () => {
    expect(codeOf(() => verifyAssertion(SIGNED.replace(/<ds:SignatureValue>[^<]*<\/ds:SignatureValue>/, '')), SignatureError)).toBe('ERR_SIGNATURE_STRUCTURE');
  });

  it('ERR_SIGNATURE_STRUCTURE: two KeyInfo', () => {
    const ki = /<ds:KeyInfo>[\s\S]*<\/ds:KeyInfo>/.exec(SIGNED)![0];
    expect(codeOf(() => verifyAssertion(SIGNED.replace(ki, ki + ki)), SignatureError)).toBe('ERR_SIGNATURE_STRUCTURE');
  });

  it('ERR_SIGNATURE_STRUCTURE: DigestValue is not base64', () => {
    expect(codeOf(() => verifyAssertion(SIGNED.replace(/<ds:DigestValue>[^<]*</, '<ds:DigestValue>not*base64<')), SignatureError)).toBe('ERR_SIGNATURE_STRUCTURE');
  });

  it('ERR_SIGNATURE_C14N_UNSUPPORTED (Canonical XML 2.0 is not in the allow-list)', () => {
    const xml = SIGNED.replace('<ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"', '<ds:CanonicalizationMethod Algorithm="http://www.w3.org/2010/xml-c14n2"');
    expect(codeOf(() => verifyAssertion(xml), SignatureError)).toBe('ERR_SIGNATURE_C14N_UNSUPPORTED');
  });

  it('ERR_SIGNATURE_INVALID: SignedInfo switched from exc-c14n to inclusive C14N 1.0 after signing (the canonical bytes change)', () => {
    const xml = SIGNED.replace('<ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"', '<ds:CanonicalizationMethod Algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315"');
    expect(codeOf(() => verifyAssertion(xml), SignatureError)).toBe('ERR_SIGNATURE_INVALID');
  });

  it('ERR_SIGNATURE_SHA1 (rsa-sha1 without allowSha1)', () => {
    expect(codeOf(() => verifyAssertion(sign(RESPONSE, { signatureAlgorithm: 'rsa-sha1' })), SignatureError)).toBe('ERR_SIGNATURE_SHA1');
  });

  it('ERR_SIGNATURE_SHA1 (sha1 digest without allowSha1)', () => {
    expect(codeOf(() => verifyAssertion(sign(RESPONSE, { digestAlgorithm: 'sha1' })), SignatureError)).toBe('ERR_SIGNATURE_SHA1');
  });

  it('ERR_SIGNATURE_ALGORITHM_FORBIDDEN: HMAC SignatureMethod', () => {
    const xml = SIGNED.replace('http://www.w3.org/2001/04/xmldsig-more#rsa-sha256', 'http://www.w3.org/2000/09/xmldsig#hmac-sha1');
    const e = errorOf(() => verifyAssertion(xml, [IDP], true));
    expect(e.code).toBe('ERR_SIGNATURE_ALGORITHM_FORBIDDEN');
    expect(e.message).toMatch(/HMAC/);
    expect(e.actual).toBe('http://www.w3.org/2000/09/xmldsig#hmac-sha1');
  });

  it('ERR_SIGNATURE_ALGORITHM_FORBIDDEN: unknown digest (md5)', () => {
    const xml = SIGNED.replace('http://www.w3.org/2001/04/xmlenc#sha256', 'http://www.w3.org/2001/04/xmldsig-more#md5');
    expect(codeOf(() => verifyAssertion(xml), SignatureError)).toBe('ERR_SIGNATURE_ALGORITHM_FORBIDDEN');
  });

  it('ERR_SIGNATURE_ALGORITHM_FORBIDDEN: RSA-PSS is not in the profile', () => {
    const xml = SIGNED.replace('http://www.w3.org/2001/04/xmldsig-more#rsa-sha256', 'http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1');
    expect(codeOf(() => verifyAssertion(xml), SignatureError)).toBe('ERR_SIGNATURE_ALGORITHM_FORBIDDEN');
  });

  it('ERR_SIGNATURE_ALGORITHM_FORBIDDEN: HMACOutputLength inside an RSA SignatureMethod', () => {
    const xml = SIGNED.replace(/<ds:SignatureMethod Algorithm="([^"]+)"\/>/, '<ds:SignatureMethod Algorithm="$1"><ds:HMACOutputLength>0</ds:HMACOutputLength></ds:SignatureMethod>');
    expect(xml).toContain('HMACOutputLength');
    expect(codeOf(() => verifyAssertion(xml), SignatureError)).toBe('ERR_SIGNATURE_ALGORITHM_FORBIDDEN');
  });

  it('ERR_SIGNATURE_STRUCTURE: parameters in DigestMethod', () => {
    const xml = SIGNED.replace(/<ds:DigestMethod Algorithm="([^"]+)"\/>/, '<ds:DigestMethod Algorithm="$1"><x:p xmlns:x="urn:x"/></ds:DigestMethod>');
    expect(codeOf(() => verifyAssertion(xml), SignatureError)).toBe('ERR_SIGNATURE_STRUCTURE');
  });

  it('ERR_SIGNATURE_TRANSFORM: parameters in the enveloped-signature transform', () => {
    const xml = SIGNED.replace('<ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>', '<ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"><ds:XPath>1</ds:XPath></ds:Transform>');
    expect(codeOf(() => verifyAssertion(xml), SignatureError)).toBe('ERR_SIGNATURE_TRANSFORM');
  });

  it('errors carry the line and column of the offending node', () => {
    const pretty = sign(PRETTY).replace('<ds:Reference ', '\n<ds:Reference ').replace(/URI="#_assert"/, 'URI="#elsewhere"');
    const e = errorOf(() => verifyAssertion(pretty));
    expect(e.code).toBe('ERR_SIGNATURE_REFERENCE_URI');
    expect(e.line).toBe(6);
    expect(e.column).toBe(1);
  });

  it('ERR_SIGNATURE_REFERENCE_COUNT', () => {
    const ref = /<ds:Reference [\s\S]*<\/ds:Reference>/.exec(SIGNED)![0];
    expect(codeOf(() => verifyAssertion(SIGNED.replace(ref, ref + ref)), SignatureError)).toBe('ERR_SIGNATURE_REFERENCE_COUNT');
  });

  it.each([
    ['empty URI', 'URI=""'],
    ['URI pointing elsewhere', 'URI="#_resp"'],
    ['missing URI', ''],
    // Compared as written, never decoded or trimmed: a lax resolver could map these to the element.
    ['percent-encoded fragment', 'URI="#%5Fassert"'],
    ['surrounding whitespace', 'URI=" #_assert "'],
    ['whitespace inside the fragment', 'URI="# _assert"'],
    ['XPointer form', `URI="#xpointer(id('_assert'))"`],
    ['absolute URI with the fragment', 'URI="https://idp.partner.example/#_assert"'],
  ])('ERR_SIGNATURE_REFERENCE_URI: %s', (_name, replacement) => {
    const e = errorOf(() => verifyAssertion(SIGNED.replace('URI="#_assert"', replacement)));
    expect(e.code).toBe('ERR_SIGNATURE_REFERENCE_URI');
    expect(e.expected).toBe('#_assert');
  });

  it('ERR_SIGNATURE_REFERENCE_URI: the signed element has no ID', () => {
    const xml = SIGNED.replace('<saml:Assertion ID="_assert"', '<saml:Assertion');
    const e = errorOf(() => verifyAssertion(xml));
    expect(e.code).toBe('ERR_SIGNATURE_REFERENCE_URI');
    expect(e.message).toMatch(/ID attribute/);
  });

  it('ERR_SIGNATURE_TRANSFORM: enveloped-signature missing', () => {
    const xml = SIGNED.replace('<ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>', '');
    expect(codeOf(() => verifyAssertion(xml), SignatureError)).toBe('ERR_SIGNATURE_TRANSFORM');
  });

  it('ERR_SIGNATURE_TRANSFORM: a third (XPath) transform', () => {
    const xml = SIGNED.replace('</ds:Transforms>', '<ds:Transform Algorithm="http://www.w3.org/TR/1999/REC-xpath-19991116"><ds:XPath>1</ds:XPath></ds:Transform></ds:Transforms>');
    expect(codeOf(() => verifyAssertion(xml), SignatureError)).toBe('ERR_SIGNATURE_TRANSFORM');
  });

  it('ERR_SIGNATURE_TRANSFORM: XSLT in place of exc-c14n', () => {
    const xml = SIGNED.replace('<ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>', '<ds:Transform Algorithm="http://www.w3.org/TR/1999/REC-xslt-19991116"/>');
    expect(codeOf(() => verifyAssertion(xml), SignatureError)).toBe('ERR_SIGNATURE_TRANSFORM');
  });

  it('ERR_SIGNATURE_TRANSFORM: only enveloped-signature (implicit inclusive C14N)', () => {
    const xml = SIGNED.replace('<ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>', '');
    expect(codeOf(() => verifyAssertion(xml), SignatureError)).toBe('ERR_SIGNATURE_TRANSFORM');
  });

  it('ERR_SIGNATURE_DIGEST_MISMATCH: tampered signed text', () => {
    const e = errorOf(() => verifyAssertion(SIGNED.replace('alice@example.com', 'admin@example.com')));
    expect(e.code).toBe('ERR_SIGNATURE_DIGEST_MISMATCH');
    const written = /<ds:DigestValue>([^<]*)</.exec(SIGNED)![1]!;
    expect(e.message).toContain(written);
    expect(e.expected).toBe(written);
    expect(typeof e.actual).toBe('string');
    expect(e.line).toBe(1);
  });

  it('ERR_SIGNATURE_INVALID: wrong key', () => {
    const e = errorOf(() => verifyAssertion(SIGNED, [IDP2]));
    expect(e.code).toBe('ERR_SIGNATURE_INVALID');
    expect(e.message).toContain(IDP2.thumbprint!);
    expect(e.message).toMatch(/1 tried/);
  });

  it('ERR_SIGNATURE_INVALID: tampered SignedInfo', () => {
    const xml = SIGNED.replace('<ds:Reference URI="#_assert">', '<ds:Reference URI="#_assert" Type="urn:x">');
    expect(codeOf(() => verifyAssertion(xml), SignatureError)).toBe('ERR_SIGNATURE_INVALID');
  });

  it('ERR_SIGNATURE_INVALID: tampered SignatureValue', () => {
    const xml = SIGNED.replace(/<ds:SignatureValue>(.)(.)/, (_m, a: string, b: string) => `<ds:SignatureValue>${b}${a}`);
    expect(codeOf(() => verifyAssertion(xml), SignatureError)).toBe('ERR_SIGNATURE_INVALID');
  });

  it('ERR_SIGNATURE_INVALID: attacker-signed message carrying its own certificate in KeyInfo', () => {
    const xml = sign(RESPONSE, { privateKeyPem: pem('attacker.key.pem'), certificatePem: pem('attacker.crt.pem') });
    const e = errorOf(() => verifyAssertion(xml, [IDP, IDP2]));
    expect(e.code).toBe('ERR_SIGNATURE_INVALID');
    expect(e.message).toContain(ATTACKER.thumbprint!);
    expect(e.message).toMatch(/NOT trusted/);
    expect(e.message).toMatch(/2 tried/);
    expect(e.actual).toEqual({ keyInfoThumbprints: [ATTACKER.thumbprint] });
  });

  it('ERR_SIGNATURE_INVALID: an ECDSA signature is never checked with RSA keys', () => {
    const xml = sign(RESPONSE, { signatureAlgorithm: 'ecdsa-sha256', privateKeyPem: pem('ec-p256.key.pem'), certificatePem: undefined });
    const e = errorOf(() => verifyAssertion(xml, [IDP]));
    expect(e.code).toBe('ERR_SIGNATURE_INVALID');
    expect(e.message).toMatch(/none of the 1 trusted key\(s\) is EC/);
  });

  it('ERR_SIGNATURE_INVALID: an RSA signature is never checked with EC keys', () => {
    expect(codeOf(() => verifyAssertion(SIGNED, [EC256]), SignatureError)).toBe('ERR_SIGNATURE_INVALID');
  });

  it('TypeError for an empty key list (caller mistake)', () => {
    expect(() => verifyEnvelopedSignature(assertionOf(SIGNED), { keys: [] })).toThrow(TypeError);
    expect(() => verifyEnvelopedSignature(assertionOf(SIGNED), { keys: [{ publicKey: pem('idp-signing.crt.pem') as never }] })).toThrow(TypeError);
  });
});

describe('scripts/fixtures/sign.ts', () => {
  it('pemBody strips armour and whitespace', () => {
    const body = pemBody(pem('idp-signing.crt.pem'));
    expect(body).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(body, 'base64')).toEqual(readFileSync(new URL('idp-signing.crt.der', KEYS)));
  });

  it('puts the signature right after saml:Issuer by default and embeds the certificate', () => {
    expect(SIGNED).toContain(`<saml:Issuer>https://idp.example.com</saml:Issuer><ds:Signature`);
    expect(SIGNED).toContain(`<ds:X509Certificate>${pemBody(pem('idp-signing.crt.pem'))}</ds:X509Certificate>`);
  });

  it('signs AssertionID (SAML 1.1-style) elements', () => {
    const xml = sign('<a:Assertion xmlns:a="urn:oasis:names:tc:SAML:1.0:assertion" AssertionID="_s11"><a:Stmt/></a:Assertion>', { id: '_s11' });
    expect(verifyEnvelopedSignature(parseXml(xml).root, { keys: [IDP] }).key).toBe(IDP);
  });
});
