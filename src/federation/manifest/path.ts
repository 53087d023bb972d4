/** A field path inside a manifest: object keys and array indexes. */
export type FieldPath = readonly (string | number)[];

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Printable field path: `domains[1]`, `manual.signInUrl`, `mappings["Sales Managers"]`.
 * Keys that are not plain identifiers are JSON-quoted so spaces and dots stay unambiguous.
 */
export function formatPath(path: FieldPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (IDENT.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}
