import type { Element } from '../xml/tree.js';
import { NS } from '../xml/namespaces.js';
import { attr, childElements, childNamed, childrenNamed, positionOfNode, textOf } from '../xml/dom.js';
import type { Verified } from '../xml/dsig/types.js';
import { AssertionError, type AssertionErrorCode } from './errors.js';
import { unsolicited } from './addressing.js';
import { describeWindow, parseDateTime, timeAttr } from './time.js';
import type { CheckContext, NameId } from './types.js';

export const CM_BEARER = 'urn:oasis:names:tc:SAML:2.0:cm:bearer';

export interface SubjectResult {
  readonly nameId: NameId;
  /** NotOnOrAfter of the qualifying bearer SubjectConfirmationData. */
  readonly subjectNotOnOrAfter: Date;
  /**
   * The latest NotOnOrAfter of *any* bearer SubjectConfirmationData: until then another bearer
   * confirmation could qualify the same assertion, so the replay cache must remember it that long.
   */
  readonly replayNotOnOrAfter: Date;
  readonly inResponseTo?: string;
}

interface Failure {
  /** How far the candidate got: the most advanced failure is the most specific reason. */
  readonly rank: number;
  readonly code: AssertionErrorCode;
  readonly message: string;
  readonly expected: unknown;
  readonly actual: unknown;
  readonly node: Element;
}

/**
 * Subject checks (SAML core 2.0 §2.4; profiles 2.0 §4.1.4.2-3): a NameID is required, and at
 * least one bearer SubjectConfirmation must have SubjectConfirmationData with a Recipient equal
 * to an ACS URL, an InResponseTo equal to the request ID (when there is one), a NotOnOrAfter in
 * the future and a NotBefore, if any, in the past (both with clock skew). When none qualifies the
 * reason of the candidate that got furthest is reported.
 *
 * @throws {AssertionError} ERR_ASSERTION_NO_SUBJECT, ERR_ASSERTION_NO_NAMEID, ERR_ASSERTION_ENCRYPTED_ID,
 *   ERR_ASSERTION_NO_BEARER_CONFIRMATION, ERR_ASSERTION_RECIPIENT_MISMATCH, ERR_ASSERTION_IN_RESPONSE_TO_MISMATCH,
 *   ERR_ASSERTION_SUBJECT_EXPIRED, ERR_ASSERTION_SUBJECT_NOT_YET_VALID, ERR_ASSERTION_TIME_INVALID,
 *   ERR_RESPONSE_UNSOLICITED_IN_RESPONSE_TO
 */
export function checkSubject(assertion: Verified<Element>, ctx: CheckContext): SubjectResult {
  const subjects = childrenNamed(assertion, NS.SAML, 'Subject');
  if (subjects.length > 1) {
    // Schema: at most one Subject (core §2.3.3). Reading "the first" is a parser-differential waiting to happen.
    throw new AssertionError('ERR_ASSERTION_SUBJECT_MULTIPLE', `Expected one saml:Subject in the assertion (SAML core 2.0 §2.3.3), found ${subjects.length}`, {
      expected: 1,
      actual: subjects.length,
      ...positionOfNode(subjects[1]!),
    });
  }
  const subject = subjects[0];
  if (!subject) {
    throw new AssertionError('ERR_ASSERTION_NO_SUBJECT', 'Expected the assertion to contain a saml:Subject (SAML profiles 2.0 §4.1.4.2), found none', {
      expected: 'saml:Subject',
      actual: '(absent)',
      ...positionOfNode(assertion),
    });
  }
  const nameId = readNameId(subject);
  const confirmations = childrenNamed(subject, NS.SAML, 'SubjectConfirmation');
  const bearers = confirmations.filter((c) => attr(c, 'Method') === CM_BEARER);
  if (bearers.length === 0) {
    const methods = confirmations.map((c) => attr(c, 'Method') ?? '(no Method)');
    throw new AssertionError(
      'ERR_ASSERTION_NO_BEARER_CONFIRMATION',
      `Expected a SubjectConfirmation with Method ${CM_BEARER}, found ${methods.length ? JSON.stringify(methods) : 'none'}`,
      { expected: CM_BEARER, actual: methods, ...positionOfNode(subject) },
    );
  }
  let best: Failure | undefined;
  for (const sc of bearers) {
    const outcome = evaluate(sc, ctx);
    if ('failure' in outcome) {
      if (!best || outcome.failure.rank > best.rank) best = outcome.failure;
      continue;
    }
    if (ctx.requestId === undefined && outcome.inResponseTo !== undefined) unsolicited(outcome.inResponseTo, 'SubjectConfirmationData', sc, ctx);
    return {
      nameId,
      subjectNotOnOrAfter: outcome.notOnOrAfter,
      replayNotOnOrAfter: latestNotOnOrAfter(bearers, outcome.notOnOrAfter),
      ...(outcome.inResponseTo !== undefined ? { inResponseTo: outcome.inResponseTo } : {}),
    };
  }
  const f = best!;
  throw new AssertionError(f.code, f.message, { expected: f.expected, actual: f.actual, ...positionOfNode(f.node) });
}

