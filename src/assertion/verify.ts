import { parseXml } from '../xml/parse.js';
import { indexIds } from '../xml/ids.js';
import { AssertionError } from './errors.js';
import { DEFAULT_MAX_RESPONSE_BYTES, decodeResponseInput } from './input.js';
import { resolveIdp } from './trust.js';
import { checkEnvelope } from './envelope.js';
import { checkStatus } from './status.js';
import { checkDestination, checkResponseInResponseTo } from './addressing.js';
import { checkAssertionIssuer, checkResponseIssuer } from './issuer.js';
import { locateAssertion } from './locate.js';
import { verifySignedAssertion } from './signature.js';
import { decryptionKeyObjects } from './encrypted.js';
import { checkAssertionHeader } from './header.js';
import { checkSubject } from './subject.js';
import { checkConditions } from './conditions.js';
import { checkAuthnStatement } from './authn.js';
import { readAttributes } from './attributes.js';
import { applyProfile } from './profile.js';
import { defaultReplayCache } from './replay.js';
import type { CheckContext, ReplayCache, VerifiedLogin, VerifiedLoginNameIdOptional, VerifyOptions } from './types.js';

/** Default allowed clock difference, seconds. */
export const DEFAULT_CLOCK_SKEW_SECONDS = 180;

/**
 * The login type for options `O`: `VerifiedLogin` (a NameID is always there) unless the options
 * set `requireNameId` to `false` or to a boolean that may be false; then `nameId` may be `undefined`.
 */
export type LoginFor<O extends VerifyOptions> = O extends { readonly requireNameId: infer R } ? (false extends R ? VerifiedLoginNameIdOptional : VerifiedLogin) : VerifiedLogin;

/**
 * Verify a SAML 2.0 Response received at an Assertion Consumer Service (Web Browser SSO,
 * SAML profiles 2.0 §4.1) and return the login it carries.
 *
 * The input (XML, or the base64 `SAMLResponse` form value) is parsed once with the hardened
 * parser; the Response envelope, status, destination and issuer are checked; exactly one
 * assertion must be present (decrypted if encrypted); the IdP's signature over the assertion
 * or over the Response is verified with the IdP's keys only; then every value is read from
 * what that signature covered: issuer, subject and bearer confirmation, conditions, authn
 * statement, attributes. The assertion ID is recorded in the replay cache only after every
 * check passed.
 *
 * @throws {TypeError} for caller mistakes (missing or malformed options).
 * @returns a promise rejected with an {@link AssertionError}, `XmlError` or `SignatureError`
 *   (all `SamlfedError`) whose `code` names the failed check (docs/errors/assertion.md).
 */
export function verifyResponse<O extends VerifyOptions>(input: string | Uint8Array, options: O): Promise<LoginFor<O>>;
export async function verifyResponse(input: string | Uint8Array, options: VerifyOptions): Promise<VerifiedLoginNameIdOptional> {
  const o = validateOptions(options);
  const idp = resolveIdp(options.idp);
  const decryptionKeys = decryptionKeyObjects(options.decryptionKeys);
  const warnings: string[] = [];
  const ctx: CheckContext = {
    now: o.now,
    skewMs: o.skewSeconds * 1000,
    sp: options.sp,
    idpEntityId: idp.entityId,
    ...(options.requestId !== undefined ? { requestId: options.requestId } : {}),
    rejectUnsolicitedInResponseTo: options.rejectUnsolicitedInResponseTo === true,
    requireNameId: options.requireNameId !== false,
    warnings,
  };

  // 1. One parse, one tree: everything below reads from it (perf-notes: never two parsers).
  const xml = decodeResponseInput(input, o.maxBytes);
  const { root } = parseXml(xml, { maxBytes: o.maxBytes });
  const responseId = checkEnvelope(root);
  indexIds(root);
  // 2-3. Envelope: status, addressing, issuer.
  checkStatus(root);
  checkDestination(root, options.sp);
  checkResponseIssuer(root, idp.entityId);
  const responseInResponseTo = checkResponseInResponseTo(root, ctx);
  // 4. Exactly one assertion, a direct child of the Response.
  const located = locateAssertion(root);
  // 5. Signatures; from here on only the verified assertion is read.
  const signed = verifySignedAssertion(root, located, {
    keys: idp.keys,
    allowSha1: options.allowSha1 === true,
    decryptionKeys,
    allowRsa15: options.allowRsa15 === true,
    maxBytes: o.maxBytes,
  });
  warnings.push(...signed.warnings);
  const assertion = signed.assertion;
  const assertionId = checkAssertionHeader(assertion);
  // 6-8. Issuer, subject, conditions, authn statement.
  const issuer = checkAssertionIssuer(assertion, idp.entityId);
  const subject = checkSubject(assertion, ctx);
  const conditions = checkConditions(assertion, ctx);
  const authn = checkAuthnStatement(assertion, ctx);
  // 10. Attributes and partner profile.
  const attrs = readAttributes(assertion, warnings);
  const groups = applyProfile(idp.flavour, options.profile, attrs, warnings);

  // 9. Replay (profiles §4.1.4.5; OneTimeUse, core §2.5.1.5): recorded only now that every check passed,
  // until the last moment any bearer confirmation (not only the one that qualified now) or the
  // Conditions could still accept the assertion, on the same clock as every other check.
  const expiresAt = new Date(
    Math.max(subject.replayNotOnOrAfter.getTime(), conditions.notOnOrAfter?.getTime() ?? 0) + ctx.skewMs,
  );
  await checkAndRecordReplay(options.replayCache ?? defaultReplayCache, assertionId, expiresAt, ctx.now);

  // The Response's own InResponseTo is reported only when the Response signature covered it.
  const inResponseTo = subject.inResponseTo ?? (signed.signedElement === 'assertion' ? undefined : responseInResponseTo);
  return {
    issuer,
    nameId: subject.nameId,
    ...(authn.sessionIndex !== undefined ? { sessionIndex: authn.sessionIndex } : {}),
    ...(authn.authnInstant ? { authnInstant: authn.authnInstant } : {}),
    ...(authn.authnContextClassRef !== undefined ? { authnContextClassRef: authn.authnContextClassRef } : {}),
    attributes: attrs.attributes,
    attributeDetails: attrs.attributeDetails,
    assertionId,
    responseId,
    ...(inResponseTo !== undefined ? { inResponseTo } : {}),
    ...(conditions.notBefore ? { notBefore: conditions.notBefore } : {}),
    ...(conditions.notOnOrAfter ? { notOnOrAfter: conditions.notOnOrAfter } : {}),
    subjectNotOnOrAfter: subject.subjectNotOnOrAfter,
    ...(authn.sessionNotOnOrAfter ? { sessionNotOnOrAfter: authn.sessionNotOnOrAfter } : {}),
    signedElement: signed.signedElement,
    groups,
    warnings,
  };
}

