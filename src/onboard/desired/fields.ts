/**
 * Field checks for the onboard file, with the manifest's error quality: every error is a
 * `ManifestError` naming file, line:column and field path; unknown keys suggest the closest one.
 */
import { describeData, actualOf } from '../../federation/describe.js';
import { ManifestError } from '../../federation/errors.js';
import { closestKey, hasControlChars, isDomainName } from '../../federation/manifest/checks.js';
import { formatPath, type FieldPath } from '../../federation/manifest/path.js';
import type { PositionedTree } from '../../federation/manifest/yaml.js';

export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks bound to one parsed file. */
export class Fields {
  constructor(readonly tree: PositionedTree, readonly file: string | undefined) {}

  /** Throw `ERR_MANIFEST_INVALID` at `path` (the key's position when `key`). */
  fail(path: FieldPath, message: string, extra: { expected?: unknown; actual?: unknown; key?: boolean } = {}): never {
    const p = extra.key ? this.tree.keyAt(path) ?? this.tree.at(path) : this.tree.at(path) ?? this.tree.keyAt(path);
    throw new ManifestError('ERR_MANIFEST_INVALID', message, { file: this.file, path: formatPath(path) || '(top level)', ...p, expected: extra.expected, actual: extra.actual });
  }

  /** Throw `ERR_MANIFEST_UNKNOWN_KEY` for the first key of `obj` not in `known`, with a "did you mean". */
  unknownKeys(obj: Obj, base: FieldPath, known: readonly string[]): void {
    for (const k of Object.keys(obj)) {
      if (known.includes(k)) continue;
      const hint = closestKey(k, known);
      const path = [...base, k];
      throw new ManifestError('ERR_MANIFEST_UNKNOWN_KEY', `expected one of the known keys (${known.join(', ')}), found unknown key ${describeData(k)}${hint ? ` (did you mean "${hint}"?)` : ''}`, { file: this.file, path: formatPath(path), ...this.tree.keyAt(path), expected: hint ?? known, actual: describeData(k) });
    }
  }

  /** A mapping at `path`, or fail saying what it should hold. */
  obj(v: unknown, path: FieldPath, what: string): Obj {
    if (!isObj(v)) this.fail(path, `expected ${what}, found ${describeData(v)}`, { expected: what, actual: actualOf(v) });
    return v as Obj;
  }

  /** A non-empty trimmed string without control characters. */
  str(v: unknown, path: FieldPath, what: string): string {
    if (typeof v !== 'string' || v.trim() === '') this.fail(path, `expected ${what} (a non-empty string), found ${describeData(v)}`, { expected: what, actual: actualOf(v) });
    const s = v as string;
    if (hasControlChars(s)) this.fail(path, `expected ${what} without control characters, found ${describeData(s)}`, { expected: `${what} without control characters`, actual: s });
    if (s !== s.trim()) this.fail(path, `expected ${what} without leading or trailing spaces, found ${describeData(s)}`, { expected: `${what} without surrounding spaces`, actual: s });
    if (s.length > 256) this.fail(path, `expected ${what} of at most 256 characters, found ${s.length}`, { expected: '<= 256 characters', actual: s.length });
    return s;
  }

  bool(v: unknown, path: FieldPath): boolean {
    if (typeof v !== 'boolean') this.fail(path, `expected true or false, found ${describeData(v)}`, { expected: 'boolean', actual: actualOf(v) });
    return v as boolean;
  }

  /** A list of strings (a single string is a one-item list), duplicates dropped. */
  strList(v: unknown, path: FieldPath, what: string, opts: { nonEmpty?: boolean } = {}): string[] {
    const items = typeof v === 'string' ? [v] : v;
    if (!Array.isArray(items) || (opts.nonEmpty && items.length === 0)) this.fail(path, `expected a ${opts.nonEmpty ? 'non-empty ' : ''}list of ${what}s, found ${describeData(v)}`, { expected: `list of ${what}s`, actual: actualOf(v) });
    const out: string[] = [];
    (items as unknown[]).forEach((x, i) => {
      const s = this.str(x, typeof v === 'string' ? path : [...path, i], what);
      if (!out.includes(s)) out.push(s);
    });
    return out;
  }

  /** A DNS name (the manifest's `domains` rule). */
  domain(v: unknown, path: FieldPath, what: string): string {
    const s = this.str(v, path, what);
    if (!isDomainName(s)) this.fail(path, `${JSON.stringify(s)} is not a domain name (expected a DNS name such as acme.com)`, { expected: 'a DNS name such as acme.com', actual: s });
    return s;
  }
}
