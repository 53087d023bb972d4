import { describe, expect, it } from 'vitest';
import { decodeResponseInput } from '../../src/assertion/input.js';
import { AssertionError } from '../../src/assertion/errors.js';

/** The SAMLResponse decoding of src/assertion/input.ts: the exact-round-trip fast path and the checked path agree. */
const xml = '<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"/>';
const b64 = Buffer.from(xml).toString('base64');
const text = (v: string | Uint8Array): string => (typeof v === 'string' ? v : Buffer.from(v).toString('utf8'));
const code = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    if (e instanceof AssertionError) return e.code;
    throw e;
  }
  return 'accepted';
};

describe('decodeResponseInput (base64)', () => {
  it('decodes canonical base64 and the same value wrapped in lines', () => {
    expect(text(decodeResponseInput(b64, 1 << 20))).toBe(xml);
    expect(text(decodeResponseInput(b64.replace(/(.{16})/g, '$1\r\n'), 1 << 20))).toBe(xml);
  });
  it('decodes base64 whose unused trailing bits are set (not canonical) to the same bytes', () => {
    const four = Buffer.from('<r/>').toString('base64'); // PHIvPg==
    expect(four).toBe('PHIvPg==');
    expect(text(decodeResponseInput('PHIvPh==', 1 << 20))).toBe('<r/>');
  });
  it('refuses characters outside the alphabet that Node would skip', () => {
    expect(code(() => decodeResponseInput(`${b64.slice(0, 8)}%${b64.slice(9)}`, 1 << 20))).toBe('ERR_RESPONSE_ENCODING');
    expect(code(() => decodeResponseInput(`${b64.slice(0, 8)}-_${b64.slice(10)}`, 1 << 20))).toBe('ERR_RESPONSE_ENCODING');
    expect(code(() => decodeResponseInput(`${b64.slice(0, 4)}=${b64.slice(5)}`, 1 << 20))).toBe('ERR_RESPONSE_ENCODING');
  });
  it('applies the size cap before decoding on both paths', () => {
    expect(code(() => decodeResponseInput(b64, 10))).toBe('ERR_RESPONSE_TOO_LARGE');
    expect(code(() => decodeResponseInput(b64.replace(/(.{16})/g, '$1\n'), 10))).toBe('ERR_RESPONSE_TOO_LARGE');
  });
});