/**
 * Check-then-record. With a synchronous cache (the in-memory default) this runs without
 * yielding, so two concurrent verifies of the same message cannot both pass.
 */
async function checkAndRecordReplay(cache: ReplayCache, id: string, expiresAt: Date, now: Date): Promise<void> {
  const seenResult = cache.has(id, now);
  const seen = isPromise(seenResult) ? await seenResult : seenResult;
  if (seen) {
    throw new AssertionError('ERR_ASSERTION_REPLAYED', `Expected an assertion ID not seen before, found ${JSON.stringify(id)} already used (replay; SAML profiles 2.0 §4.1.4.5)`, {
      expected: 'an unused assertion ID',
      actual: id,
    });
  }
  const added = cache.add(id, expiresAt, now);
  if (isPromise(added)) await added;
}

function isPromise<T>(v: T | Promise<T>): v is Promise<T> {
  return typeof (v as { then?: unknown } | null)?.then === 'function';
}

function validateOptions(options: VerifyOptions): { now: Date; skewSeconds: number; maxBytes: number } {
  if (options === null || typeof options !== 'object') throw new TypeError('verifyResponse: options are required');
  const sp = options.sp;
  if (!sp || typeof sp.entityId !== 'string' || sp.entityId === '') throw new TypeError('verifyResponse: options.sp.entityId must be a non-empty string');
  if (!Array.isArray(sp.acsUrls) || sp.acsUrls.length === 0 || sp.acsUrls.some((u) => typeof u !== 'string' || u === '')) {
    throw new TypeError('verifyResponse: options.sp.acsUrls must be a non-empty array of URLs');
  }
  const now = options.now ?? new Date();
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw new TypeError('verifyResponse: options.now must be a valid Date');
  const skewSeconds = options.clockSkewSeconds ?? DEFAULT_CLOCK_SKEW_SECONDS;
  if (typeof skewSeconds !== 'number' || !Number.isFinite(skewSeconds) || skewSeconds < 0) throw new TypeError('verifyResponse: options.clockSkewSeconds must be a non-negative number');
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  if (typeof maxBytes !== 'number' || !Number.isInteger(maxBytes) || maxBytes <= 0) throw new TypeError('verifyResponse: options.maxBytes must be a positive integer');
  if (options.requestId !== undefined && (typeof options.requestId !== 'string' || options.requestId === '')) {
    throw new TypeError('verifyResponse: options.requestId must be a non-empty string when given');
  }
  if (options.replayCache !== undefined && (typeof options.replayCache?.has !== 'function' || typeof options.replayCache?.add !== 'function')) {
    throw new TypeError('verifyResponse: options.replayCache must have has() and add()');
  }
  return { now, skewSeconds, maxBytes };
}
