import type { Element } from '../xml/tree.js';
import { NS } from '../xml/namespaces.js';
import { attr, childNamed, childrenNamed, positionOfNode, textOf } from '../xml/dom.js';
import type { Verified } from '../xml/dsig/types.js';
import { AssertionError } from './errors.js';
import { timeAttr } from './time.js';
import type { CheckContext } from './types.js';

export interface AuthnResult {
  readonly sessionIndex?: string;
  readonly authnInstant?: Date;
  readonly authnContextClassRef?: string;
  readonly sessionNotOnOrAfter?: Date;
}

/**
 * The AuthnStatement (SAML core 2.0 §2.7.2; profiles 2.0 §4.1.4.2 requires one): read the
 * session index, instant and context class; a SessionNotOnOrAfter in the past (with skew)
 * means the IdP session is over. With several statements the first is reported and every
 * SessionNotOnOrAfter is checked.
 *
 * @throws {AssertionError} ERR_ASSERTION_NO_AUTHN_STATEMENT, ERR_ASSERTION_SESSION_EXPIRED, ERR_ASSERTION_TIME_INVALID
 */
export function checkAuthnStatement(assertion: Verified<Element>, ctx: CheckContext): AuthnResult {
  const statements = childrenNamed(assertion, NS.SAML, 'AuthnStatement');
  if (statements.length === 0) {
    throw new AssertionError('ERR_ASSERTION_NO_AUTHN_STATEMENT', 'Expected the assertion to contain a saml:AuthnStatement (SAML profiles 2.0 §4.1.4.2), found none', {
      expected: 'saml:AuthnStatement',
      actual: '(absent)',
      ...positionOfNode(assertion),
    });
  }
  let first: AuthnResult | undefined;
  for (const st of statements) {
    const authnInstant = timeAttr(st, 'AuthnInstant');
    const sessionNotOnOrAfter = timeAttr(st, 'SessionNotOnOrAfter');
    if (sessionNotOnOrAfter && ctx.now.getTime() - ctx.skewMs >= sessionNotOnOrAfter.getTime()) {
      throw new AssertionError(
        'ERR_ASSERTION_SESSION_EXPIRED',
        `Expected AuthnStatement SessionNotOnOrAfter to be in the future, found ${sessionNotOnOrAfter.toISOString()} (now ${ctx.now.toISOString()}, clock skew ${ctx.skewMs / 1000}s)`,
        { expected: `after ${ctx.now.toISOString()}`, actual: sessionNotOnOrAfter.toISOString(), ...positionOfNode(st) },
      );
    }
    if (first) continue;
    const sessionIndex = attr(st, 'SessionIndex');
    const ctxEl = childNamed(st, NS.SAML, 'AuthnContext');
    const classRefEl = ctxEl ? childNamed(ctxEl, NS.SAML, 'AuthnContextClassRef') : undefined;
    const authnContextClassRef = classRefEl ? textOf(classRefEl).trim() : undefined;
    first = {
      ...(sessionIndex !== undefined ? { sessionIndex } : {}),
      ...(authnInstant ? { authnInstant } : {}),
      ...(authnContextClassRef !== undefined ? { authnContextClassRef } : {}),
      ...(sessionNotOnOrAfter ? { sessionNotOnOrAfter } : {}),
    };
  }
  return first!;
}
