/**
 * The #WithComments variants of exclusive c14n. scripts/fixtures/sign.ts (xml-crypto) does not
 * emit them, so these tests edit a signed document and sign SignedInfo again here, canonicalizing
 * with xml-crypto's ExclusiveCanonicalization(WithComments) (an implementation independent of
 * src/xml/c14n.ts) and node crypto.
 */
import { describe, expect, it } from 'vitest';
import { createHash, createPublicKey, sign as cryptoSign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DOMParser, XMLSerializer, type Element } from '@xmldom/xmldom';
import { ExclusiveCanonicalization, ExclusiveCanonicalizationWithComments } from 'xml-crypto';
import { parseXml } from '../../src/xml/parse.js';
import { childNamed } from '../../src/xml/dom.js';
import { NS } from '../../src/xml/namespaces.js';
import { verifyEnvelopedSignature } from '../../src/xml/dsig/verify.js';
import { SignatureError } from '../../src/xml/dsig/errors.js';
import { signEnveloped } from '../../scripts/fixtures/sign.js';
import { codeOf } from '../helpers/errors.js';

const KEYS = new URL('../keys/', import.meta.url);
const pem = (name: string): string => readFileSync(new URL(name, KEYS), 'utf8');
const IDP = { publicKey: createPublicKey(pem('idp-signing.crt.pem')), label: 'idp-signing' };
const WITH_COMMENTS = 'http://www.w3.org/2001/10/xml-exc-c14n#WithComments';

const RESPONSE =
  '<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_resp">' +
  '<saml:Assertion ID="_assert"><saml:Issuer>https://idp.example.com</saml:Issuer><saml:Subject><saml:NameID>alice@example.com</saml:NameID></saml:Subject></saml:Assertion></samlp:Response>';

const SIGNED = signEnveloped(RESPONSE, { ref: { id: '_assert' }, privateKeyPem: pem('idp-signing.key.pem') });

function ds(el: Element, name: string): Element {
  return el.getElementsByTagNameNS(NS.DS, name)[0]!;
}

/** Apply `edit` to the signed document, optionally recompute the digest (comments excluded), then sign SignedInfo again. */
function resign(edit: (assertion: Element, signature: Element) => void, recomputeDigest = false): string {
  const doc = new DOMParser().parseFromString(SIGNED, 'text/xml');
  const assertion = doc.getElementsByTagNameNS(NS.SAML, 'Assertion')[0]!;
  const signature = ds(assertion, 'Signature');
  edit(assertion, signature);
  if (recomputeDigest) {
    const copy = new DOMParser().parseFromString(new XMLSerializer().serializeToString(doc), 'text/xml');
    const a = copy.getElementsByTagNameNS(NS.SAML, 'Assertion')[0]!;
    a.removeChild(ds(a, 'Signature'));
    // A #id Reference drops comments before the transforms (xmldsig-core §4.4.3.3): no comments here.
    const canon = new ExclusiveCanonicalization().process(a as never, {});
    const dv = ds(signature, 'DigestValue');
    dv.textContent = createHash('sha256').update(canon, 'utf8').digest('base64');
  }
  const signedInfo = ds(signature, 'SignedInfo');
  const withComments = ds(signedInfo, 'CanonicalizationMethod').getAttribute('Algorithm') === WITH_COMMENTS;
  const canon = new (withComments ? ExclusiveCanonicalizationWithComments : ExclusiveCanonicalization)().process(signedInfo as never, {});
  ds(signature, 'SignatureValue').textContent = cryptoSign('sha256', Buffer.from(canon, 'utf8'), pem('idp-signing.key.pem')).toString('base64');
  return new XMLSerializer().serializeToString(doc);
}

function verify(xml: string) {
  return verifyEnvelopedSignature(childNamed(parseXml(xml).root, NS.SAML, 'Assertion')!, { keys: [IDP] });
}


describe('exc-c14n #WithComments', () => {
  it('SignedInfo canonicalized WithComments keeps its comments in the signed bytes', () => {
    const xml = resign((_a, sig) => {
      const si = ds(sig, 'SignedInfo');
      ds(si, 'CanonicalizationMethod').setAttribute('Algorithm', WITH_COMMENTS);
      ds(si, 'Reference').appendChild(si.ownerDocument!.createComment(' signed comment '));
    });
    expect(verify(xml).canonicalizationAlgorithm).toBe(WITH_COMMENTS);
    // Removing the comment changes the canonical SignedInfo, so the signature no longer verifies.
    expect(codeOf(() => verify(xml.replace('<!-- signed comment -->', '')), SignatureError)).toBe('ERR_SIGNATURE_INVALID');
  });

  it('without WithComments, comments in SignedInfo are not signed', () => {
    const xml = resign(() => undefined);
    expect(codeOf(() => verify(xml.replace('</ds:Reference>', '<!-- unsigned --></ds:Reference>')), SignatureError)).toBe('no error');
  });

  it('a #id Reference with an exc-c14n#WithComments transform still digests without comments (xmldsig-core §4.4.3.3)', () => {
    const xml = resign((a, sig) => {
      const transforms = sig.getElementsByTagNameNS(NS.DS, 'Transform');
      transforms[1]!.setAttribute('Algorithm', WITH_COMMENTS);
      const nameId = a.getElementsByTagNameNS(NS.SAML, 'NameID')[0]!;
      nameId.insertBefore(a.ownerDocument!.createComment('c'), nameId.firstChild!.nextSibling);
    }, true);
    expect(xml).toContain(`Algorithm="${WITH_COMMENTS}"`);
    expect(xml).toContain('<!--c-->');
    expect(verify(xml).key).toBe(IDP);
  });
});
