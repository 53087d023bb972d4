/**
 * Base error for everything samlfed rejects because of *bad input* (partner XML,
 * certificates, manifests, HTTP bodies). Caller mistakes (wrong argument types,
 * missing required options) are thrown as plain `TypeError` instead, so that an
 * application can tell "the partner sent garbage" from "I called the API wrong".
 *
 * Every subclass narrows `code` to a literal union of stable, documented codes
 * (see README "Error codes"). Codes never change meaning once released.
 */
export interface ErrorContext {
  /** What samlfed expected (a value, a set of values, a description). */
  readonly expected?: unknown;
  /** What it found in the input. */
  readonly actual?: unknown;
  /** 1-based line of the offending XML node or manifest entry, when known. */
  readonly line?: number;
  /** 1-based column, when known. */
  readonly column?: number;
  /** The underlying error, when this one wraps another. */
  readonly cause?: unknown;
}

export class SamlfedError<C extends string = string> extends Error {
  /** Stable machine-readable code, e.g. `ERR_ASSERTION_AUDIENCE_MISMATCH`. */
  readonly code: C;
  readonly expected?: unknown;
  readonly actual?: unknown;
  readonly line?: number;
  readonly column?: number;

  constructor(code: C, message: string, context: ErrorContext = {}) {
    super(message, context.cause === undefined ? undefined : { cause: context.cause });
    this.name = new.target.name;
    this.code = code;
    if (context.expected !== undefined) this.expected = context.expected;
    if (context.actual !== undefined) this.actual = context.actual;
    if (context.line !== undefined) this.line = context.line;
    if (context.column !== undefined) this.column = context.column;
  }

  /** Plain-object form for JSON output (`--format json`). */
  toJSON(): { code: C; message: string; expected?: unknown; actual?: unknown; line?: number; column?: number } {
    const out: { code: C; message: string; expected?: unknown; actual?: unknown; line?: number; column?: number } = {
      code: this.code,
      message: this.message,
    };
    if (this.expected !== undefined) out.expected = this.expected;
    if (this.actual !== undefined) out.actual = this.actual;
    if (this.line !== undefined) out.line = this.line;
    if (this.column !== undefined) out.column = this.column;
    return out;
  }
}

/** True when `e` is a samlfed input error (any subclass). */
export function isSamlfedError(e: unknown): e is SamlfedError {
  return e instanceof SamlfedError;
}

/** Short printable form of an untrusted value for error messages (never dumps megabytes). */
export function describeValue(value: unknown, max = 120): string {
  if (value === undefined) return '(absent)';
  if (value === null) return '(null)';
  let s: string;
  if (typeof value === 'string') s = JSON.stringify(value);
  else if (Array.isArray(value)) s = `[${value.slice(0, 20).map((v) => describeValue(v, 60)).join(', ')}${value.length > 20 ? ', …' : ''}]`;
  else if (typeof value === 'object') s = `an object with keys ${describeValue(Object.keys(value).slice(0, 10), max)}`; // never String(): null-prototype objects (parsed YAML/JSON) have no toString
  else s = String(value);
  return s.length > max ? `${s.slice(0, max)}…(${s.length} chars)` : s;
}
