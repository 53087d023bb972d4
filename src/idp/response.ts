/**
 * Build, sign (xml-crypto) and optionally encrypt (xml-encryption) the SAML 2.0 Response a
 * partner IdP POSTs to the SP's ACS (SAML core 2.0 §3.3.3 / §2.3.3; profiles 2.0 §4.1.4.2), in
 * the shape of each flavour:
 * - adfs: default-namespace Assertion, `Consent` on the Response, only the assertion signed,
 *   attributes named by claim URI without NameFormat, groups in `…/claims/Group`, AttributeStatement
 *   before AuthnStatement, persistent (or no) NameID, IssueInstant with milliseconds;
 * - tenant: `saml:`/`samlp:` prefixes, Response and assertion both signed, NameID = login name
 *   (unspecified), SessionNotOnOrAfter, attributes UserPrincipalName, Group (the partner's roles)
 *   and Email Address.
 */
import { createHash, randomUUID } from 'node:crypto';
import { ADFS_CLAIMS, NAMEID_FORMAT, TENANT_ATTRIBUTES } from './claims.js';
import { encryptAssertion } from './encrypt.js';
import type { IdpIdentity } from './identity.js';
import { signElement } from './sign.js';
import { esc, isoMillis, isoSeconds } from './xml-text.js';

export type NameIdMode = 'persistent' | 'email' | 'unspecified' | 'none';

export interface IssueRequest {
  /** ID of the AuthnRequest answered (InResponseTo); absent = IdP-initiated. */
  readonly id?: string;
  /** The SP's ACS URL: Destination, Recipient and where the form posts. */
  readonly acsUrl: string;
  /** The SP's entityID: the Audience. */
  readonly spEntityId: string;
}

export interface IssueUser {
  /** Login name (UPN / e-mail), e.g. `alice@acme.example`. */
  readonly name: string;
  /** Group attribute values to send (AD FS groups or the partner tenant's roles). */
  readonly groups: readonly string[];
}

export interface IssueOptions {
  readonly request: IssueRequest;
  readonly user: IssueUser;
  readonly now: Date;
  /** adfs default `persistent`, tenant default `unspecified`; `none` sends a Subject without NameID (AD FS without a NameID rule). */
  readonly nameId?: NameIdMode;
  /** Encrypt the signed assertion to this SP certificate (PEM). */
  readonly encryptToCertPem?: string;
  /** Conditions lifetime in seconds (default 3600, AD FS's token lifetime); the bearer confirmation lasts 300 s. */
  readonly lifetimeSeconds?: number;
}

export interface IssuedResponse {
  readonly xml: string;
  /** The `SAMLResponse` form value (base64 of the UTF-8 XML, SAML bindings 2.0 §3.5.4). */
  readonly samlResponse: string;
  readonly responseId: string;
  readonly assertionId: string;
}

const BEARER = 'urn:oasis:names:tc:SAML:2.0:cm:bearer';
const SUCCESS = 'urn:oasis:names:tc:SAML:2.0:status:Success';
const PPT = 'urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport';
const SAML_NS = 'urn:oasis:names:tc:SAML:2.0:assertion';
const SAMLP_NS = 'urn:oasis:names:tc:SAML:2.0:protocol';
const CONSENT_UNSPECIFIED = 'urn:oasis:names:tc:SAML:2.0:consent:unspecified';

const plus = (d: Date, s: number): Date => new Date(d.getTime() + s * 1000);

function nameIdXml(mode: NameIdMode, p: string, id: IdpIdentity, opts: IssueOptions): string {
  if (mode === 'none') return '';
  let format: string;
  let value: string;
  if (mode === 'persistent') {
    // AD FS "persistent" identifiers are opaque and stable per user and relying party.
    format = NAMEID_FORMAT.PERSISTENT;
    value = createHash('sha256').update(`${id.entityId}\n${opts.request.spEntityId}\n${opts.user.name}`).digest('base64');
  } else {
    format = mode === 'email' ? NAMEID_FORMAT.EMAIL : NAMEID_FORMAT.UNSPECIFIED;
    value = opts.user.name;
  }
  return `<${p}NameID Format="${format}">${esc(value)}</${p}NameID>`;
}

function attribute(p: string, name: string, values: readonly string[]): string {
  if (values.length === 0) return '';
  return `<${p}Attribute Name="${esc(name)}">${values.map((v) => `<${p}AttributeValue>${esc(v)}</${p}AttributeValue>`).join('')}</${p}Attribute>`;
}

