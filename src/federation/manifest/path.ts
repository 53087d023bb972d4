/** A field path inside a manifest: object keys and array indexes. */
export type FieldPath = readonly (string | number)[];

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Printable field path: `domains[1]`, `manual.signInUrl`, `mappings["Sales Managers"]`.
 * Keys that are not plain identifiers are JSON-quoted so spaces and dots stay unambiguous;
 * keys over 64 characters are cut (`["kkkk…"]`) so a hostile key cannot flood a message.
 */
export function formatPath(path: FieldPath): string {
  let out = '';
  for (const raw of path) {
    const seg = typeof raw === 'string' && raw.length > 64 ? `${raw.slice(0, 60)}…` : raw;
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (IDENT.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}
