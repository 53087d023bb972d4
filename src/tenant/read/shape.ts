import { describeValue } from '../../errors.js';
import { TenantError } from '../errors.js';

/**
 * Small validators for the tenant's `Result` values. Every mismatch is `ERR_TENANT_RESPONSE_INVALID`
 * naming the endpoint and the field path; nothing is coerced.
 */
export class Shape {
  constructor(readonly endpoint: string) {}

  fail(where: string, expected: string, v: unknown): never {
    throw new TenantError('ERR_TENANT_RESPONSE_INVALID', `${this.endpoint}: ${where}: expected ${expected}, found ${describeValue(v)}`, { kind: 'response', endpoint: this.endpoint, expected, actual: describeValue(v, 60) });
  }

  obj(v: unknown, where: string): Record<string, unknown> {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) this.fail(where, 'an object', v);
    return v as Record<string, unknown>;
  }

  arr(v: unknown, where: string): unknown[] {
    if (!Array.isArray(v)) this.fail(where, 'an array', v);
    return v as unknown[];
  }

  str(v: unknown, where: string): string {
    if (typeof v !== 'string') this.fail(where, 'a string', v);
    return v as string;
  }

  nonEmpty(v: unknown, where: string): string {
    if (typeof v !== 'string' || v === '') this.fail(where, 'a non-empty string', v);
    return v as string;
  }

  /** Optional string: absent/null → undefined. */
  optStr(v: unknown, where: string): string | undefined {
    return v === undefined || v === null ? undefined : this.str(v, where);
  }

  /** Optional string that may be null (kept as null). */
  strOrNull(v: unknown, where: string): string | null | undefined {
    return v === undefined ? undefined : v === null ? null : this.str(v, where);
  }

  optBool(v: unknown, where: string): boolean | undefined {
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'boolean') this.fail(where, 'a boolean', v);
    return v as boolean;
  }

  count(v: unknown, where: string): number {
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) this.fail(where, 'a non-negative integer', v);
    return v as number;
  }

  strings(v: unknown, where: string): string[] {
    return this.arr(v, where).map((e, i) => this.str(e, `${where}[${i}]`));
  }
}

/** Copy `o` without `known` keys (kept as `other`). */
export function otherFields(o: Record<string, unknown>, known: readonly string[]): Readonly<Record<string, unknown>> {
  const k = new Set(known);
  return Object.freeze(Object.fromEntries(Object.entries(o).filter(([key]) => !k.has(key))));
}

/** Assign only defined values (keeps results free of `undefined` keys). */
export function defined<T extends Record<string, unknown>>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}
