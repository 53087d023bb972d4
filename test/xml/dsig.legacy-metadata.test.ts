/**
 * Opt-in leniency for legacy metadata aggregates (SWAMID-style signer): Reference URI="" on the
 * document element (off by default); and inclusive Canonical XML 1.0 for SignedInfo (accepted
 * by default since issue 11 §6; `allowInclusiveSignedInfoC14n` is deprecated and has no effect).
 * Documents are signed with scripts/fixtures/sign.ts, then edited and SignedInfo re-signed here
 * with xml-crypto's canonicalizers (independent of src/xml/c14n.ts) and node crypto.
 */
import { describe, expect, it } from 'vitest';
import { createHash, createPublicKey, sign as cryptoSign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DOMParser, XMLSerializer, type Element } from '@xmldom/xmldom';
import { C14nCanonicalization, ExclusiveCanonicalization, findAncestorNs } from 'xml-crypto';
import { parseXml } from '../../src/xml/parse.js';
import { childNamed } from '../../src/xml/dom.js';
import { NS } from '../../src/xml/namespaces.js';
import { verifyEnvelopedSignature } from '../../src/xml/dsig/verify.js';
import { SignatureError } from '../../src/xml/dsig/errors.js';
import type { VerifyEnvelopedOptions } from '../../src/xml/dsig/types.js';
import { signEnveloped } from '../../scripts/fixtures/sign.js';
import { codeOf } from '../helpers/errors.js';

const KEYS = new URL('../keys/', import.meta.url);
const pem = (name: string): string => readFileSync(new URL(name, KEYS), 'utf8');
const SIGNER = { publicKey: createPublicKey(pem('metadata-signing.crt.pem')), label: 'metadata-signing' };
const INCLUSIVE = 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315';

const METADATA =
  '<md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:mdui="urn:oasis:names:tc:SAML:metadata:ui" xml:lang="sv" ID="_agg" Name="urn:x">' +
  '<md:EntityDescriptor entityID="https://idp.example.org"><md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"/></md:EntityDescriptor></md:EntitiesDescriptor>';

function ds(el: Element, name: string): Element {
  return el.getElementsByTagNameNS(NS.DS, name)[0]!;
}

/** Sign, then edit the Signature (and/or prepend a PI), recompute the digest when asked, and re-sign SignedInfo. */
function legacy(o: { emptyUri?: boolean; inclusive?: boolean; pi?: string }): string {
  const signed = signEnveloped(METADATA, { ref: {}, privateKeyPem: pem('metadata-signing.key.pem'), placement: 'first-child' });
  const doc = new DOMParser().parseFromString((o.pi ?? '') + signed, 'text/xml');
  const root = doc.documentElement!;
  const signature = ds(root, 'Signature');
  const signedInfo = ds(signature, 'SignedInfo');
  if (o.emptyUri) ds(signedInfo, 'Reference').setAttribute('URI', '');
  if (o.pi) {
    const copy = new DOMParser().parseFromString(new XMLSerializer().serializeToString(doc), 'text/xml');
    const r = copy.documentElement!;
    r.removeChild(ds(r, 'Signature'));
    ds(signedInfo, 'DigestValue').textContent = createHash('sha256').update(`${o.pi}\n${new ExclusiveCanonicalization().process(r as never, {})}`, 'utf8').digest('base64');
  }
  let canon: string;
  if (o.inclusive) {
    ds(signedInfo, 'CanonicalizationMethod').setAttribute('Algorithm', INCLUSIVE);
    const ancestorNamespaces = findAncestorNs(doc as never, "//*[local-name()='SignedInfo']");
    // xml-crypto 6.3 does not import ancestors' xml:* attributes onto the apex as C14N 1.0 §2.4
    // requires (see c14n.test.ts); SignedInfo has no attributes, so the root's xml:lang goes last.
    canon = new C14nCanonicalization().process(signedInfo as never, { ancestorNamespaces }).replace(/^(<ds:SignedInfo[^>]*)>/, '$1 xml:lang="sv">');
  } else {
    canon = new ExclusiveCanonicalization().process(signedInfo as never, {});
  }
  ds(signature, 'SignatureValue').textContent = cryptoSign('sha256', Buffer.from(canon, 'utf8'), pem('metadata-signing.key.pem')).toString('base64');
  return new XMLSerializer().serializeToString(doc);
}

const LENIENT: VerifyEnvelopedOptions = { keys: [SIGNER], allowEmptyUriForDocumentElement: true, allowInclusiveSignedInfoC14n: true };


describe('legacy metadata signatures (opt-in)', () => {
  it('URI="" on the document element verifies only with allowEmptyUriForDocumentElement', () => {
    const xml = legacy({ emptyUri: true });
    const { root } = parseXml(xml);
    expect(codeOf(() => verifyEnvelopedSignature(root, { keys: [SIGNER] }), SignatureError)).toBe('ERR_SIGNATURE_REFERENCE_URI');
    const r = verifyEnvelopedSignature(root, LENIENT);
    expect(r.warnings.join(' ')).toMatch(/URI=""/);
  });

  it('URI="" covers document-level processing instructions (C14N 1.0 §2.3)', () => {
    const xml = legacy({ emptyUri: true, pi: '<?signer v1?>' });
    expect(xml.startsWith('<?signer v1?>')).toBe(true);
    expect(verifyEnvelopedSignature(parseXml(xml).root, LENIENT).key).toBe(SIGNER);
    expect(codeOf(() => verifyEnvelopedSignature(parseXml(xml.replace('<?signer v1?>', '<?signer v2?>')).root, LENIENT), SignatureError)).toBe('ERR_SIGNATURE_DIGEST_MISMATCH');
  });

  it('inclusive C14N 1.0 SignedInfo (namespaces and xml:lang inherited from the root) verifies without any option', () => {
    const xml = legacy({ inclusive: true });
    const { root } = parseXml(xml);
    const r = verifyEnvelopedSignature(root, { keys: [SIGNER] });
    expect(r.canonicalizationAlgorithm).toBe(INCLUSIVE);
    expect(r.warnings).toEqual([]);
    expect(verifyEnvelopedSignature(root, LENIENT).key).toBe(SIGNER);
  });

  it('both together (the SWAMID shape)', () => {
    expect(verifyEnvelopedSignature(parseXml(legacy({ inclusive: true, emptyUri: true })).root, LENIENT).key).toBe(SIGNER);
  });

  it('URI="" is still refused below the document element', () => {
    const inner = signEnveloped(
      '<r xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"><saml:Assertion ID="_a"><saml:Issuer>x</saml:Issuer></saml:Assertion></r>',
      { ref: { id: '_a' }, privateKeyPem: pem('metadata-signing.key.pem') },
    ).replace('URI="#_a"', 'URI=""');
    const assertion = childNamed(parseXml(inner).root, NS.SAML, 'Assertion')!;
    expect(codeOf(() => verifyEnvelopedSignature(assertion, LENIENT), SignatureError)).toBe('ERR_SIGNATURE_REFERENCE_URI');
  });
});
