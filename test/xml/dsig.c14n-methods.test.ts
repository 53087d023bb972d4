/**
 * The verifier's canonicalization allow-list (issue 11 §6): exclusive c14n, Canonical XML 1.0
 * and 1.1, each with and without comments, as SignedInfo's CanonicalizationMethod and as the one
 * c14n transform after enveloped-signature; everything else refused with a stable code.
 * Signatures here are made over samlfed's own canonical forms (scripts/fuzz/sign-subset.ts); that
 * those equal libxml2's is what c14n.differential.test.ts checks with xmlsec1.
 */
import { describe, expect, it } from 'vitest';
import { createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseXml } from '../../src/xml/parse.js';
import { childNamed } from '../../src/xml/dom.js';
import { verifyEnvelopedSignature } from '../../src/xml/dsig/verify.js';
import { SignatureError } from '../../src/xml/dsig/errors.js';
import { C14N, C14N_METHODS } from '../../src/xml/dsig/algorithms.js';
import { signEnvelopedWith } from '../../scripts/fuzz/sign-subset.js';
import { codeOf } from '../helpers/errors.js';

const KEY = { publicKey: createPublicKey(readFileSync(new URL('../keys/idp-signing.crt.pem', import.meta.url), 'utf8')), label: 'idp-signing' };
const SAML = 'urn:oasis:names:tc:SAML:2.0:assertion';
// Ancestors with namespaces the assertion does not use and xml:* attributes: inclusive and
// exclusive c14n of the assertion differ, and C14N 1.0 differs from 1.1 (xml:id).
const DOC =
  '<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" xmlns:xs="http://www.w3.org/2001/XMLSchema" xml:lang="en" xml:id="resp" ID="_r">' +
  '<saml:Assertion ID="_a"><saml:Issuer>https://idp.example/</saml:Issuer><!-- c --><saml:Subject><saml:NameID>alice@example.com</saml:NameID></saml:Subject></saml:Assertion></samlp:Response>';

const assertionOf = (xml: string) => childNamed(parseXml(xml).root, SAML, 'Assertion')!;
const verify = (xml: string) => verifyEnvelopedSignature(assertionOf(xml), { keys: [KEY] });
const M = (uri: string) => C14N_METHODS.get(uri)!;
const ALL = [...C14N_METHODS.values()];

describe('every accepted c14n, as CanonicalizationMethod and as Reference transform', () => {
  it('the allow-list is exactly exc-c14n, C14N 1.0 and C14N 1.1, with and without comments', () => {
    expect([...C14N_METHODS.keys()].sort()).toEqual([C14N.INCLUSIVE_11, C14N.INCLUSIVE_11_WITH_COMMENTS, C14N.EXC, C14N.EXC_WITH_COMMENTS, C14N.INCLUSIVE, C14N.INCLUSIVE_WITH_COMMENTS].sort());
  });

  for (const si of ALL) {
    for (const ref of ALL) {
      it(`SignedInfo ${si.name}, Reference ${ref.name}`, () => {
        const signed = signEnvelopedWith(DOC, '_a', { reference: ref, signedInfo: si, commentInSignedInfo: true });
        const r = verify(signed.xml);
        expect(r.canonicalizationAlgorithm).toBe(si.uri);
        expect(r.warnings).toEqual([]);
      });
    }
  }

  it('the transform decides the digest: exc-c14n switched to C14N 1.0 after signing is a digest mismatch', () => {
    const signed = signEnvelopedWith(DOC, '_a', { reference: M(C14N.EXC), signedInfo: M(C14N.EXC) });
    const xml = signed.xml.replace(`<ds:Transform Algorithm="${C14N.EXC}"/>`, `<ds:Transform Algorithm="${C14N.INCLUSIVE}"/>`);
    expect(xml).not.toBe(signed.xml);
    expect(codeOf(() => verify(xml), SignatureError)).toBe('ERR_SIGNATURE_DIGEST_MISMATCH');
  });

  it('C14N 1.0 and 1.1 differ on the inherited xml:id: a 1.0 SignedInfo relabelled 1.1 does not verify', () => {
    const signed = signEnvelopedWith(DOC, '_a', { reference: M(C14N.EXC), signedInfo: M(C14N.INCLUSIVE) });
    expect(verify(signed.xml).key).toBe(KEY);
    const xml = signed.xml.replace(`<ds:CanonicalizationMethod Algorithm="${C14N.INCLUSIVE}"/>`, `<ds:CanonicalizationMethod Algorithm="${C14N.INCLUSIVE_11}"/>`);
    expect(codeOf(() => verify(xml), SignatureError)).toBe('ERR_SIGNATURE_INVALID');
  });
});

