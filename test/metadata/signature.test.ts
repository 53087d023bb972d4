import { createPrivateKey, sign } from 'node:crypto';
import { canonicalize } from '../../src/xml/c14n.js';
import { NS } from '../../src/xml/namespaces.js';
import { childNamed } from '../../src/xml/dom.js';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { certificateFromBase64 } from '../../src/certs/index.js';
import { checkMetadataSignature, parseMetadata, WEAK_ALGORITHM_WARNING } from '../../src/metadata/index.js';
import { parseXml } from '../../src/xml/parse.js';
import { adfsMetadata, aggregate, certBase64, spMetadata, tenantMetadata } from '../../scripts/fixtures/metadata-builders.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/metadata/${name}`, import.meta.url));
const cert = (name: string) => certificateFromBase64(certBase64(name));
const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
const SHA256 = 'http://www.w3.org/2001/04/xmlenc#sha256';
const IDP_SIGNING_SHA1 = '2F4EF7D8BFC934A977578DEBCC3862C13691A1F1';

describe('metadata signature', () => {
  it('valid with a trust-anchor certificate', () => {
    const doc = parseMetadata(fixture('adfs.signed.xml'), { trust: { certificates: [cert('idp-signing')] } });
    expect(doc.signature).toEqual({ status: 'valid', trust: 'trust-anchor', signatureAlgorithm: RSA_SHA256, digestAlgorithm: SHA256, signerThumbprint: IDP_SIGNING_SHA1, warnings: [] });
  });

  it('valid with a pinned SHA-1 or SHA-256 thumbprint of the embedded certificate (case and colons ignored)', () => {
    const c = cert('idp-signing');
    const colons = c.sha1Thumbprint.toLowerCase().replace(/(..)(?=.)/g, '$1:');
    // As copied from the Windows certificate dialog: a leading U+200E mark and spaces.
    const windows = `\u200e${c.sha1Thumbprint.toLowerCase().replace(/(..)(?=.)/g, '$1 ')}`;
    for (const t of [c.sha1Thumbprint, c.sha256Thumbprint, colons, windows]) {
      const s = parseMetadata(fixture('adfs.signed.xml'), { trust: { thumbprints: [t] } }).signature;
      expect(s).toMatchObject({ status: 'valid', trust: 'trust-anchor', signerThumbprint: IDP_SIGNING_SHA1 });
    }
  });

  it('a pinned thumbprint that is not 40 or 64 hex digits is a caller mistake (TypeError), signed document or not', () => {
    for (const name of ['adfs.signed.xml', 'tenant.unsigned.xml']) {
      expect(() => parseMetadata(fixture(name), { trust: { thumbprints: ['abc'] } }), name).toThrow(/^trust\.thumbprints\[0\]: Expected a SHA-1 \(40 hex digits\) or SHA-256 \(64 hex digits\) thumbprint, found 3 hex digits$/);
      expect(() => parseMetadata(fixture(name), { trust: { thumbprints: ['abc'] } })).toThrow(TypeError);
    }
    const root = parseXml(fixture('adfs.signed.xml')).root;
    expect(() => checkMetadataSignature(root, { thumbprints: [IDP_SIGNING_SHA1, 'zz'] })).toThrow(TypeError);
  });

  it('valid with the embedded certificate only: embedded-certificate trust (integrity only)', () => {
    expect(parseMetadata(fixture('adfs.signed.xml')).signature).toEqual({
      status: 'valid', trust: 'embedded-certificate', signatureAlgorithm: RSA_SHA256, digestAlgorithm: SHA256, signerThumbprint: IDP_SIGNING_SHA1, warnings: [],
    });
    expect(parseMetadata(fixture('aggregate.three-entities.xml')).signature).toMatchObject({ status: 'valid', trust: 'embedded-certificate', signerThumbprint: '890A4D231EA3672CB55E33D8FA09986E80B068A2' });
  });

  it('tampered → invalid with the verifier code', () => {
    expect(parseMetadata(fixture('adfs.signed.tampered.xml')).signature).toMatchObject({ status: 'invalid', code: 'ERR_SIGNATURE_DIGEST_MISMATCH' });
  });

  it('unsigned', () => {
    expect(parseMetadata(fixture('tenant.unsigned.xml')).signature).toEqual({ status: 'unsigned' });
    expect(parseMetadata(fixture('adfs.unsigned.xml')).signature).toEqual({ status: 'unsigned' });
  });

  it('SHA-1 is accepted with the metadata-signature-weak-alg warning', () => {
    const s = parseMetadata(fixture('adfs.signed.rsa-sha1.xml')).signature;
    expect(s).toMatchObject({ status: 'valid', signatureAlgorithm: 'http://www.w3.org/2000/09/xmldsig#rsa-sha1', digestAlgorithm: 'http://www.w3.org/2000/09/xmldsig#sha1', warnings: [WEAK_ALGORITHM_WARNING] });
  });

  it('a trust anchor that did not sign → invalid (the embedded certificate is not used)', () => {
    const s = parseMetadata(fixture('adfs.signed.xml'), { trust: { certificates: [cert('metadata-signing')] } }).signature;
    expect(s).toMatchObject({ status: 'invalid', code: 'ERR_SIGNATURE_INVALID' });
  });

  it('signed by an attacker key that carries its own certificate, anchors given → invalid', () => {
    const forged = tenantMetadata({ id: '_t1', sign: true, signWith: 'attacker' });
    expect(parseMetadata(forged).signature).toMatchObject({ status: 'valid', trust: 'embedded-certificate' });
    expect(parseMetadata(forged, { trust: { certificates: [cert('idp-signing')] } }).signature).toMatchObject({ status: 'invalid', code: 'ERR_SIGNATURE_INVALID' });
  });

  it('pinned thumbprint that matches no embedded certificate → ERR_METADATA_SIGNATURE_UNTRUSTED', () => {
    const s = parseMetadata(fixture('adfs.signed.xml'), { trust: { thumbprints: ['00'.repeat(20)] } }).signature;
    expect(s).toMatchObject({ status: 'invalid', code: 'ERR_METADATA_SIGNATURE_UNTRUSTED' });
  });

  it('no anchors and no certificate in KeyInfo → ERR_METADATA_SIGNATURE_NO_KEY; with an anchor it verifies', () => {
    const xml = adfsMetadata({ signatureCertificate: null });
    expect(parseMetadata(xml).signature).toMatchObject({ status: 'invalid', code: 'ERR_METADATA_SIGNATURE_NO_KEY' });
    expect(parseMetadata(xml, { trust: { certificates: [cert('idp-signing')] } }).signature).toMatchObject({ status: 'valid', trust: 'trust-anchor' });
  });

  it('a signature on a child entity only is not a root signature', () => {
    const inner = tenantMetadata({ id: '_t2', sign: true });
    const doc = parseMetadata(aggregate([inner, spMetadata()]));
    expect(doc.signature).toEqual({ status: 'unsigned' });
    expect(doc.entities[0]!.signed).toBe(true);
  });

  it('profile violations surface the verifier codes (two Signatures, wrong Reference)', () => {
    const signed = adfsMetadata();
    const sig = /<ds:Signature[\s\S]*?<\/ds:Signature>/.exec(signed)![0];
    const twice = signed.replace(sig, sig + sig);
    expect(checkMetadataSignature(parseXml(twice).root)).toMatchObject({ status: 'invalid', code: 'ERR_SIGNATURE_MULTIPLE' });
    const otherRef = signed.replace(/URI="#[^"]+"/, 'URI="#_somewhere-else"');
    expect(checkMetadataSignature(parseXml(otherRef).root)).toMatchObject({ status: 'invalid', code: 'ERR_SIGNATURE_REFERENCE_URI' });
  });

  it('accepts Reference URI="" on the document root (OpenSAML metadata profile; SWAMID signs this way)', () => {
    // Same node-set as "#<root ID>", so the digest still matches; SignedInfo changed, so re-sign it.
    // parseXml's tree is read-only: re-sign by canonicalizing its SignedInfo and replacing the SignatureValue text.
    const unsigned = adfsMetadata().replace(/URI="#[^"]+"/, 'URI=""');
    const signedInfo = childNamed(childNamed(parseXml(unsigned).root, NS.DS, 'Signature')!, NS.DS, 'SignedInfo')!;
    const value = sign('sha256', Buffer.from(canonicalize(signedInfo, {})), createPrivateKey(readFileSync(new URL('../keys/idp-signing.key.pem', import.meta.url))));
    const xml = unsigned.replace(/(<ds:SignatureValue>)[^<]*(<\/ds:SignatureValue>)/, `$1${value.toString('base64')}$2`);
    expect(xml).not.toBe(unsigned);
    expect(checkMetadataSignature(parseXml(xml).root)).toMatchObject({ status: 'valid', trust: 'embedded-certificate' });
    // The same URI="" on a non-root element is still refused (tested in test/xml/dsig*.test.ts).
  });
});
