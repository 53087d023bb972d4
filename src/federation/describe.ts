import { describeValue } from '../errors.js';

/**
 * Short printable form of untrusted manifest/JSON data for "expected X, found Y" messages.
 * Where `describeValue` prints lists and objects (`[1, "two"]`), this summarises them as a
 * manifest author reads them (`a list of 3 items`, `a mapping with keys "a", "b"`); never
 * recursive, never more than ~120 characters.
 */
export function describeData(value: unknown): string {
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : `a list of ${value.length} item${value.length === 1 ? '' : 's'}`;
  if (value instanceof Uint8Array) return `binary data (${value.length} bytes)`;
  if (typeof value === 'object' && value !== null) {
    const keys = Object.keys(value);
    if (keys.length === 0) return 'an empty mapping';
    const shown = keys.slice(0, 3).map((k) => describeValue(k, 30)).join(', ');
    return `a mapping with key${keys.length === 1 ? '' : 's'} ${shown}${keys.length > 3 ? `, … (${keys.length} keys)` : ''}`;
  }
  return describeValue(value);
}

/** The `actual` to attach to an error: primitives as they are, lists and mappings as `describeData` (never megabytes or deep trees). */
export function actualOf(value: unknown): unknown {
  return typeof value === 'object' && value !== null ? describeData(value) : value;
}
