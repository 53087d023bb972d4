import type { Element } from '../xml/tree.js';
import { attr, positionOfNode } from '../xml/dom.js';
import { AssertionError } from './errors.js';
import { parseDateTime } from '../xml/datetime.js';

export { parseDateTime };

/**
 * Read an optional time attribute of `el`.
 * @throws {AssertionError} ERR_ASSERTION_TIME_INVALID when present but not an xs:dateTime.
 */
export function timeAttr(el: Element, name: string): Date | undefined {
  const raw = attr(el, name);
  if (raw === undefined) return undefined;
  const t = parseDateTime(raw);
  if (!t) {
    throw new AssertionError('ERR_ASSERTION_TIME_INVALID', `Expected ${el.localName}/@${name} to be an xs:dateTime such as 2024-01-01T12:00:00Z, found ${JSON.stringify(raw.slice(0, 60))}`, {
      expected: 'xs:dateTime (UTC)',
      actual: raw.slice(0, 200),
      ...positionOfNode(el),
    });
  }
  return t;
}

/** Human form of the time window used in messages. */
export function describeWindow(now: Date, skewMs: number, notBefore?: Date, notOnOrAfter?: Date): string {
  const nb = notBefore ? notBefore.toISOString() : '(open)';
  const na = notOnOrAfter ? notOnOrAfter.toISOString() : '(open)';
  return `now ${now.toISOString()}, clock skew ${skewMs / 1000}s, window [${nb}, ${na})`;
}
