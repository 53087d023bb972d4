/**
 * Small string helpers of the canonicalizer (src/xml/c14n.ts): namespace-pair sorting and the
 * character escaping of Canonical XML 1.0 §2.3 (shared by exclusive c14n).
 */

/** Sort flattened [prefix, uri, prefix, uri, …] pairs by prefix ('' first). Few entries: insertion sort. */
export function sortPairs(a: string[]): void {
  if (a.length > 32) {
    // Many declarations on one element (hostile input): O(n log n), never quadratic.
    const pairs: Array<[string, string]> = [];
    for (let i = 0; i < a.length; i += 2) pairs.push([a[i]!, a[i + 1]!]);
    pairs.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
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
    while (j >= 0 && a[j]! > p) {
      a[j + 2] = a[j]!;
      a[j + 3] = a[j + 1]!;
      j -= 2;
    }
    a[j + 2] = p;
    a[j + 3] = u;
  }
}

/** C14N §2.3 text nodes: & < > and CR as character references. */
export function escapeText(s: string): string {
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

