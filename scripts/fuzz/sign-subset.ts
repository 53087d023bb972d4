/**
 * Enveloped signatures made over samlfed's own canonical forms (src/xml/c14n.ts), for the c14n
 * differential (xmlsec1 must verify them) and for the verifier's tests of every c14n method.
 * Key: test/keys/idp-signing (rsa-sha256, sha256 digest).
 */
import { createHash, createPrivateKey, sign as cryptoSign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { canonicalize, xmlBaseFixupNeeded } from '../../src/xml/c14n.js';
import { parseXml } from '../../src/xml/parse.js';

type Element = ReturnType<typeof parseXml>['root'];
type Node = NonNullable<Element['parentNode']>;
import { C14N_METHODS, TRANSFORM, type C14nMethodInfo } from '../../src/xml/dsig/algorithms.js';

const KEYS = new URL('../../test/keys/', import.meta.url);
const PRIVATE = createPrivateKey(readFileSync(new URL('idp-signing.key.pem', KEYS), 'utf8'));
const DSIG = 'http://www.w3.org/2000/09/xmldsig#';
const EC = 'http://www.w3.org/2001/10/xml-exc-c14n#';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';

export interface SignedSubset {
  readonly xml: string;
  /** The same signature with empty DigestValue and SignatureValue, for `xmlsec1 --sign`. */
  readonly template: string;
  /** `[namespace:]localName` of the signed element (xmlsec1 `--id-attr:ID`). */
  readonly idNode: string;
  /** The methods used (C14N 1.1 is replaced by 1.0 where it would need xml:base fix-up). */
  readonly reference: C14nMethodInfo;
  readonly signedInfo: C14nMethodInfo;
}

export interface SignWith {
  readonly reference: C14nMethodInfo;
  readonly signedInfo: C14nMethodInfo;
  /** ec:InclusiveNamespaces PrefixList (exclusive methods only). */
  readonly referencePrefixList?: string | undefined;
  readonly signedInfoPrefixList?: string | undefined;
  /** `ds:`-prefixed Signature (else a default-namespace one). Default true. */
  readonly dsPrefix?: boolean;
  readonly commentInSignedInfo?: boolean;
  /** Keep C14N 1.1 even where it needs the xml:base fix-up samlfed does not implement (to test the refusal). */
  readonly allowXmlBaseFixup?: boolean;
}

/** The element whose `ID` attribute is `id`, by a walk with an explicit stack. */
export function findById(root: Element, id: string): Element | undefined {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.nodeType !== 1) continue;
    if ((n as Element).getAttribute('ID') === id) return n as Element;
    for (let c = n.lastChild; c !== null; c = c.previousSibling) stack.push(c);
  }
  return undefined;
}

/**
 * Insert an enveloped ds:Signature as the first child of the element with `ID="<id>"` in `xml`
 * (found textually: its start tag ends at the first '>' after the ID attribute, so attribute
 * values must not hold a literal '>'), with the digest and SignatureValue computed over
 * samlfed's canonical forms. The rest of the document is left byte for byte as it was.
 */
export function signEnvelopedWith(xml: string, id: string, o: SignWith): SignedSubset {
  const apex = findById(parseXml(xml).root, id);
  if (!apex) throw new TypeError(`signEnvelopedWith: no element with ID="${id}"`);
  // SignedInfo's ancestors are the Signature, the apex and the apex's ancestors.
  const fixup = (m: C14nMethodInfo, apexToo: boolean): C14nMethodInfo =>
    !o.allowXmlBaseFixup && m.mode === 'inclusive-1.1' && (xmlBaseFixupNeeded(apex) || (apexToo && apex.hasAttributeNS(XML_NS, 'base')))
      ? C14N_METHODS.get(m.withComments ? TRANSFORM.C14N_WITH_COMMENTS : TRANSFORM.C14N)!
      : m;
  const reference = fixup(o.reference, false);
  const signedInfo = fixup(o.signedInfo, true);
  const refList = reference.mode === 'exclusive' ? o.referencePrefixList : undefined;
  const siList = signedInfo.mode === 'exclusive' ? o.signedInfoPrefixList : undefined;
  const ds = o.dsPrefix === false ? '' : 'ds:';
  const decl = ds ? `xmlns:ds="${DSIG}"` : `xmlns="${DSIG}"`;
  const inc = (list: string | undefined, tag: string): string => (list === undefined ? `/>` : `><ec:InclusiveNamespaces xmlns:ec="${EC}" PrefixList="${list}"/></${ds}${tag}>`);
  const signature =
    `<${ds}Signature ${decl}><${ds}SignedInfo>` +
    `<${ds}CanonicalizationMethod Algorithm="${signedInfo.uri}"${inc(siList, 'CanonicalizationMethod')}` +
    (o.commentInSignedInfo ? '<!-- in SignedInfo -->' : '') +
    `<${ds}SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>` +
    `<${ds}Reference URI="#${id}"><${ds}Transforms><${ds}Transform Algorithm="${TRANSFORM.ENVELOPED}"/>` +
    `<${ds}Transform Algorithm="${reference.uri}"${inc(refList, 'Transform')}</${ds}Transforms>` +
    `<${ds}DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><${ds}DigestValue>@@DIGEST@@</${ds}DigestValue></${ds}Reference>` +
    `</${ds}SignedInfo><${ds}SignatureValue>@@SIGNATURE@@</${ds}SignatureValue></${ds}Signature>`;
  const at = xml.indexOf(` ID="${id}"`);
  const lt = xml.lastIndexOf('<', at);
  const name = /^<([^\s/>]+)/.exec(xml.slice(lt))![1]!;
  const gt = xml.indexOf('>', at);
  const withSig = xml[gt - 1] === '/' ? `${xml.slice(0, gt - 1)}>${signature}</${name}>${xml.slice(gt + 1)}` : `${xml.slice(0, gt + 1)}${signature}${xml.slice(gt + 1)}`;

  const signed1 = findById(parseXml(withSig).root, id)!;
  const digest = createHash('sha256')
    .update(canonicalize(signed1, { exclude: signed1.firstChild as Element, mode: reference.mode, ...(refList ? { inclusivePrefixes: refList.split(' ') } : {}) }), 'utf8')
    .digest('base64');
  const withDigest = withSig.replace('@@DIGEST@@', digest);
  const signed2 = findById(parseXml(withDigest).root, id)!;
  const signedInfoEl = (signed2.firstChild as Element).firstChild as Element;
  const canon = canonicalize(signedInfoEl, { mode: signedInfo.mode, withComments: signedInfo.withComments, ...(siList ? { inclusivePrefixes: siList.split(' ') } : {}) });
  const value = cryptoSign('sha256', Buffer.from(canon, 'utf8'), PRIVATE).toString('base64');
  return {
    xml: withDigest.replace('@@SIGNATURE@@', value),
    template: withSig.replace('@@DIGEST@@', '').replace('@@SIGNATURE@@', ''),
    idNode: (apex.namespaceURI ? apex.namespaceURI + ':' : '') + (apex.localName ?? apex.tagName),
    reference,
    signedInfo,
  };
}
