/**
 * Small string helpers of the canonicalizer (src/xml/c14n.ts): code-point string order,
 * namespace-pair sorting and the character escaping of Canonical XML 1.0 §2.3 (shared by
 * exclusive c14n and Canonical XML 1.1).
 */

/**
 * Compare two strings by Unicode code point, as C14N 1.0 §2.2 / §4.4 ("lexicographic order",
 * the order of the UTF-8 bytes libxml2 compares) requires. JavaScript's `<` compares UTF-16 code
 * units, which differs exactly when one string has a supplementary character (a surrogate pair,
 * U+D800..U+DFFF units) where the other has a character in U+E000..U+FFFF: the code unit of the
 * pair is smaller although the code point is larger. At the first differing unit, surrogates are
 * lifted above U+E000..U+FFFF (and those lowered), which restores code-point order.
 */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
      y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    }
    return x < y ? -1 : 1;
  }
  return a.length < b.length ? -1 : 1;
}

/** Sort flattened [prefix, uri, prefix, uri, …] pairs by prefix ('' first), in code-point order. Few entries: insertion sort. */
export function sortPairs(a: string[]): void {
  if (a.length > 32) {
    // Many declarations on one element (hostile input): O(n log n), never quadratic.
    const pairs: Array<[string, string]> = [];
    for (let i = 0; i < a.length; i += 2) pairs.push([a[i]!, a[i + 1]!]);
    pairs.sort((x, y) => compareCodePoints(x[0], y[0]));
    for (let i = 0; i < pairs.length; i++) {
      a[2 * i] = pairs[i]![0];
      a[2 * i + 1] = pairs[i]![1];
    }
    return;
  }
  for (let i = 2; i < a.length; i += 2) {
    const p = a[i]!;
    const u = a[i + 1]!;
    let j = i - 2;
    while (j >= 0 && compareCodePoints(a[j]!, p) > 0) {
      a[j + 2] = a[j]!;
      a[j + 3] = a[j + 1]!;
      j -= 2;
    }
    a[j + 2] = p;
    a[j + 3] = u;
  }
}

/** The characters escapeText / escapeAttr replace: one regex test skips the common case of none (a V8 regex scan is ~3x the speed of the charCodeAt loop). */
const TEXT_SPECIAL = /[&<>\r]/;
const ATTR_SPECIAL = /[&<"\t\n\r]/;

/** C14N §2.3 text nodes: & < > and CR as character references. */
export function escapeText(s: string): string {
  if (!TEXT_SPECIAL.test(s)) return s;
  let start = 0;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    let rep: string;
    if (ch === 0x26) rep = '&amp;';
    else if (ch === 0x3c) rep = '&lt;';
    else if (ch === 0x3e) rep = '&gt;';
    else if (ch === 0x0d) rep = '&#xD;';
    else continue;
    out += s.slice(start, i) + rep;
    start = i + 1;
  }
  return start === 0 ? s : out + s.slice(start);
}

/** C14N §2.3 attribute nodes: & < " TAB LF CR as character references. */
export function escapeAttr(s: string): string {
  if (!ATTR_SPECIAL.test(s)) return s;
  let start = 0;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    let rep: string;
    if (ch === 0x26) rep = '&amp;';
    else if (ch === 0x3c) rep = '&lt;';
    else if (ch === 0x22) rep = '&quot;';
    else if (ch === 0x09) rep = '&#x9;';
    else if (ch === 0x0a) rep = '&#xA;';
    else if (ch === 0x0d) rep = '&#xD;';
    else continue;
    out += s.slice(start, i) + rep;
    start = i + 1;
  }
  return start === 0 ? s : out + s.slice(start);
}