/** The latest parseable NotOnOrAfter over every bearer SubjectConfirmationData (at least `min`). */
function latestNotOnOrAfter(bearers: readonly Element[], min: Date): Date {
  let latest = min.getTime();
  for (const sc of bearers) {
    for (const data of childrenNamed(sc, NS.SAML, 'SubjectConfirmationData')) {
      const raw = attr(data, 'NotOnOrAfter');
      const t = raw === undefined ? undefined : parseDateTime(raw);
      if (t && t.getTime() > latest) latest = t.getTime();
    }
  }
  return new Date(latest);
}

function readNameId(subject: Element): NameId {
  // Schema (core §2.4.1): at most one of BaseID | NameID | EncryptedID.
  const ids = childElements(subject).filter((c) => c.namespaceURI === NS.SAML && (c.localName === 'NameID' || c.localName === 'BaseID' || c.localName === 'EncryptedID'));
  if (ids.length > 1) {
    throw new AssertionError('ERR_ASSERTION_SUBJECT_MULTIPLE', `Expected at most one identifier (saml:NameID, BaseID or EncryptedID) in the Subject (SAML core 2.0 §2.4.1), found ${ids.length}: ${ids.map((e) => e.localName).join(', ')}`, {
      expected: 1,
      actual: ids.map((e) => e.localName),
      ...positionOfNode(ids[1]!),
    });
  }
  const el = childNamed(subject, NS.SAML, 'NameID');
  if (!el) {
    if (childNamed(subject, NS.SAML, 'EncryptedID')) {
      throw new AssertionError('ERR_ASSERTION_ENCRYPTED_ID', 'Expected a plain saml:NameID in the Subject, found saml:EncryptedID, which this verifier does not decrypt; ask the IdP to encrypt the whole assertion instead', {
        expected: 'saml:NameID',
        actual: 'saml:EncryptedID',
        ...positionOfNode(subject),
      });
    }
    const found = childElements(subject)[0];
    throw new AssertionError('ERR_ASSERTION_NO_NAMEID', `Expected a saml:NameID in the Subject, found ${found && found.localName !== 'SubjectConfirmation' ? found.nodeName : 'none'}`, {
      expected: 'saml:NameID',
      actual: found?.nodeName ?? '(absent)',
      ...positionOfNode(subject),
    });
  }
  // textOf: the whole text content; a comment inside cannot truncate it.
  const value = textOf(el);
  if (value.trim() === '') {
    throw new AssertionError('ERR_ASSERTION_NO_NAMEID', 'Expected a non-empty saml:NameID, found an empty one', { expected: 'a NameID value', actual: '(empty)', ...positionOfNode(el) });
  }
  const format = attr(el, 'Format');
  const spNameQualifier = attr(el, 'SPNameQualifier');
  const nameQualifier = attr(el, 'NameQualifier');
  return {
    value,
    ...(format !== undefined ? { format } : {}),
    ...(spNameQualifier !== undefined ? { spNameQualifier } : {}),
    ...(nameQualifier !== undefined ? { nameQualifier } : {}),
  };
}

