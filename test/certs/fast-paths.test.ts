// The certificate reader's fast paths give the same answers as the general code they short-cut.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../scripts/fuzz/c14n-gen.js';
import { oidOf } from '../../src/certs/der.js';
import { needsQuotes } from '../../src/certs/name.js';
import { parseX509 } from '../../src/certs/x509.js';
import { certificateFromBase64, certificateFromCompactBase64 } from '../../src/certs/read.js';

describe('needsQuotes agrees with the regular expression it replaced', () => {
  const REGEX = /[,+=";<>#\n\r]|^\s|\s$/;
  const edges = ['a', 'Acme, Inc.', 'a+b', 'a=b', 'say "hi"', 'a;b', '<a>', '#1', 'a\nb', 'a\rb', ' a', 'a ', '\ta', 'a\t', '\u00a0a', 'a\u00a0', '\u2028x', 'x\u3000', '\ufeffx', 'a b', 'é', '\ud83d\ude00', ' ', '\u0085'];
  it.each(edges.map((v) => [JSON.stringify(v), v]))('%s', (_label, v) => {
    expect(needsQuotes(v)).toBe(REGEX.test(v));
  });
  it('random strings', () => {
    const alphabet = ['a', 'Z', '0', ' ', '\t', ',', '+', '=', '"', ';', '<', '>', '#', '\n', '\r', '\u00a0', '\u2003', 'é', '\ud83d', '\ude00', '-', '.'];
    const rand = seededRandom(7);
    const rnd = (n: number) => Math.floor(rand() * n);
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

describe('oidOf: the table of known OIDs agrees with decoding arc by arc', () => {
  /** The decoder as it was before the table (X.690 §8.19), errors as messages. */
  function reference(content: Uint8Array): string {
    let out = '';
    let v = 0;
    for (let i = 0; i < content.length; i++) {
      const b = content[i]!;
      v = v * 128 + (b & 0x7f);
      if (v > Number.MAX_SAFE_INTEGER) return 'ERR arc too large';
      if ((b & 0x80) === 0) {
        if (out === '') {
          const first = v < 40 ? 0 : v < 80 ? 1 : 2;
          out = `${first}.${v - first * 40}`;
        } else out += `.${v}`;
        v = 0;
      } else if (i === content.length - 1) return 'ERR truncated';
    }
    return out;
  }
  const ours = (content: Uint8Array): string => {
    try {
      return oidOf(content, { tag: 0x06, offset: 0, start: 0, end: content.length });
    } catch (e) {
      return /too large/.test((e as Error).message) ? 'ERR arc too large' : /truncated/.test((e as Error).message) ? 'ERR truncated' : `ERR ${(e as Error).message}`;
    }
  };
  const known = [
    [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b], // sha256WithRSAEncryption
    [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01], // rsaEncryption
    [0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07], // P-256
    [0x2b, 0x65, 0x70], // Ed25519
    [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x01], // emailAddress
  ];
  it.each(known.map((k) => [k.map((b) => b.toString(16)).join(' '), k]))('%s', (_label, k) => {
    const bytes = Uint8Array.from(k as number[]);
    expect(ours(bytes)).toBe(reference(bytes));
  });
  it('known OIDs with a changed, added or removed octet, and non-minimal arcs', () => {
    let seed = 99;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    let checked = 0;
    for (const k of known) {
      for (let i = 0; i < 3000; i++) {
        const m = [...k];
        const op = rnd(4);
        const at = rnd(m.length);
        if (op === 0) m[at] = rnd(256);
        else if (op === 1) m.splice(at, 0, rnd(256));
        else if (op === 2) m.splice(at, 1);
        else m.splice(at, 0, 0x80); // a non-minimal arc
        if (m.length === 0) continue;
        const bytes = Uint8Array.from(m);
        const want = reference(bytes);
        if (ours(bytes) !== want) expect.fail(`oidOf(${m.join(',')}) !== ${want}`);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(14_000);
  });
});

describe('certificateFromCompactBase64 = certificateFromBase64 on text without XML whitespace', () => {
  const good = readFileSync(new URL('../keys/idp-signing.crt.der', import.meta.url)).toString('base64');
  const outcome = (fn: () => { sha256Thumbprint: string }) => {
    try {
      return `ok ${fn().sha256Thumbprint}`;
    } catch (e) {
      return `${(e as { code?: string }).code} ${(e as Error).message}`;
    }
  };
  const cases = [good, '', '\u00a0', '\ufeff', `${good}\u00a0`, good.slice(0, -1), `${good.slice(0, 10)}-${good.slice(11)}`, `${good.slice(0, 8)}=${good.slice(9)}`, 'AAAA', good.replace(/=+$/, '')];
  it.each(cases.map((c, i) => [i, c]))('case %i', (_i, c) => {
    expect(outcome(() => certificateFromCompactBase64(c))).toBe(outcome(() => certificateFromBase64(c)));
  });
});
