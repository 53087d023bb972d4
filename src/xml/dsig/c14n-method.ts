/**
 * The two canonicalization choices of an enveloped signature, checked against an explicit
 * allow-list: SignedInfo's CanonicalizationMethod (xmldsig-core 1.1 §4.4.1) and the Reference's
 * transform chain (§4.4.3.4), which must be exactly enveloped-signature (§6.6.4) followed by one
 * canonicalization (exclusive c14n 1.0, Canonical XML 1.0 or 1.1, each with or without comments).
 */
import { xmlBaseFixupNeeded, type CanonicalizeOptions } from '../c14n.js';
import { C14N_METHODS, TRANSFORM, type C14nMethodInfo } from './algorithms.js';
import { fail, type ParsedSignature } from './structure.js';

type Element = ParsedSignature['signature'];

const ACCEPTED = [...C14N_METHODS.keys()];

function show(v: string | undefined): string {
  return v === undefined ? '(no Algorithm attribute)' : JSON.stringify(v);
}

/**
 * Canonical XML 1.1 §2.4: when an omitted ancestor of the apex carries xml:base, the apex needs
 * "xml:base fix-up", which samlfed does not implement: refuse rather than hash other bytes.
 */
function refuseXmlBaseFixup(method: C14nMethodInfo, apex: Element, where: string, node: Element): void {
  if (method.mode !== 'inclusive-1.1') return;
  const holder = xmlBaseFixupNeeded(apex);
  if (holder) {
    fail(
      'ERR_SIGNATURE_C14N_UNSUPPORTED',
      `Expected no xml:base on the ancestors of <${apex.tagName}> for ${where} with Canonical XML 1.1, found one on <${holder.tagName}>: the xml:base fix-up of C14N 1.1 §2.4 is not supported`,
      'no xml:base on an ancestor of the canonicalized element',
      `xml:base on <${holder.tagName}>`,
      node,
    );
  }
}

/**
 * SignedInfo's CanonicalizationMethod: one of {@link C14N_METHODS}; an ec:InclusiveNamespaces
 * parameter only with exclusive c14n.
 *
 * @throws {SignatureError} `ERR_SIGNATURE_C14N_UNSUPPORTED` or `ERR_SIGNATURE_STRUCTURE`.
 */
export function signedInfoC14n(sig: ParsedSignature): { method: C14nMethodInfo; options: CanonicalizeOptions } {
  const uri = sig.canonicalizationAlgorithm;
  const method = uri === undefined ? undefined : C14N_METHODS.get(uri);
  if (!method) {
    fail('ERR_SIGNATURE_C14N_UNSUPPORTED', `Expected CanonicalizationMethod exclusive c14n, Canonical XML 1.0 or 1.1 (with or without comments), found ${show(uri)}`, ACCEPTED, uri, sig.canonicalizationMethod);
  }
  const prefixes = sig.signedInfoInclusivePrefixes;
  if (prefixes && method.mode !== 'exclusive') {
    fail('ERR_SIGNATURE_STRUCTURE', `Expected no ec:InclusiveNamespaces in CanonicalizationMethod ${method.name} (a parameter of exclusive c14n only), found one`, 'no parameters', 'ec:InclusiveNamespaces', sig.canonicalizationMethod);
  }
  refuseXmlBaseFixup(method, sig.signedInfo, 'ds:SignedInfo', sig.canonicalizationMethod);
  return { method, options: { mode: method.mode, withComments: method.withComments, ...(prefixes ? { inclusivePrefixes: prefixes } : {}) } };
}

/**
 * The Reference's transforms: exactly enveloped-signature, then one accepted canonicalization.
 * The bare enveloped-signature chain (implicit Canonical XML 1.0, xmldsig-core §4.4.3.2) is
 * refused: the chain must name its canonicalization.
 *
 * @throws {SignatureError} `ERR_SIGNATURE_TRANSFORM` or `ERR_SIGNATURE_C14N_UNSUPPORTED` (C14N 1.1 needing xml:base fix-up).
 */
export function referenceC14n(sig: ParsedSignature, element: Element): { method: C14nMethodInfo; inclusivePrefixes: readonly string[] | undefined } {
  const list = sig.transformList;
  const names = list.map((t) => t.algorithm ?? '(no Algorithm)');
  const expected = `${TRANSFORM.ENVELOPED}, then one of exc-c14n, Canonical XML 1.0 or 1.1 (with or without comments)`;
  const bad = (why: string, node: Element = sig.transforms ?? sig.reference): never =>
    fail('ERR_SIGNATURE_TRANSFORM', `Expected transforms ${expected}; ${why}`, expected, names, node);
  if (list.length === 0) bad('found none (an enveloped signature needs the enveloped-signature transform)');
  if (list.length > 2) bad(`found ${list.length} transforms`);
  const [first, second] = list;
  if (first!.algorithm !== TRANSFORM.ENVELOPED) {
    bad(`found ${show(first!.algorithm)} first`, first!.element);
  }
  if (first!.unexpectedChild || first!.inclusivePrefixes) {
    bad('found parameters in the enveloped-signature transform, which takes none (xmldsig-core §6.6.4)', first!.element);
  }
  if (second === undefined) {
    // Without an explicit c14n transform the node-set would be serialized with inclusive C14N 1.0 (xmldsig-core §4.4.3.2).
    return bad('found no canonicalization transform (the implicit Canonical XML 1.0 of xmldsig-core §4.4.3.2 must be named)');
  }
  const method = second.algorithm === undefined ? undefined : C14N_METHODS.get(second.algorithm);
  if (!method) {
    return bad(`found ${show(second.algorithm)} as the second transform`, second.element);
  }
  if (second.unexpectedChild) {
    bad(`found <${second.unexpectedChild.tagName}> in the ${method.name} transform (only ec:InclusiveNamespaces, and only for exc-c14n, is allowed)`, second.element);
  }
  if (second.inclusivePrefixes && method.mode !== 'exclusive') {
    bad(`found ec:InclusiveNamespaces in the ${method.name} transform (a parameter of exclusive c14n only)`, second.element);
  }
  refuseXmlBaseFixup(method, element, 'the Reference', second.element);
  return { method, inclusivePrefixes: method.mode === 'exclusive' ? second.inclusivePrefixes : undefined };
}