type Outcome = { failure: Failure } | { notOnOrAfter: Date; inResponseTo?: string };

function evaluate(sc: Element, ctx: CheckContext): Outcome {
  const data = childNamed(sc, NS.SAML, 'SubjectConfirmationData');
  if (!data) {
    return fail(0, 'ERR_ASSERTION_NO_BEARER_CONFIRMATION', 'Expected the bearer SubjectConfirmation to contain SubjectConfirmationData with Recipient and NotOnOrAfter (SAML profiles 2.0 §4.1.4.2), found none', 'SubjectConfirmationData', '(absent)', sc);
  }
  const recipient = attr(data, 'Recipient');
  if (recipient === undefined || !ctx.sp.acsUrls.includes(recipient.trim())) {
    return fail(
      1,
      'ERR_ASSERTION_RECIPIENT_MISMATCH',
      `Expected SubjectConfirmationData Recipient to be one of the ACS URLs ${JSON.stringify(ctx.sp.acsUrls)}, found ${recipient === undefined ? 'none' : JSON.stringify(recipient.slice(0, 300))}`,
      [...ctx.sp.acsUrls],
      recipient ?? '(absent)',
      data,
    );
  }
  const irt = attr(data, 'InResponseTo');
  if (ctx.requestId !== undefined && irt !== ctx.requestId) {
    return fail(
      2,
      'ERR_ASSERTION_IN_RESPONSE_TO_MISMATCH',
      `Expected SubjectConfirmationData InResponseTo to be the AuthnRequest ID ${JSON.stringify(ctx.requestId)} (SAML profiles 2.0 §4.1.4.3), found ${irt === undefined ? 'none' : JSON.stringify(irt.slice(0, 200))}`,
      ctx.requestId,
      irt ?? '(absent)',
      data,
    );
  }
  const notOnOrAfter = timeAttr(data, 'NotOnOrAfter');
  const notBefore = timeAttr(data, 'NotBefore');
  if (!notOnOrAfter) {
    return fail(3, 'ERR_ASSERTION_NO_BEARER_CONFIRMATION', 'Expected the bearer SubjectConfirmationData to have a NotOnOrAfter (SAML profiles 2.0 §4.1.4.2), found none', 'NotOnOrAfter', '(absent)', data);
  }
  const now = ctx.now.getTime();
  if (now - ctx.skewMs >= notOnOrAfter.getTime()) {
    return fail(
      3,
      'ERR_ASSERTION_SUBJECT_EXPIRED',
      `Expected the bearer SubjectConfirmationData to be still valid, found it expired: ${describeWindow(ctx.now, ctx.skewMs, notBefore, notOnOrAfter)}`,
      `now - skew < ${notOnOrAfter.toISOString()}`,
      notOnOrAfter.toISOString(),
      data,
    );
  }
  if (notBefore && now + ctx.skewMs < notBefore.getTime()) {
    return fail(
      3,
      'ERR_ASSERTION_SUBJECT_NOT_YET_VALID',
      `Expected the bearer SubjectConfirmationData to be valid already, found NotBefore in the future: ${describeWindow(ctx.now, ctx.skewMs, notBefore, notOnOrAfter)}`,
      `now + skew >= ${notBefore.toISOString()}`,
      notBefore.toISOString(),
      data,
    );
  }
  return irt !== undefined ? { notOnOrAfter, inResponseTo: irt } : { notOnOrAfter };
}

function fail(rank: number, code: AssertionErrorCode, message: string, expected: unknown, actual: unknown, node: Element): Outcome {
  return { failure: { rank, code, message, expected, actual, node } };
}
