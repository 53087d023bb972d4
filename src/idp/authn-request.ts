/**
 * Read an AuthnRequest (SAML core 2.0 §3.4.1) from the HTTP-Redirect binding (SAML bindings 2.0
 * §3.4.4.1: DEFLATE, base64, URL-encoded `SAMLRequest`) or the HTTP-POST binding (§3.5.4:
 * base64 form field). Every request is hostile: encoded and inflated sizes are capped before
 * parsing, and the XML goes through samlfed's hardened `parseXml` (no DTDs, depth limit).
 */
import { inflateRawSync } from 'node:zlib';
import { isSamlfedError } from '../errors.js';
import { attr, childNamed, textOf } from '../xml/dom.js';
import { NS } from '../xml/namespaces.js';
import { parseXml } from '../xml/parse.js';
import { IdpError } from './errors.js';
import { isXmlSafe } from './xml-text.js';

/** Largest accepted `SAMLRequest` value (encoded) and decoded AuthnRequest. AuthnRequests are a few KB. */
export const MAX_ENCODED_REQUEST = 64 * 1024;
export const MAX_REQUEST_XML = 128 * 1024;
const MAX_DEPTH = 16;
const HTTP_POST = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';

export interface AuthnRequestInfo {
  /** AuthnRequest ID (echoed as InResponseTo). */
  readonly id: string;
  /** AssertionConsumerServiceURL, when the request carries one. */
  readonly acsUrl?: string;
  /** saml:Issuer: the SP's entityID, when present. */
  readonly issuer?: string;
  readonly binding: 'redirect' | 'post';
}

function decodeBase64(value: string): Buffer {
  const compact = value.replace(/[\r\n\t ]+/g, '');
  if (compact.length === 0 || compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) {
    throw new IdpError('ERR_IDP_REQUEST_ENCODING', 'Expected SAMLRequest to be base64, found other characters or a truncated value', { expected: 'base64' });
  }
  return Buffer.from(compact, 'base64');
}

/**
 * Decode and parse a `SAMLRequest` value.
 *
 * @throws {IdpError} ERR_IDP_REQUEST_MISSING, ERR_IDP_REQUEST_TOO_LARGE, ERR_IDP_REQUEST_ENCODING,
 *   ERR_IDP_REQUEST_INVALID (not well-formed, DTD, not an AuthnRequest, no ID, wrong binding).
 */
export function readAuthnRequest(samlRequest: string | undefined, binding: 'redirect' | 'post'): AuthnRequestInfo {
  if (samlRequest === undefined || samlRequest === '') {
    throw new IdpError('ERR_IDP_REQUEST_MISSING', `Expected a SAMLRequest ${binding === 'redirect' ? 'query parameter' : 'form field'}, found none`, { expected: 'SAMLRequest' });
  }
  if (samlRequest.length > MAX_ENCODED_REQUEST) {
    throw new IdpError('ERR_IDP_REQUEST_TOO_LARGE', `Expected a SAMLRequest of at most ${MAX_ENCODED_REQUEST} characters, found ${samlRequest.length}`, { expected: MAX_ENCODED_REQUEST, actual: samlRequest.length });
  }
  const raw = decodeBase64(samlRequest);
  let xml: Buffer = raw;
  if (binding === 'redirect') {
    try {
      xml = inflateRawSync(raw, { maxOutputLength: MAX_REQUEST_XML });
    } catch (e) {
      // zlib stops at maxOutputLength with a RangeError (node's buffer-too-large code); data errors are plain Errors.
      const tooBig = e instanceof RangeError;
      if (tooBig) throw new IdpError('ERR_IDP_REQUEST_TOO_LARGE', `Expected an inflated AuthnRequest of at most ${MAX_REQUEST_XML} bytes, found more`, { expected: MAX_REQUEST_XML });
      throw new IdpError('ERR_IDP_REQUEST_ENCODING', 'Expected SAMLRequest to be DEFLATE-compressed (HTTP-Redirect binding, SAML bindings 2.0 §3.4.4.1), found data that does not inflate', { expected: 'raw DEFLATE' });
    }
  }
  let root;
  try {
    root = parseXml(xml, { maxBytes: MAX_REQUEST_XML, maxDepth: MAX_DEPTH }).root;
  } catch (e) {
    if (isSamlfedError(e)) throw new IdpError('ERR_IDP_REQUEST_INVALID', `The AuthnRequest is not acceptable XML: ${e.code}: ${e.message}`, { cause: e });
    throw e;
  }
  if (root.namespaceURI !== NS.SAMLP || root.localName !== 'AuthnRequest') {
    throw new IdpError('ERR_IDP_REQUEST_INVALID', `Expected a samlp:AuthnRequest, found ${root.namespaceURI ? `{${root.namespaceURI}}` : ''}${root.localName}`, { expected: 'samlp:AuthnRequest', actual: root.localName });
  }
  const id = attr(root, 'ID');
  if (id === undefined || id === '' || id.length > 256 || !isXmlSafe(id)) {
    throw new IdpError('ERR_IDP_REQUEST_INVALID', 'Expected the AuthnRequest to carry an ID attribute (SAML core 2.0 §3.2.1) of at most 256 characters', { expected: 'ID', actual: id });
  }
  if (attr(root, 'Version') !== '2.0') {
    throw new IdpError('ERR_IDP_REQUEST_INVALID', `Expected AuthnRequest Version="2.0", found ${JSON.stringify(attr(root, 'Version') ?? null)}`, { expected: '2.0', actual: attr(root, 'Version') });
  }
  const protocolBinding = attr(root, 'ProtocolBinding');
  if (protocolBinding !== undefined && protocolBinding !== HTTP_POST) {
    throw new IdpError('ERR_IDP_REQUEST_INVALID', `Expected ProtocolBinding HTTP-POST (the only response binding this IdP supports), found ${protocolBinding}`, { expected: HTTP_POST, actual: protocolBinding });
  }
  const issuerEl = childNamed(root, NS.SAML, 'Issuer');
  const issuer = issuerEl ? textOf(issuerEl).trim() : undefined;
  const acsUrl = attr(root, 'AssertionConsumerServiceURL');
  return {
    id,
    binding,
    ...(acsUrl !== undefined ? { acsUrl: acsUrl.trim() } : {}),
    ...(issuer ? { issuer } : {}),
  };
}

/**
 * Check an ACS URL before a browser is sent there: absolute http(s), no credentials, XML-safe.
 *
 * @throws {IdpError} ERR_IDP_ACS_INVALID
 */
export function checkAcsUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new IdpError('ERR_IDP_ACS_INVALID', 'Expected AssertionConsumerServiceURL to be an absolute http(s) URL, found something else', { expected: 'http(s) URL', actual: value.slice(0, 200) });
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password || !isXmlSafe(value) || value.length > 2048) {
    throw new IdpError('ERR_IDP_ACS_INVALID', `Expected AssertionConsumerServiceURL to be an http(s) URL without credentials, found ${url.protocol}`, { expected: 'http(s) URL', actual: url.protocol });
  }
  return value;
}
