import type { Element } from '@xmldom/xmldom';
import { NS } from '../xml/namespaces.js';
import { attr, childNamed, positionOfNode, textOf } from '../xml/dom.js';
import { AssertionError } from './errors.js';

export const STATUS_SUCCESS = 'urn:oasis:names:tc:SAML:2.0:status:Success';

/**
 * The Response status must be Success (SAML core 2.0 §3.2.2.2). Otherwise the IdP's
 * top-level and second-level codes and its StatusMessage are reported.
 * @throws {AssertionError} ERR_RESPONSE_STATUS
 */
export function checkStatus(response: Element): void {
  const status = childNamed(response, NS.SAMLP, 'Status');
  const top = status ? childNamed(status, NS.SAMLP, 'StatusCode') : undefined;
  const topValue = top ? attr(top, 'Value') : undefined;
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
