import type { Element } from '../xml/tree.js';
import { NS } from '../xml/namespaces.js';
import { attr, childNamed, childrenNamed, positionOfNode, textOf } from '../xml/dom.js';
import { AssertionError } from './errors.js';

export const STATUS_SUCCESS = 'urn:oasis:names:tc:SAML:2.0:status:Success';

/**
 * The Response status must be Success (SAML core 2.0 §3.2.2.2). Otherwise the IdP's
 * top-level and second-level codes and its StatusMessage are reported.
 * @throws {AssertionError} ERR_RESPONSE_STATUS
 */
export function checkStatus(response: Element): void {
  const statuses = childrenNamed(response, NS.SAMLP, 'Status');
  const status = statuses[0];
  const tops = status ? childrenNamed(status, NS.SAMLP, 'StatusCode') : [];
  const top = tops[0];
  const topValue = top ? attr(top, 'Value') : undefined;
  // Schema: exactly one Status with exactly one top-level StatusCode (core §3.2.2, §3.2.2.1);
  // with two, "the first says Success" is not an answer.
  if (statuses.length > 1 || tops.length > 1) {
    const what = statuses.length > 1 ? `${statuses.length} samlp:Status elements` : `${tops.length} top-level samlp:StatusCode elements`;
    throw new AssertionError('ERR_RESPONSE_STATUS', `Expected one samlp:Status with one top-level StatusCode (SAML core 2.0 §3.2.2.1), found ${what}`, {
      expected: 'one samlp:Status/samlp:StatusCode',
      actual: what,
      ...positionOfNode(statuses[1] ?? tops[1] ?? response),
    });
  }
  if (topValue === STATUS_SUCCESS) return;
  const second = top ? childNamed(top, NS.SAMLP, 'StatusCode') : undefined;
  const secondValue = second ? attr(second, 'Value') : undefined;
  const messageEl = status ? childNamed(status, NS.SAMLP, 'StatusMessage') : undefined;
  const message = messageEl ? textOf(messageEl).trim() : undefined;
  const found = !status ? 'no samlp:Status' : !top ? 'no samlp:StatusCode' : `${topValue ?? '(no Value)'}${secondValue ? ` / ${secondValue}` : ''}`;
  throw new AssertionError(
    'ERR_RESPONSE_STATUS',
    `Expected status ${STATUS_SUCCESS}, found ${found}${message ? `: ${JSON.stringify(message.slice(0, 300))}` : ''}`,
    {
      expected: STATUS_SUCCESS,
      actual: { statusCode: topValue ?? null, secondLevelStatusCode: secondValue ?? null, statusMessage: message ?? null },
      ...positionOfNode(status ?? response),
    },
  );
}
