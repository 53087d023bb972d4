/**
 * Enveloped XML signatures for the simulator, made with xml-crypto (`SignedXml`): an
 * implementation independent of samlfed's own c14n and verifier (src/xml/), so that every
 * Response the simulator issues checks samlfed's verifier against XML it did not write.
 *
 * Profile: rsa-sha256, sha256 digest, transforms enveloped-signature + exc-c14n, SignedInfo
 * canonicalized with exc-c14n, the `ds:` prefix, the signing certificate in KeyInfo. This is
 * what AD FS and the tenant send (SAML core 2.0 §5.4.1-§5.4.4).
 */
import { SignedXml } from 'xml-crypto';

const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';
const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
const SHA256 = 'http://www.w3.org/2001/04/xmlenc#sha256';
const SAML_NS = 'urn:oasis:names:tc:SAML:2.0:assertion';

export interface SignElementOptions {
  /** ID attribute value of the element to sign (SAML `ID`; metadata `ID`). Plain NCName chars only. */
  readonly id: string;
  readonly privateKeyPem: string;
  readonly certificatePem: string;
  /**
   * `after-issuer`: right after the element's saml:Issuer child (SAML core 2.0 §5.4.1, schema
   * order of Response and Assertion); `first-child`: metadata (SAML metadata 2.0 §3.1).
   */
  readonly placement: 'after-issuer' | 'first-child';
}

/**
 * Sign the element whose `ID` is `opts.id` inside `xml` and return the whole document.
 *
 * @throws {TypeError} when the ID is not a plain identifier (the simulator makes its own IDs).
 */
export function signElement(xml: string, opts: SignElementOptions): string {
  if (!/^[A-Za-z_][\w.-]*$/.test(opts.id)) throw new TypeError(`signElement: ID ${JSON.stringify(opts.id)} is not a plain NCName`);
  const sx = new SignedXml({
    privateKey: opts.privateKeyPem,
    publicCert: opts.certificatePem,
    canonicalizationAlgorithm: EXC_C14N,
    signatureAlgorithm: RSA_SHA256,
  });
  const target = `//*[@ID='${opts.id}']`;
  sx.addReference({ xpath: target, transforms: [ENVELOPED, EXC_C14N], digestAlgorithm: SHA256 });
  const location =
    opts.placement === 'after-issuer'
      ? { reference: `${target}/*[local-name()='Issuer' and namespace-uri()='${SAML_NS}']`, action: 'after' as const }
      : { reference: target, action: 'prepend' as const };
  sx.computeSignature(xml, { prefix: 'ds', location });
  return sx.getSignedXml();
}
