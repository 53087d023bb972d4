import { SamlfedError } from '../../src/errors.js';

/**
 * The `code` of the error `fn` throws, when it is an instance of `type` (default: any
 * SamlfedError); `'no error'` when nothing is thrown. Any other error is re-thrown, so a
 * crash never passes for an expected rejection.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function codeOf<E extends SamlfedError>(fn: () => unknown, type: abstract new (...args: any[]) => E = SamlfedError as never): E['code'] | 'no error' {
  try {
    fn();
  } catch (e) {
    if (e instanceof type) return e.code;
    throw e;
  }
  return 'no error';
}
