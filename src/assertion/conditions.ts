import type { Element } from '../xml/tree.js';
import { NS } from '../xml/namespaces.js';
import { childElements, childrenNamed, positionOfNode, textOf } from '../xml/dom.js';
import type { Verified } from '../xml/dsig/types.js';
import { AssertionError } from './errors.js';
import { describeWindow, timeAttr } from './time.js';
import type { CheckContext } from './types.js';

export interface ConditionsResult {
  readonly notBefore?: Date;
  readonly notOnOrAfter?: Date;
  /** `saml:OneTimeUse` present (honoured through the replay cache, SAML core 2.0 §2.5.1.5). */
  readonly oneTimeUse: boolean;
  readonly audiences: readonly string[];
}

/**
 * Conditions (SAML core 2.0 §2.5.1): the validity window with clock skew; at least one
 * AudienceRestriction, every one of which must name this SP (§2.5.1.4); OneTimeUse and
 * ProxyRestriction understood; any other condition (including `saml:Condition xsi:type=…`)
 * makes the assertion Indeterminate and is rejected.
 *
 * @throws {AssertionError} ERR_ASSERTION_CONDITIONS_MULTIPLE, ERR_ASSERTION_TIME_INVALID, ERR_ASSERTION_NOT_YET_VALID,
 *   ERR_ASSERTION_EXPIRED, ERR_ASSERTION_CONDITION_UNSUPPORTED, ERR_ASSERTION_AUDIENCE_MISSING, ERR_ASSERTION_AUDIENCE_MISMATCH
 */
export function checkConditions(assertion: Verified<Element>, ctx: CheckContext): ConditionsResult {
  const all = childrenNamed(assertion, NS.SAML, 'Conditions');
  if (all.length > 1) {
    throw new AssertionError('ERR_ASSERTION_CONDITIONS_MULTIPLE', `Expected at most one saml:Conditions in the assertion (SAML core 2.0 §2.3.3), found ${all.length}`, {
      expected: 1,
      actual: all.length,
      ...positionOfNode(all[1]!),
    });
  }
  const conditions = all[0];
  if (!conditions) {
    throw new AssertionError('ERR_ASSERTION_AUDIENCE_MISSING', `Expected saml:Conditions with an AudienceRestriction naming ${JSON.stringify(ctx.sp.entityId)}, found no saml:Conditions`, {
      expected: ctx.sp.entityId,
      actual: '(no Conditions)',
      ...positionOfNode(assertion),
    });
  }

  const notBefore = timeAttr(conditions, 'NotBefore');
  const notOnOrAfter = timeAttr(conditions, 'NotOnOrAfter');
  const window = (): string => describeWindow(ctx.now, ctx.skewMs, notBefore, notOnOrAfter);
  if (notBefore && notOnOrAfter && notBefore.getTime() >= notOnOrAfter.getTime()) {
    throw new AssertionError('ERR_ASSERTION_TIME_INVALID', `Expected Conditions NotBefore to be earlier than NotOnOrAfter (SAML core 2.0 §2.5.1.2), found an empty window [${notBefore.toISOString()}, ${notOnOrAfter.toISOString()})`, {
      expected: 'NotBefore < NotOnOrAfter',
      actual: { notBefore: notBefore.toISOString(), notOnOrAfter: notOnOrAfter.toISOString() },
      ...positionOfNode(conditions),
    });
  }
  const now = ctx.now.getTime();
  if (notBefore && now + ctx.skewMs < notBefore.getTime()) {
    throw new AssertionError('ERR_ASSERTION_NOT_YET_VALID', `Expected the assertion to be valid now, found it not yet valid: ${window()}`, {
      expected: `now + skew >= ${notBefore.toISOString()}`,
      actual: ctx.now.toISOString(),
      ...positionOfNode(conditions),
    });
  }
  if (notOnOrAfter && now - ctx.skewMs >= notOnOrAfter.getTime()) {
    throw new AssertionError('ERR_ASSERTION_EXPIRED', `Expected the assertion to be valid now, found it expired: ${window()}`, {
      expected: `now - skew < ${notOnOrAfter.toISOString()}`,
      actual: ctx.now.toISOString(),
      ...positionOfNode(conditions),
    });
  }

  const restrictions: Element[] = [];
  let oneTimeUse = false;
  for (const c of childElements(conditions)) {
    if (c.namespaceURI === NS.SAML && c.localName === 'AudienceRestriction') restrictions.push(c);
    else if (c.namespaceURI === NS.SAML && c.localName === 'OneTimeUse') oneTimeUse = true;
    else if (c.namespaceURI === NS.SAML && c.localName === 'ProxyRestriction') continue; // §2.5.1.6: we never re-issue assertions
    else {
      const type = c.getAttributeNodeNS(NS.XSI, 'type')?.value;
      const name = `${c.nodeName}${type ? ` xsi:type=${type}` : ''}`;
      throw new AssertionError('ERR_ASSERTION_CONDITION_UNSUPPORTED', `Expected only AudienceRestriction, OneTimeUse or ProxyRestriction conditions, found ${name} (SAML core 2.0 §2.5.1: an unknown condition makes the assertion invalid)`, {
        expected: ['AudienceRestriction', 'OneTimeUse', 'ProxyRestriction'],
        actual: name,
        ...positionOfNode(c),
      });
    }
  }

  if (restrictions.length === 0) {
    throw new AssertionError('ERR_ASSERTION_AUDIENCE_MISSING', `Expected an AudienceRestriction naming ${JSON.stringify(ctx.sp.entityId)} (SAML profiles 2.0 §4.1.4.2), found none`, {
      expected: ctx.sp.entityId,
      actual: '(no AudienceRestriction)',
      ...positionOfNode(conditions),
    });
  }
  const audiences: string[] = [];
  for (const r of restrictions) {
    // anyURI: whitespace collapses, so surrounding layout whitespace is ignored.
    const values = childrenNamed(r, NS.SAML, 'Audience').map((a) => textOf(a).trim());
    for (const v of values) audiences.push(v);
    if (!values.includes(ctx.sp.entityId)) {
      throw new AssertionError(
        'ERR_ASSERTION_AUDIENCE_MISMATCH',
        `Expected ${restrictions.length > 1 ? 'every' : 'the'} AudienceRestriction to include the SP entityID ${JSON.stringify(ctx.sp.entityId)} (SAML core 2.0 §2.5.1.4), found ${JSON.stringify(values)}`,
        { expected: ctx.sp.entityId, actual: values, ...positionOfNode(r) },
      );
    }
  }
  return {
    ...(notBefore ? { notBefore } : {}),
    ...(notOnOrAfter ? { notOnOrAfter } : {}),
    oneTimeUse,
    audiences,
  };
}
