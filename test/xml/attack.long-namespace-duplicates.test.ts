/**
 * Attack: the duplicate-attribute check (Namespaces in XML 1.0 §6.3) made quadratic with long
 * namespace names. V8 hashes a string longer than 16383 code units by its length alone, so a Set
 * of `{uri}local` keys (saxes' own check, and src/xml/sax.ts beyond 16 attributes) that share one
 * long namespace name degrades to a list compared end to end: measured before the fix, 800
 * attributes `p:aNNNN=""` under one 17,000-character namespace (26 KB of XML) took 1.1 s of CPU
 * and 5,000 under a 50,000-character one (104 KB) took 107 s. Up to 16 attributes the check
 * compared the namespace names pairwise, each comparison as long as the names: 16 prefixes bound
 * once to long names, then many elements with `p1:a … p16:a`. Both shapes must be linear (CPU-time
 * ratio between N and 2N, as test/xml/parse.complexity.test.ts measures), for parseXml and for the
 * stream reader in small chunks, and the check must still find every duplicate, with saxes' message.
 */
import { describe, expect, it } from 'vitest';
import { cpuRatio } from '../helpers/cpu-ratio.js';
import { XmlError } from '../../src/xml/errors.js';
import { parseXml } from '../../src/xml/parse.js';
import { readInChunks } from '../helpers/xml-stream.js';

const LIMITS = { maxBytes: 64 * 1024 * 1024 };
const BOUND = 3.5;
/** Longer than V8's limit for hashing a string's contents (String::kMaxHashCalcLength, 16383). */
const LONG = 17_000;

/** CPU-time ratio of `parse` on the larger and the smaller input (test/helpers/cpu-ratio.ts). */
const ratio = (build: (n: number) => string, n: number, parse: (xml: string) => void) => cpuRatio(build, n, parse, { bound: BOUND });

const whole = (xml: string): void => {
  parseXml(xml, LIMITS);
};
/** The stream reader, bytes in chunks of 16. */
const streamed = (xml: string): void => readInChunks(xml, 16, LIMITS);

const longNs = (tail: string, length = LONG): string => `urn:${'x'.repeat(length)}${tail}`;

/** One long namespace, n prefixed attributes of one length on one element (the Set path). */
const manyAttributes = (n: number): string => `<r xmlns:p="${longNs('')}" ${Array.from({ length: n }, (_, i) => `p:a${100_000 + i}=""`).join(' ')}/>`;
/** 16 namespaces of 40n characters that differ at their end, declared once; n elements with an attribute in each (the pairwise path). */
const manyElements = (n: number): string => {
  const decls = Array.from({ length: 16 }, (_, k) => `xmlns:p${k}="${longNs(String.fromCharCode(0x61 + k), 40 * n)}"`).join(' ');
  const attrs = Array.from({ length: 16 }, (_, k) => `p${k}:a=""`).join(' ');
  return `<r ${decls}>${`<e ${attrs}/>`.repeat(n)}</r>`;
};

describe('attack: duplicate-attribute check over long namespace names stays linear', () => {
  it.each([
    ['parseXml, many attributes under one long namespace', manyAttributes, 800, whole],
    ['stream reader (16-byte chunks), many attributes under one long namespace', manyAttributes, 800, streamed],
    ['parseXml, many elements with 16 attributes in 16 long namespaces', manyElements, 1_500, whole],
    ['stream reader (16-byte chunks), many elements with 16 attributes in 16 long namespaces', manyElements, 1_500, streamed],
  ] as const)('%s', (_name, build, n, parse) => {
    const r = ratio(build, n, parse);
    expect(r.ratio, `CPU ${r.small} µs for N, ${r.large} µs for 2N`).toBeLessThan(BOUND);
  }, 120_000);
});

describe('attack: the check still finds duplicates under long namespace names', () => {
  const refused = (xml: string): string => {
    try {
      parseXml(xml, LIMITS);
    } catch (e) {
      expect(e).toBeInstanceOf(XmlError);
      expect((e as XmlError).code).toBe('ERR_XML_MALFORMED');
      // The message shows 200 characters of the reason; saxes' own error (the cause) has all of it.
      expect((e as XmlError).message).toContain('duplicate attribute: {urn:xxx');
      return ((e as XmlError).cause as Error).message.replace(/x{100,}/, 'x…');
    }
    throw new Error('accepted');
  };

  it('two prefixes bound to one long namespace name, beyond 16 attributes: the first duplicate in document order', () => {
    const attrs = Array.from({ length: 20 }, (_, i) => `p:a${i}=""`).join(' ');
    expect(refused(`<r xmlns:p="${longNs('')}" xmlns:q="${longNs('')}" ${attrs} q:a7="" q:a3=""/>`)).toMatch(/duplicate attribute: \{urn:x…\}a7\.$/);
  });

  it('up to 16 attributes: a prefix bound to the same long name with surrounding white space is the same namespace (saxes compares them trimmed)', () => {
    expect(refused(`<r xmlns:p="${longNs('')}"><e xmlns:q=" ${longNs('')}" p:a="" q:a=""/></r>`)).toMatch(/duplicate attribute: \{urn:x…\}a\.$/);
  });

  it('an inner declaration that rebinds a prefix is used, and undone when its element ends', () => {
    const ok = parseXml(`<r xmlns:p="${longNs('1')}" xmlns:q="${longNs('2')}"><e xmlns:q="${longNs('1')}"/><f p:a="" q:a=""/></r>`, LIMITS);
    expect(ok.root.lastChild).not.toBeNull();
    expect(refused(`<r xmlns:p="${longNs('1')}" xmlns:q="${longNs('2')}"><e xmlns:q="${longNs('1')}" p:a="" q:a=""/></r>`)).toMatch(/duplicate attribute: \{urn:x…1\}a\.$/);
  });

  it('long namespaces that differ only at their end are different: 20 attributes accepted', () => {
    const decls = Array.from({ length: 20 }, (_, k) => `xmlns:p${k}="${longNs(String(k))}"`).join(' ');
    const attrs = Array.from({ length: 20 }, (_, k) => `p${k}:a="${k}"`).join(' ');
    const { root } = parseXml(`<r ${decls} ${attrs}/>`, LIMITS);
    expect(root.getAttributeNS(longNs('19'), 'a')).toBe('19');
  });
});
