/** Escaping for the XML and HTML the simulator writes (XML 1.0 §2.4, §3.3.3; HTML attribute values). */

/** Text content or a double-quoted attribute value (one implementation with the sandbox's). */
export { escapeMarkup as esc } from '../xml/escape-markup.js';

/** xs:dateTime in UTC without fraction, as AD FS and the tenant write it (e.g. `2026-06-15T12:00:00Z`). */
export function isoSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** xs:dateTime with milliseconds, as AD FS writes IssueInstant (`2026-06-15T12:00:00.123Z`). */
export function isoMillis(d: Date): string {
  return d.toISOString();
}

/** Base64 body of a PEM certificate (no armour, no whitespace). */
export function pemBody(certPem: string): string {
  const m = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/.exec(certPem);
  return (m ? m[1]! : certPem).replace(/\s+/g, '');
}

/** XML characters allowed in a value we echo (XML 1.0 §2.2); anything else is refused by the callers. */
export function isXmlSafe(value: string): boolean {
  // eslint-disable-next-line no-control-regex
  return !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(value);
}
