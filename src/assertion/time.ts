import type { Element } from '@xmldom/xmldom';
import { attr, positionOfNode } from '../xml/dom.js';
import { AssertionError } from './errors.js';

// xs:dateTime (XML Schema 2 §3.2.7); SAML core 2.0 §1.3.3 says UTC, we also accept an explicit offset.
const DATE_TIME = /^(-?\d{4,})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})?$/;

/** Parse an xs:dateTime; `undefined` when it is not one. Fractions finer than milliseconds are truncated. */
export function parseDateTime(value: string): Date | undefined {
  const m = DATE_TIME.exec(value.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, tz] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return undefined;
  const ms = frac ? Number(frac.slice(0, 3).padEnd(3, '0')) : 0;
  let t = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  if (year >= 0 && year < 100) t = new Date(t).setUTCFullYear(year);
  if (tz && tz !== 'Z') {
    const sign = tz[0] === '-' ? -1 : 1;
    const oh = Number(tz.slice(1, 3));
    const om = Number(tz.slice(4, 6));
    if (oh > 14 || om > 59) return undefined;
    t -= sign * (oh * 60 + om) * 60_000;
  }
  return Number.isFinite(t) ? new Date(t) : undefined;
}

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
