/**
 * Attack: element, attribute and prefix names longer than V8 hashes by content (16,383 code
 * units). Maps keyed by such names (namespace scopes, c14n's rendered namespaces) put every key of
 * one length in one bucket and compare them end to end: measured before the cap, canonicalize on
 * 250 -> 500 prefixes of 17,000 characters took 128 -> 502 ms (exclusive), 140 -> 825 ms
 * (inclusive), reachable with an unauthenticated Response (the digest is computed first).
 * Names are capped at MAX_NAME_LENGTH (10,000; libxml2 refuses over 50,000): longer ones are
 * ERR_XML_TOO_LARGE at parse, on both paths; names up to the cap are hashed whole and stay linear.
 */
import { describe, expect, it } from 'vitest';
import { cpuRatio } from '../helpers/cpu-ratio.js';
import { canonicalize } from '../../src/xml/c14n.js';
import { XmlError } from '../../src/xml/errors.js';
import { parseXml } from '../../src/xml/parse.js';
import { MAX_NAME_LENGTH } from '../../src/xml/sax.js';
import { readInChunks } from '../helpers/xml-stream.js';
import { codeOf } from '../helpers/errors.js';

const LIMITS = { maxBytes: 64 * 1024 * 1024 };
const stream = (xml: string): void => readInChunks(xml, 4096, LIMITS);

describe('attack: names longer than V8 hashes by content', () => {
  const long = 'p'.repeat(MAX_NAME_LENGTH + 1);
  it.each([
    ['an element name', `<${long}/>`],
    ['a prefixed element name', `<${long}:a xmlns:${long}="urn:x"/>`],
    ['a namespace declaration\'s prefix', `<r xmlns:${long}="urn:x"/>`],
    ['an attribute name', `<r ${long}="1"/>`],
  ])('%s over the cap is ERR_XML_TOO_LARGE, from parseXml and the stream reader, with its position', (_what, xml) => {
    expect(codeOf(() => parseXml(`<!-- -->\n ${xml}`, LIMITS), XmlError)).toBe('ERR_XML_TOO_LARGE');
    try {
      parseXml(`<!-- -->\n ${xml}`, LIMITS);
    } catch (e) {
      expect((e as XmlError).message).toMatch(new RegExp(`at most ${MAX_NAME_LENGTH} characters, found one of \\d+ at line 2, column 2$`));
    }
    expect(codeOf(() => stream(xml), XmlError)).toBe('ERR_XML_TOO_LARGE');
  });

  it('a name of exactly the cap is read', () => {
    const name = 'a'.repeat(MAX_NAME_LENGTH);
    expect(parseXml(`<${name} ${name}="v"/>`, LIMITS).root.localName).toBe(name);
  });

  it('canonicalize on many prefixes of the longest allowed length is linear (N and 4N prefixes: CPU ratio under 7)', () => {
    const prefix = (i: number): string => 'q'.repeat(MAX_NAME_LENGTH - 12) + String(i).padStart(6, '0');
    const doc = (n: number): string => `<r ${Array.from({ length: n }, (_, i) => `xmlns:${prefix(i)}="urn:${i}" ${prefix(i)}:a="${i}"`).join(' ')}/>`;
    for (const mode of ['exclusive', 'inclusive'] as const) {
      const best = cpuRatio((n) => parseXml(doc(n), LIMITS).root, 40, (root) => void canonicalize(root, { mode }), { bound: 7, step: 4 }).ratio;
      expect(best, mode).toBeLessThan(7);
    }
  });
});
