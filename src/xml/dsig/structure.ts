/**
 * Reads the shape of one enveloped ds:Signature (xmldsig-core §4) without trusting any of it:
 * every child is checked for name, namespace, count and schema order, so the verifier only
 * ever looks at one SignedInfo, one Reference, one DigestValue and one SignatureValue.
 */
import type { Element, Node } from '../tree.js';
import { attr, positionOfNode, textOf } from '../dom.js';
import { NS } from '../namespaces.js';
import { SignatureError, type SignatureErrorCode } from './errors.js';

const ELEMENT = 1;

export interface ParsedTransform {
  readonly element: Element;
  readonly algorithm: string | undefined;
  /** ec:InclusiveNamespaces/@PrefixList split on whitespace, when present. */
  readonly inclusivePrefixes: readonly string[] | undefined;
  /** Child elements other than one ec:InclusiveNamespaces (not allowed). */
  readonly unexpectedChild: Element | undefined;
}

export interface ParsedSignature {
  readonly signature: Element;
  readonly signedInfo: Element;
  readonly canonicalizationMethod: Element;
  readonly canonicalizationAlgorithm: string | undefined;
  readonly signedInfoInclusivePrefixes: readonly string[] | undefined;
  readonly signatureMethod: Element;
  readonly signatureAlgorithm: string | undefined;
  readonly reference: Element;
  readonly transforms: Element | undefined;
  readonly transformList: readonly ParsedTransform[];
  readonly digestMethod: Element;
  readonly digestAlgorithm: string | undefined;
  readonly digestValue: Element;
  readonly signatureValue: Element;
  readonly keyInfo: Element | undefined;
}

/** Throw a SignatureError located at `node`. */
export function fail(code: SignatureErrorCode, message: string, expected: unknown, actual: unknown, node?: Node): never {
  throw new SignatureError(code, message, { expected, actual, ...(node ? positionOfNode(node) : {}) });
}

function elementChildren(el: Element): Element[] {
  const out: Element[] = [];
  for (let n = el.firstChild; n !== null; n = n.nextSibling) if (n.nodeType === ELEMENT) out.push(n as Element);
  return out;
}

function describe(el: Element | undefined): string {
  if (!el) return '(nothing)';
  return el.namespaceURI === NS.DS ? `ds:${el.localName}` : `<${el.tagName}> (namespace ${el.namespaceURI ?? 'none'})`;
}

const isDs = (el: Element | undefined, local: string): el is Element => !!el && el.namespaceURI === NS.DS && el.localName === local;

/**
 * Direct ds:Signature children of `element`.
 *
 * @throws {SignatureError} `ERR_SIGNATURE_MISSING` (none) or `ERR_SIGNATURE_MULTIPLE` (more than one).
 */
export function findSignatureChild(element: Element): Element {
  const found: Element[] = [];
  for (let n = element.firstChild; n !== null; n = n.nextSibling) {
    if (n.nodeType === ELEMENT && isDs(n as Element, 'Signature')) found.push(n as Element);
  }
  if (found.length === 0) {
    fail('ERR_SIGNATURE_MISSING', `Expected a ds:Signature as a direct child of <${element.tagName}>, found none`, 'one ds:Signature child', 'none', element);
  }
  if (found.length > 1) {
    fail('ERR_SIGNATURE_MULTIPLE', `Expected exactly one ds:Signature directly under <${element.tagName}>, found ${found.length}`, 1, found.length, found[1]);
  }
  return found[0]!;
}

/** Split a PrefixList (exc-c14n §4.1: whitespace-separated NMTOKENS, `#default`). */
function prefixList(el: Element, parentName: string): { prefixes: string[] | undefined; unexpected: Element | undefined } {
  const kids = elementChildren(el);
  let prefixes: string[] | undefined;
  let unexpected: Element | undefined;
  for (const k of kids) {
    if (prefixes === undefined && k.namespaceURI === NS.EC && k.localName === 'InclusiveNamespaces') {
      const list = attr(k, 'PrefixList');
      if (list === undefined) {
        fail('ERR_SIGNATURE_STRUCTURE', `Expected ec:InclusiveNamespaces in ${parentName} to carry a PrefixList attribute, found none`, 'PrefixList', '(absent)', k);
      }
      prefixes = list.split(/[ \t\r\n]+/).filter((p) => p !== '');
    } else {
      unexpected ??= k;
    }
  }
  return { prefixes, unexpected };
}

