/** Small value checks shared by the manifest validator. */

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/i;

/**
 * A DNS name usable as a login suffix: at least two labels, LDH labels of 1..63 characters
 * (RFC 1035 §2.3.1, RFC 5890 A-labels allowed), at most 253 characters, alphabetic TLD or
 * an `xn--` TLD. No trailing dot, no wildcards, no IP addresses.
 */
export function isDomainName(s: string): boolean {
  if (s.length === 0 || s.length > 253) return false;
  const labels = s.split('.');
  if (labels.length < 2) return false;
  if (!labels.every((l) => LABEL.test(l))) return false;
  const tld = labels[labels.length - 1] ?? '';
  return /^[a-z]{2,63}$/i.test(tld) || /^xn--[a-z0-9-]+$/i.test(tld);
}

/** Normalise a SHA-1 thumbprint as written by people: drop `:`/spaces, upper-case. `undefined` when not 40 hex digits. */
export function normaliseSha1(s: string): string | undefined {
  const hex = s.replace(/[:\s-]/g, '').toUpperCase();
  return /^[0-9A-F]{40}$/.test(hex) ? hex : undefined;
}

/** True for strings with C0/C1 control characters (never wanted in names, groups, URLs). */
export function hasControlChars(s: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u001f\u007f-\u009f]/.test(s);
}

/** Levenshtein distance (small strings only: manifest keys). */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

/** The known key closest to `key` (case-insensitive edit distance <= 3, or a case-only difference), if any. */
export function closestKey(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of known) {
    const d = editDistance(key.toLowerCase(), k.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = k;
    }
  }
  return bestD <= Math.max(1, Math.min(3, Math.floor(key.length / 3))) ? best : undefined;
}
