/**
 * Escape a string for XML or HTML text content and for a quoted attribute value (XML 1.0 §2.4,
 * §3.3.3): `&`, `<`, `>`, `"` and `'`. Used by the servers that write markup (the sandbox's pages
 * and SP documents, the IdP simulator's metadata, Responses and pages).
 */
export function escapeMarkup(value: string): string {
  return value.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;'));
}
