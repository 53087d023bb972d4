/**
 * Small in-test SAML Response builder for the verifier's unit tests (test/assertion/verify*.test.ts,
 * checks*.test.ts, test/cli/verify*.test.ts). Every knob is raw XML or a value; signing uses the
 * fixture signer (xml-crypto based) with the keys in test/keys/.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { signEnveloped, type SignEnvelopedOptions } from '../../scripts/fixtures/sign.js';
import { InMemoryReplayCache } from '../../src/assertion/replay.js';
import type { VerifyOptions } from '../../src/assertion/types.js';

export const KEYS = join(import.meta.dirname, '..', 'keys');
export const pem = (name: string): string => readFileSync(join(KEYS, name), 'utf8');

export const IDP = 'https://idp.partner.example/';
export const SP = 'https://sp.host.example/saml2';
export const ACS = 'https://sp.host.example/saml2/acs';
export const REQ = '_req-1';
export const NOW = new Date('2026-06-15T12:00:00Z');
/** NOW + seconds as xs:dateTime. */
export const at = (seconds: number): string => new Date(NOW.getTime() + seconds * 1000).toISOString();

const SAMLP = 'urn:oasis:names:tc:SAML:2.0:protocol';
const SAML = 'urn:oasis:names:tc:SAML:2.0:assertion';
export const SUCCESS = '<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>';

export interface BuildOptions {
  responseId?: string;
  assertionId?: string;
  version?: string;
  assertionVersion?: string;
  destination?: string | null;
  inResponseTo?: string | null;
  responseIssuer?: string | null;
  assertionIssuer?: string | null;
  issuerFormat?: string;
  status?: string;
  /** Raw NameID element (or other Subject identifier). */
  nameId?: string;
  /** Raw SubjectConfirmation elements; overrides `scd`. */
  confirmations?: string;
  scd?: { recipient?: string | null; notOnOrAfter?: string | null; notBefore?: string; inResponseTo?: string | null; method?: string };
  /** Raw Conditions element, or null to omit. */
  conditions?: string | null;
  /** Raw AuthnStatement, or null to omit. */
  authn?: string | null;
  /** Raw AttributeStatement content (Attribute elements). */
  attributes?: string;
  /** Raw XML inserted into the Response after the assertion. */
  afterAssertion?: string;
  /** Raw XML inserted into the Response before Status (e.g. samlp:Extensions). */
  beforeStatus?: string;
  /** Replace the whole assertion (e.g. an EncryptedAssertion). */
  assertionXml?: string;
}

const attrIf = (name: string, v: string | null | undefined): string => (v === null || v === undefined ? '' : ` ${name}="${v}"`);

export function conditionsXml(body = `<saml:AudienceRestriction><saml:Audience>${SP}</saml:Audience></saml:AudienceRestriction>`, notBefore: string | null = at(-60), notOnOrAfter: string | null = at(300)): string {
  return `<saml:Conditions${attrIf('NotBefore', notBefore)}${attrIf('NotOnOrAfter', notOnOrAfter)}>${body}</saml:Conditions>`;
}

export function assertionXml(o: BuildOptions = {}): string {
  const id = o.assertionId ?? '_assert-1';
  const issuer = o.assertionIssuer === null ? '' : `<saml:Issuer${attrIf('Format', o.issuerFormat)}>${o.assertionIssuer ?? IDP}</saml:Issuer>`;
  const scd = o.scd ?? {};
  const confirmations =
    o.confirmations ??
    `<saml:SubjectConfirmation Method="${scd.method ?? 'urn:oasis:names:tc:SAML:2.0:cm:bearer'}"><saml:SubjectConfirmationData${attrIf('InResponseTo', scd.inResponseTo === undefined ? REQ : scd.inResponseTo)}${attrIf('NotBefore', scd.notBefore)}${attrIf('NotOnOrAfter', scd.notOnOrAfter === undefined ? at(300) : scd.notOnOrAfter)}${attrIf('Recipient', scd.recipient === undefined ? ACS : scd.recipient)}/></saml:SubjectConfirmation>`;
  const nameId = o.nameId ?? '<saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">alice@partner.example</saml:NameID>';
  const conditions = o.conditions === null ? '' : (o.conditions ?? conditionsXml());
  const authn =
    o.authn === null
      ? ''
      : (o.authn ??
        `<saml:AuthnStatement AuthnInstant="${at(-120)}" SessionIndex="_session-1"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>`);
  const attrs = o.attributes === undefined ? '' : `<saml:AttributeStatement>${o.attributes}</saml:AttributeStatement>`;
  return `<saml:Assertion xmlns:saml="${SAML}" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ID="${id}" Version="${o.assertionVersion ?? '2.0'}" IssueInstant="${at(0)}">${issuer}<saml:Subject>${nameId}${confirmations}</saml:Subject>${conditions}${authn}${attrs}</saml:Assertion>`;
}

export function buildResponse(o: BuildOptions = {}): string {
  const issuer = o.responseIssuer === null ? '' : `<saml:Issuer${attrIf('Format', o.issuerFormat)}>${o.responseIssuer ?? IDP}</saml:Issuer>`;
  return (
    `<samlp:Response xmlns:samlp="${SAMLP}" xmlns:saml="${SAML}" ID="${o.responseId ?? '_resp-1'}" Version="${o.version ?? '2.0'}" IssueInstant="${at(0)}"` +
    `${attrIf('Destination', o.destination === undefined ? ACS : o.destination)}${attrIf('InResponseTo', o.inResponseTo === undefined ? REQ : o.inResponseTo)}>` +
    `${issuer}${o.beforeStatus ?? ''}${o.status ?? SUCCESS}${o.assertionXml ?? assertionXml(o)}${o.afterAssertion ?? ''}</samlp:Response>`
  );
}

export interface SignWith {
  assertion?: boolean;
  response?: boolean;
  key?: string;
  cert?: string;
  assertionId?: string;
  responseId?: string;
  signatureAlgorithm?: SignEnvelopedOptions['signatureAlgorithm'];
  digestAlgorithm?: SignEnvelopedOptions['digestAlgorithm'];
}

/** Sign the assertion and/or the response (assertion first, so the response signature covers it). */
export function sign(xml: string, w: SignWith = { assertion: true }): string {
  const base = {
    privateKeyPem: pem(`${w.key ?? 'idp-signing'}.key.pem`),
    certificatePem: pem(`${w.cert ?? w.key ?? 'idp-signing'}.crt.pem`),
    ...(w.signatureAlgorithm ? { signatureAlgorithm: w.signatureAlgorithm } : {}),
    ...(w.digestAlgorithm ? { digestAlgorithm: w.digestAlgorithm } : {}),
  };
  let out = xml;
  if (w.assertion) out = signEnveloped(out, { ...base, ref: { id: w.assertionId ?? '_assert-1' } });
  if (w.response) out = signEnveloped(out, { ...base, ref: { id: w.responseId ?? '_resp-1' } });
  return out;
}

/** Options that accept the default built response. Each call gets a fresh replay cache on NOW. */
export function options(extra: Partial<VerifyOptions> = {}): VerifyOptions {
  return {
    idp: { entityId: IDP, signingCerts: [pem('idp-signing.crt.pem')] },
    sp: { entityId: SP, acsUrls: [ACS] },
    now: NOW,
    requestId: REQ,
    replayCache: new InMemoryReplayCache({ now: () => NOW }),
    ...extra,
  };
}