describe('refusals', () => {
  const base = () => signEnvelopedWith(DOC, '_a', { reference: M(C14N.INCLUSIVE), signedInfo: M(C14N.INCLUSIVE) }).xml;

  it('ERR_SIGNATURE_TRANSFORM: ec:InclusiveNamespaces in a Canonical XML 1.0 transform (an exc-c14n parameter)', () => {
    const xml = base().replace(`<ds:Transform Algorithm="${C14N.INCLUSIVE}"/>`, `<ds:Transform Algorithm="${C14N.INCLUSIVE}"><ec:InclusiveNamespaces xmlns:ec="http://www.w3.org/2001/10/xml-exc-c14n#" PrefixList="xs"/></ds:Transform>`);
    expect(codeOf(() => verify(xml), SignatureError)).toBe('ERR_SIGNATURE_TRANSFORM');
  });

  it('ERR_SIGNATURE_STRUCTURE: ec:InclusiveNamespaces in a Canonical XML 1.0 CanonicalizationMethod', () => {
    const xml = base().replace(`<ds:CanonicalizationMethod Algorithm="${C14N.INCLUSIVE}"/>`, `<ds:CanonicalizationMethod Algorithm="${C14N.INCLUSIVE}"><ec:InclusiveNamespaces xmlns:ec="http://www.w3.org/2001/10/xml-exc-c14n#" PrefixList="xs"/></ds:CanonicalizationMethod>`);
    expect(codeOf(() => verify(xml), SignatureError)).toBe('ERR_SIGNATURE_STRUCTURE');
  });

  it('ERR_SIGNATURE_TRANSFORM: two c14n transforms (the chain is enveloped-signature + exactly one c14n)', () => {
    const xml = base().replace(`<ds:Transform Algorithm="${C14N.INCLUSIVE}"/>`, `<ds:Transform Algorithm="${C14N.INCLUSIVE}"/><ds:Transform Algorithm="${C14N.EXC}"/>`);
    expect(codeOf(() => verify(xml), SignatureError)).toBe('ERR_SIGNATURE_TRANSFORM');
  });

  it('ERR_SIGNATURE_TRANSFORM: enveloped-signature alone (implicit C14N 1.0 is not accepted unnamed)', () => {
    const xml = base().replace(`<ds:Transform Algorithm="${C14N.INCLUSIVE}"/>`, '');
    expect(codeOf(() => verify(xml), SignatureError)).toBe('ERR_SIGNATURE_TRANSFORM');
  });

  it('ERR_SIGNATURE_TRANSFORM: Canonical XML 2.0 is not in the allow-list', () => {
    const xml = base().replace(`<ds:Transform Algorithm="${C14N.INCLUSIVE}"/>`, '<ds:Transform Algorithm="http://www.w3.org/2010/xml-c14n2"/>');
    expect(codeOf(() => verify(xml), SignatureError)).toBe('ERR_SIGNATURE_TRANSFORM');
  });

  describe('C14N 1.1 where xml:base fix-up would be needed (C14N 1.1 §2.4, not implemented)', () => {
    const WITH_BASE = DOC.replace(' xml:lang="en"', ' xml:lang="en" xml:base="http://idp.example/a/"');

    it('ERR_SIGNATURE_C14N_UNSUPPORTED for the Reference, naming the ancestor', () => {
      const signed = signEnvelopedWith(WITH_BASE, '_a', { reference: M(C14N.INCLUSIVE_11), signedInfo: M(C14N.EXC), allowXmlBaseFixup: true });
      let err: unknown;
      try {
        verify(signed.xml);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(SignatureError);
      expect((err as SignatureError).code).toBe('ERR_SIGNATURE_C14N_UNSUPPORTED');
      expect((err as SignatureError).message).toMatch(/found one on <samlp:Response>: the xml:base fix-up of C14N 1.1 §2.4 is not supported/);
    });

    it('ERR_SIGNATURE_C14N_UNSUPPORTED for SignedInfo (its ancestors include the signed element)', () => {
      const onAssertion = DOC.replace('<saml:Assertion ID="_a">', '<saml:Assertion ID="_a" xml:base="http://idp.example/b/">');
      const signed = signEnvelopedWith(onAssertion, '_a', { reference: M(C14N.EXC), signedInfo: M(C14N.INCLUSIVE_11_WITH_COMMENTS), allowXmlBaseFixup: true });
      expect(codeOf(() => verify(signed.xml), SignatureError)).toBe('ERR_SIGNATURE_C14N_UNSUPPORTED');
    });

    it('the same documents verify with Canonical XML 1.0 (which copies xml:base without fix-up)', () => {
      const signed = signEnvelopedWith(WITH_BASE, '_a', { reference: M(C14N.INCLUSIVE), signedInfo: M(C14N.INCLUSIVE) });
      expect(verify(signed.xml).key).toBe(KEY);
    });
  });
});
