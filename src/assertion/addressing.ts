import type { Element } from '../xml/tree.js';
import { attr, positionOfNode } from '../xml/dom.js';
import { AssertionError } from './errors.js';
import type { CheckContext, SpSettings } from './types.js';

/**
 * `Destination`, when present, must equal one of the SP's ACS URLs exactly
 * (SAML core 2.0 §3.2.2, bindings §3.5.5.2).
 * @throws {AssertionError} ERR_RESPONSE_DESTINATION_MISMATCH
 */
export function checkDestination(response: Element, sp: SpSettings): void {
  const destination = attr(response, 'Destination');
  if (destination === undefined) return;
  if (sp.acsUrls.includes(destination.trim())) return;
  throw new AssertionError(
    'ERR_RESPONSE_DESTINATION_MISMATCH',
    `Expected Response Destination to be one of the ACS URLs ${JSON.stringify(sp.acsUrls)}, found ${JSON.stringify(destination.slice(0, 300))}`,
    { expected: [...sp.acsUrls], actual: destination, ...positionOfNode(response) },
  );
}

/**
 * Response `InResponseTo` (SAML core 2.0 §3.2.2, profiles §4.1.4.2). With a request ID it must be
 * present and equal. Without one (IdP-initiated), one that is present is accepted with a warning,
 * as python3-saml does by default, unless `rejectUnsolicitedInResponseTo` is set.
 * @returns the Response's InResponseTo, if any.
 * @throws {AssertionError} ERR_RESPONSE_IN_RESPONSE_TO_MISMATCH, ERR_RESPONSE_UNSOLICITED_IN_RESPONSE_TO
 */
export function checkResponseInResponseTo(response: Element, ctx: CheckContext): string | undefined {
  const irt = attr(response, 'InResponseTo');
  if (ctx.requestId !== undefined) {
    if (irt !== ctx.requestId) {
      throw new AssertionError(
        'ERR_RESPONSE_IN_RESPONSE_TO_MISMATCH',
        `Expected Response InResponseTo to be the AuthnRequest ID ${JSON.stringify(ctx.requestId)}, found ${irt === undefined ? 'none' : JSON.stringify(irt.slice(0, 200))}`,
        { expected: ctx.requestId, actual: irt ?? '(absent)', ...positionOfNode(response) },
      );
    }
    return irt;
  }
  if (irt !== undefined) unsolicited(irt, 'Response', response, ctx);
  return irt;
}

/** Shared handling of an InResponseTo on an unsolicited (IdP-initiated) response. */
export function unsolicited(irt: string, where: string, node: Element, ctx: CheckContext): void {
  if (ctx.rejectUnsolicitedInResponseTo) {
    throw new AssertionError(
      'ERR_RESPONSE_UNSOLICITED_IN_RESPONSE_TO',
      `Expected no InResponseTo on an IdP-initiated (unsolicited) response, found ${where} InResponseTo ${JSON.stringify(irt.slice(0, 200))}; pass the AuthnRequest ID as requestId`,
      { expected: '(absent)', actual: irt, ...positionOfNode(node) },
    );
  }
  const msg = `${where} InResponseTo ${JSON.stringify(irt.slice(0, 200))} present but no requestId given: accepted as IdP-initiated`;
  if (!ctx.warnings.includes(msg)) ctx.warnings.push(msg);
}
