// The certificate reader's fast paths give the same answers as the general code they short-cut.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { needsQuotes } from '../../src/certs/name.js';
import { parseX509 } from '../../src/certs/x509.js';

describe('needsQuotes agrees with the regular expression it replaced', () => {
  const REGEX = /[,+=";<>#\n\r]|^\s|\s$/;
  const edges = ['a', 'Acme, Inc.', 'a+b', 'a=b', 'say "hi"', 'a;b', '<a>', '#1', 'a\nb', 'a\rb', ' a', 'a ', '\ta', 'a\t', '\u00a0a', 'a\u00a0', '\u2028x', 'x\u3000', '\ufeffx', 'a b', 'é', '\ud83d\ude00', ' ', '\u0085'];
  it.each(edges.map((v) => [JSON.stringify(v), v]))('%s', (_label, v) => {
    expect(needsQuotes(v)).toBe(REGEX.test(v));
  });
  it('random strings', () => {
    const alphabet = ['a', 'Z', '0', ' ', '\t', ',', '+', '=', '"', ';', '<', '>', '#', '\n', '\r', '\u00a0', '\u2003', 'é', '\ud83d', '\ude00', '-', '.'];
    let seed = 7;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    let quoted = 0;
    for (let i = 0; i < 20_000; i++) {
      let s = '';
      const len = 1 + rnd(8);
      for (let j = 0; j < len; j++) s += alphabet[rnd(alphabet.length)];
      const want = REGEX.test(s);
      if (needsQuotes(s) !== want) expect.fail(`needsQuotes(${JSON.stringify(s)}) !== ${want}`);
      if (want) quoted++;
    }
    expect(quoted).toBeGreaterThan(1000);
    expect(quoted).toBeLessThan(19_000);
  });
});

describe('parseX509: a subject with the issuer\'s bytes is the issuer string, any other is formatted', () => {
  const der = readFileSync(new URL('../keys/idp-signing.crt.der', import.meta.url));
  const self = parseX509(der);
  it('self-issued test certificate: subject equals issuer', () => {
    expect(self.subject).toBe(self.issuer);
  });
  it('one byte of the subject changed (same length): the subject is formatted from its own bytes', () => {
    // The subject Name follows the validity; its last printable byte is the last byte before the SPKI.
    const text = der.toString('latin1');
    const cn = self.subject.match(/CN=([^,]+)/)![1]!;
    const last = text.lastIndexOf(cn); // the subject's CN (the issuer's comes first)
    expect(last).toBeGreaterThan(text.indexOf(cn));
    const mutated = Buffer.from(der);
    mutated[last] = mutated[last] === 0x58 ? 0x59 : 0x58; // 'X' or 'Y'
    const f = parseX509(mutated);
    expect(f.issuer).toBe(self.issuer);
    expect(f.subject).toBe(self.subject.replace(`CN=${cn}`, `CN=${String.fromCharCode(mutated[last]!)}${cn.slice(1)}`));
    expect(f.subject).not.toBe(f.issuer);
  });
});
