/**
 * Attack (now also stopped by the name cap at 10,000 characters): namespace prefixes longer than 16383 characters. V8 hashes such a string by its length
 * alone, so the parser's in-scope bindings (src/xml/sax.ts, a Map keyed by prefix) put long
 * prefixes of one length in one bucket, and every declaration and lookup compared them end to
 * end: measured before the fix, 500 declarations `xmlns:ppp…p1000="u"` (17,000-character
 * prefixes that differ at their end; 8.5 MB) took 0.33 s of CPU, 1,000 (17 MB) 2.6 s (ratio
 * 7.8; 5.7 for the stream reader), and the default 128 MB cap allows 7,500 (over a minute). Must be linear (CPU-time ratio between N and
 * 2N, as test/xml/parse.complexity.test.ts measures), for parseXml and for the stream reader,
 * and long prefixes must still resolve, be undone with their element, and be refused unbound.
 */
import { describe, expect, it } from 'vitest';
import { cpuRatio } from '../helpers/cpu-ratio.js';
import { XmlError } from '../../src/xml/errors.js';
import { parseXml } from '../../src/xml/parse.js';
import { readInChunks } from '../helpers/xml-stream.js';

const LIMITS = { maxBytes: 64 * 1024 * 1024 };
const BOUND = 3.5;
/**
 * Prefixes over 16,383 characters are now refused by the name cap (test/xml/attack.long-names.test.ts);
 * these are the longest the cap lets through (`xmlns:` + P + 6 digits), long enough (> 256) for the
 * scope maps to key them by id, so that path stays exercised.
 */
const P = 'p'.repeat(9_980);

/** CPU-time ratio of `parse` on the larger and the smaller input (test/helpers/cpu-ratio.ts). */
const ratio = (build: (n: number) => string, n: number, parse: (xml: string) => void) => cpuRatio(build, n, parse, { bound: BOUND });

const whole = (xml: string): void => {
  parseXml(xml, LIMITS);
};
/** The stream reader, bytes in chunks of 4096. */
const streamed = (xml: string): void => readInChunks(xml, 4096, LIMITS);

/** n declarations of long prefixes of one length that differ at their end, then an element and an attribute using the last one. */
const declarations = (n: number): string => {
  const decls = Array.from({ length: n }, (_, i) => `xmlns:${P}${1000 + i}="urn:${i}"`).join(' ');
  return `<r ${decls}><${P}${999 + n}:e ${P}${1000}:a=""/></r>`;
};

describe('attack: long namespace prefixes', () => {
  it.each([
    ['parseXml', whole],
    ['stream reader (4096-byte chunks)', streamed],
  ] as const)('declarations of many long prefixes: %s stays linear', (_name, parse) => {
    const r = ratio(declarations, 500, parse);
    if (process.env.SHOW_RATIOS) console.log(_name, r);
    expect(r.ratio, `CPU ${r.small} µs for N, ${r.large} µs for 2N`).toBeLessThan(BOUND);
  }, 120_000);

  it('long prefixes resolve to their own namespace, and an inner rebinding ends with its element', () => {
    const { root } = parseXml(`<r xmlns:${P}1="urn:a" xmlns:${P}2="urn:b"><${P}1:e xmlns:${P}1="urn:c" ${P}2:x="1"/><${P}1:f ${P}1:y="2"/></r>`, LIMITS);
    const e = root.firstChild as unknown as { namespaceURI: string; getAttributeNS(ns: string, l: string): string | null; nextSibling: unknown };
    expect(e.namespaceURI).toBe('urn:c');
    expect(e.getAttributeNS('urn:b', 'x')).toBe('1');
    const f = e.nextSibling as { namespaceURI: string; getAttributeNS(ns: string, l: string): string | null };
    expect(f.namespaceURI).toBe('urn:a');
    expect(f.getAttributeNS('urn:a', 'y')).toBe('2');
  });

  it('a long prefix declared on a sibling only is unbound (ERR_XML_MALFORMED)', () => {
    try {
      parseXml(`<r><a xmlns:${P}1="urn:a"/><${P}1:b/></r>`, LIMITS);
      throw new Error('accepted');
    } catch (e) {
      expect(e).toBeInstanceOf(XmlError);
      expect((e as XmlError).code).toBe('ERR_XML_MALFORMED');
      expect(((e as XmlError).cause as Error).message).toMatch(/unbound namespace prefix: "p+1"\.$/);
    }
  });
});
