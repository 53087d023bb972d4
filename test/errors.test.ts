import { describe, expect, it } from 'vitest';
import { describeValue, isSamlfedError, SamlfedError } from '../src/errors.js';

describe('SamlfedError', () => {
  it('carries code, expected, actual and position, and serialises them', () => {
    const e = new SamlfedError('ERR_TEST_CODE', 'Expected a, found b', { expected: 'a', actual: 'b', line: 3, column: 7, cause: new Error('inner') });
    expect(isSamlfedError(e)).toBe(true);
    expect(e.toJSON()).toEqual({ code: 'ERR_TEST_CODE', message: 'Expected a, found b', expected: 'a', actual: 'b', line: 3, column: 7 });
    expect((e.cause as Error).message).toBe('inner');
    expect(isSamlfedError(new TypeError('x'))).toBe(false);
  });
});

describe('describeValue', () => {
  it('quotes strings and cuts long values', () => {
    expect(describeValue('acme')).toBe('"acme"');
    expect(describeValue('x'.repeat(500), 20)).toMatch(/^"x{19}…\(502 chars\)$/);
    expect(describeValue(undefined)).toBe('(absent)');
  });
  it('never throws on objects without a prototype (parsed YAML/JSON mappings)', () => {
    const o = Object.assign(Object.create(null), { a: 1, b: 2 }) as object;
    expect(describeValue(o)).toBe('an object with keys ["a", "b"]');
    expect(describeValue([1, 'two'])).toBe('[1, "two"]');
  });
});