/** The self-contained (own namespace declarations), unsigned assertion. */
function assertionXml(id: IdpIdentity, opts: IssueOptions, assertionId: string): string {
  const adfs = id.flavour === 'adfs';
  const p = adfs ? '' : 'saml:';
  const now = opts.now;
  const instant = adfs ? isoMillis(now) : isoSeconds(now);
  const inResponseTo = opts.request.id === undefined ? '' : ` InResponseTo="${esc(opts.request.id)}"`;
  const subject =
    `<${p}Subject>${nameIdXml(opts.nameId ?? (adfs ? 'persistent' : 'unspecified'), p, id, opts)}` +
    `<${p}SubjectConfirmation Method="${BEARER}"><${p}SubjectConfirmationData${inResponseTo} NotOnOrAfter="${isoMillis(plus(now, 300))}" Recipient="${esc(opts.request.acsUrl)}"/></${p}SubjectConfirmation></${p}Subject>`;
  const conditions =
    `<${p}Conditions NotBefore="${instant}" NotOnOrAfter="${isoMillis(plus(now, opts.lifetimeSeconds ?? 3600))}">` +
    `<${p}AudienceRestriction><${p}Audience>${esc(opts.request.spEntityId)}</${p}Audience></${p}AudienceRestriction></${p}Conditions>`;
  const authn = (sessionNotOnOrAfter: string) =>
    `<${p}AuthnStatement AuthnInstant="${isoMillis(plus(now, -1))}" SessionIndex="${assertionId}"${sessionNotOnOrAfter}>` +
    `<${p}AuthnContext><${p}AuthnContextClassRef>${PPT}</${p}AuthnContextClassRef></${p}AuthnContext></${p}AuthnStatement>`;
  const u = opts.user;
  if (adfs) {
    const attrs = attribute(p, ADFS_CLAIMS.UPN, [u.name]) + attribute(p, ADFS_CLAIMS.EMAIL, [u.name]) + attribute(p, ADFS_CLAIMS.GROUP, u.groups);
    return (
      `<Assertion ID="${assertionId}" IssueInstant="${instant}" Version="2.0" xmlns="${SAML_NS}"><Issuer>${esc(id.entityId)}</Issuer>` +
      `${subject}${conditions}<AttributeStatement>${attrs}</AttributeStatement>${authn('')}</Assertion>`
    );
  }
  const attrs = attribute(p, TENANT_ATTRIBUTES.UPN, [u.name]) + attribute(p, TENANT_ATTRIBUTES.GROUP, u.groups) + attribute(p, TENANT_ATTRIBUTES.EMAIL, [u.name]);
  return (
    `<saml:Assertion ID="${assertionId}" IssueInstant="${instant}" Version="2.0" xmlns:saml="${SAML_NS}"><saml:Issuer>${esc(id.entityId)}</saml:Issuer>` +
    `${subject}${conditions}${authn(` SessionNotOnOrAfter="${isoSeconds(plus(now, 8 * 3600))}"`)}<saml:AttributeStatement>${attrs}</saml:AttributeStatement></saml:Assertion>`
  );
}

/**
 * Issue a signed Response for `opts.user` answering `opts.request`, as the flavour of `id` would.
 * Signing and encryption use xml-crypto and xml-encryption, never samlfed's own XML code.
 */
export async function issueResponse(id: IdpIdentity, opts: IssueOptions): Promise<IssuedResponse> {
  const adfs = id.flavour === 'adfs';
  const responseId = `_${randomUUID()}`;
  const assertionId = `_${randomUUID()}`;
  const keys = { privateKeyPem: id.signing.privateKeyPem, certificatePem: id.signing.certificatePem };
  let assertion = signElement(assertionXml(id, opts, assertionId), { id: assertionId, ...keys, placement: 'after-issuer' });
  if (opts.encryptToCertPem !== undefined) assertion = await encryptAssertion(assertion, opts.encryptToCertPem, adfs ? null : 'saml');
  const instant = adfs ? isoMillis(opts.now) : isoSeconds(opts.now);
  const inResponseTo = opts.request.id === undefined ? '' : ` InResponseTo="${esc(opts.request.id)}"`;
  const destination = ` Destination="${esc(opts.request.acsUrl)}"`;
  let xml: string;
  if (adfs) {
    xml =
      `<samlp:Response ID="${responseId}" Version="2.0" IssueInstant="${instant}"${destination} Consent="${CONSENT_UNSPECIFIED}"${inResponseTo} xmlns:samlp="${SAMLP_NS}">` +
      `<Issuer xmlns="${SAML_NS}">${esc(id.entityId)}</Issuer><samlp:Status><samlp:StatusCode Value="${SUCCESS}"/></samlp:Status>${assertion}</samlp:Response>`;
  } else {
    xml =
      `<samlp:Response ID="${responseId}" Version="2.0" IssueInstant="${instant}"${destination}${inResponseTo} xmlns:samlp="${SAMLP_NS}" xmlns:saml="${SAML_NS}">` +
      `<saml:Issuer>${esc(id.entityId)}</saml:Issuer><samlp:Status><samlp:StatusCode Value="${SUCCESS}"/></samlp:Status>${assertion}</samlp:Response>`;
    xml = signElement(xml, { id: responseId, ...keys, placement: 'after-issuer' });
  }
  xml = `<?xml version="1.0" encoding="UTF-8"?>${xml}`;
  return { xml, samlResponse: Buffer.from(xml, 'utf8').toString('base64'), responseId, assertionId };
}