/**
 * Check and read the structure of `signature` (a direct ds:Signature child of the signed element).
 * Algorithm URIs are returned as written; the verifier judges them.
 *
 * @throws {SignatureError} `ERR_SIGNATURE_OBJECT`, `ERR_SIGNATURE_STRUCTURE`, `ERR_SIGNATURE_REFERENCE_COUNT`.
 */
export function readSignature(signature: Element): ParsedSignature {
  // xmldsig-core §4.1: Signature = SignedInfo, SignatureValue, KeyInfo?, Object*. Object refused outright.
  const kids = elementChildren(signature);
  const object = kids.find((k) => isDs(k, 'Object'));
  if (object) {
    fail('ERR_SIGNATURE_OBJECT', 'Expected a ds:Signature without ds:Object (content an attacker could make the Reference point at), found a ds:Object', 'no ds:Object', 'ds:Object', object);
  }
  const [signedInfo, signatureValue, keyInfo, extra] = kids;
  if (!isDs(signedInfo, 'SignedInfo')) {
    fail('ERR_SIGNATURE_STRUCTURE', `Expected ds:SignedInfo as the first child of ds:Signature, found ${describe(signedInfo)}`, 'ds:SignedInfo', describe(signedInfo), signedInfo ?? signature);
  }
  if (!isDs(signatureValue, 'SignatureValue')) {
    fail('ERR_SIGNATURE_STRUCTURE', `Expected ds:SignatureValue right after ds:SignedInfo, found ${describe(signatureValue)}`, 'ds:SignatureValue', describe(signatureValue), signatureValue ?? signature);
  }
  if (keyInfo !== undefined && !isDs(keyInfo, 'KeyInfo')) {
    fail('ERR_SIGNATURE_STRUCTURE', `Expected at most a ds:KeyInfo after ds:SignatureValue, found ${describe(keyInfo)}`, 'ds:KeyInfo or nothing', describe(keyInfo), keyInfo);
  }
  if (extra !== undefined) {
    fail('ERR_SIGNATURE_STRUCTURE', `Expected nothing after ds:KeyInfo in ds:Signature, found ${describe(extra)}`, 'nothing', describe(extra), extra);
  }
  if (elementChildren(signatureValue).length > 0) {
    fail('ERR_SIGNATURE_STRUCTURE', 'Expected ds:SignatureValue to hold base64 text only, found child elements', 'text', 'elements', signatureValue);
  }

  // xmldsig-core §4.4: SignedInfo = CanonicalizationMethod, SignatureMethod, Reference+.
  const si = elementChildren(signedInfo);
  const [c14n, sigMethod] = si;
  if (!isDs(c14n, 'CanonicalizationMethod')) {
    fail('ERR_SIGNATURE_STRUCTURE', `Expected ds:CanonicalizationMethod as the first child of ds:SignedInfo, found ${describe(c14n)}`, 'ds:CanonicalizationMethod', describe(c14n), c14n ?? signedInfo);
  }
  if (!isDs(sigMethod, 'SignatureMethod')) {
    fail('ERR_SIGNATURE_STRUCTURE', `Expected ds:SignatureMethod right after ds:CanonicalizationMethod, found ${describe(sigMethod)}`, 'ds:SignatureMethod', describe(sigMethod), sigMethod ?? signedInfo);
  }
  const rest = si.slice(2);
  const notRef = rest.find((k) => !isDs(k, 'Reference'));
  if (notRef) {
    fail('ERR_SIGNATURE_STRUCTURE', `Expected only ds:Reference elements after ds:SignatureMethod in ds:SignedInfo, found ${describe(notRef)}`, 'ds:Reference', describe(notRef), notRef);
  }
  if (rest.length !== 1) {
    fail('ERR_SIGNATURE_REFERENCE_COUNT', `Expected exactly one ds:Reference in ds:SignedInfo, found ${rest.length}`, 1, rest.length, rest[1] ?? signedInfo);
  }
  const reference = rest[0]!;
  const c14nParams = prefixList(c14n, 'ds:CanonicalizationMethod');
  if (c14nParams.unexpected) {
    fail('ERR_SIGNATURE_STRUCTURE', `Expected ds:CanonicalizationMethod to hold at most one ec:InclusiveNamespaces, found ${describe(c14nParams.unexpected)}`, 'ec:InclusiveNamespaces', describe(c14nParams.unexpected), c14nParams.unexpected);
  }

  // xmldsig-core §4.4.3: Reference = Transforms?, DigestMethod, DigestValue.
  const rk = elementChildren(reference);
  let i = 0;
  const transforms = isDs(rk[0], 'Transforms') ? rk[i++] : undefined;
  const digestMethod = rk[i++];
  const digestValue = rk[i++];
  if (!isDs(digestMethod, 'DigestMethod')) {
    fail('ERR_SIGNATURE_STRUCTURE', `Expected ds:DigestMethod in ds:Reference${transforms ? ' after ds:Transforms' : ''}, found ${describe(digestMethod)}`, 'ds:DigestMethod', describe(digestMethod), digestMethod ?? reference);
  }
  if (!isDs(digestValue, 'DigestValue')) {
    fail('ERR_SIGNATURE_STRUCTURE', `Expected ds:DigestValue after ds:DigestMethod, found ${describe(digestValue)}`, 'ds:DigestValue', describe(digestValue), digestValue ?? reference);
  }
  if (rk[i] !== undefined) {
    fail('ERR_SIGNATURE_STRUCTURE', `Expected nothing after ds:DigestValue in ds:Reference, found ${describe(rk[i])}`, 'nothing', describe(rk[i]), rk[i]);
  }

  const transformList: ParsedTransform[] = [];
  if (transforms) {
    for (const t of elementChildren(transforms)) {
      if (!isDs(t, 'Transform')) {
        fail('ERR_SIGNATURE_TRANSFORM', `Expected only ds:Transform elements in ds:Transforms, found ${describe(t)}`, 'ds:Transform', describe(t), t);
      }
      const p = prefixList(t, 'ds:Transform');
      transformList.push({ element: t, algorithm: attr(t, 'Algorithm'), inclusivePrefixes: p.prefixes, unexpectedChild: p.unexpected });
    }
  }

  return {
    signature,
    signedInfo,
    canonicalizationMethod: c14n,
    canonicalizationAlgorithm: attr(c14n, 'Algorithm'),
    signedInfoInclusivePrefixes: c14nParams.prefixes,
    signatureMethod: sigMethod,
    signatureAlgorithm: attr(sigMethod, 'Algorithm'),
    reference,
    transforms,
    transformList,
    digestMethod,
    digestAlgorithm: attr(digestMethod, 'Algorithm'),
    digestValue,
    signatureValue,
    keyInfo: isDs(keyInfo, 'KeyInfo') ? keyInfo : undefined,
  };
}

/**
 * Decode an xs:base64Binary value read with `textOf` (comments cannot truncate it); XML
 * whitespace inside is dropped (pretty-printed values are line-wrapped).
 *
 * @throws {SignatureError} `ERR_SIGNATURE_STRUCTURE` when it is not base64.
 */
export function base64Of(el: Element, what: string): Buffer {
  const text = textOf(el).replace(/[ \t\r\n]+/g, '');
  if (text === '' || text.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(text)) {
    const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
    fail('ERR_SIGNATURE_STRUCTURE', `Expected ${what} to be base64, found ${JSON.stringify(shown)}`, 'base64', shown, el);
  }
  return Buffer.from(text, 'base64');
}
