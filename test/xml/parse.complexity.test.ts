/**
 * parseXml is linear in its input for every adversarial shape (issue 7 §1): a complexity
 * property, not a wall-clock bound. Each shape is parsed at size N and 2N in the same test and
 * the CPU time (process.cpuUsage, best of several runs) must grow by less than 3.5x: linear work
 * doubles (~2x), quadratic work quadruples (~4x and more, since N is large enough that the
 * quadratic term dominates). The old xmldom-based parser took 14 s for 220 KB of `<!--&#0;-->`.
 */
import { describe, expect, it } from 'vitest';
import { cpuRatio } from '../helpers/cpu-ratio.js';
import { XmlError } from '../../src/xml/errors.js';
import { parseXml } from '../../src/xml/parse.js';

const LIMITS = { maxBytes: 64 * 1024 * 1024 };
const BOUND = 3.5;

/** CPU-time ratio of `parse` on the larger and the smaller input (test/helpers/cpu-ratio.ts). */
const ratio = (build: (n: number) => string, n: number, parse: (xml: string) => void) => cpuRatio(build, n, parse, { bound: BOUND });

/** Accepted, or (long-name shapes) refused by the name cap once the start tag is read: the time to either is measured. */
const accepts = (xml: string): void => {
  try {
    parseXml(xml, LIMITS);
  } catch (e) {
    if (!(e instanceof XmlError && e.code === 'ERR_XML_TOO_LARGE')) throw e;
  }
};
const refuses = (xml: string): void => {
  try {
    parseXml(xml, LIMITS);
  } catch (e) {
    if (e instanceof XmlError) return;
    throw e;
  }
  throw new Error('expected an XmlError');
};

const deepBlock = (depth: number): string => '<a>'.repeat(depth) + '</a>'.repeat(depth);

/** [name, input builder, N, accepted?] */
const SHAPES: ReadonlyArray<readonly [string, (n: number) => string, number, boolean]> = [
  ['illegal charrefs inside a comment (the reported DoS)', (n) => `<r><!--${'&#0;'.repeat(n)}--></r>`, 500_000, true],
  ['legal charrefs inside a comment', (n) => `<r><!--${'&#65;'.repeat(n)}--></r>`, 500_000, true],
  ['illegal charrefs inside CDATA sections', (n) => `<r>${'<![CDATA[&#0;&#1;]]>'.repeat(n)}</r>`, 20_000, true],
  ['illegal charrefs inside processing instructions', (n) => `<r>${'<?p &#0;&#99999999999;?>'.repeat(n)}</r>`, 8_000, true],
  ['many small elements, then one huge comment of illegal charrefs', (n) => `<r>${'<a/>'.repeat(n)}<!--${'&#0;'.repeat(n)}--></r>`, 8_000, true],
  ['legal charrefs in text and attribute values', (n) => `<r a="${'&#x41;'.repeat(n)}">${'&#65;&amp;'.repeat(n)}</r>`, 30_000, true],
  ['a long attribute list on one element', (n) => `<r ${Array.from({ length: n }, (_, i) => `a${i}="${i}"`).join(' ')}/>`, 20_000, true],
  ['many prefixed attributes, each prefix its own namespace', (n) => `<r ${Array.from({ length: n }, (_, i) => `xmlns:p${i}="urn:${i}" p${i}:a=""`).join(' ')}/>`, 5_000, true],
  ['many namespace declarations in scope of many prefixed elements', (n) => `<r ${Array.from({ length: n }, (_, i) => `xmlns:p${i}="urn:${i}"`).join(' ')}>${'<p7:x p9:y=""/>'.repeat(n)}</r>`, 3_000, true],
  ['namespace declarations on every element', (n) => `<r>${'<p:x xmlns:p="urn:p" xmlns="urn:d"><y/></p:x>'.repeat(n)}</r>`, 2_000, true],
  ['nesting up to the depth cap, repeated', (n) => `<r>${deepBlock(127).repeat(n)}</r>`, 40, true],
  ['a long element name', (n) => `<${'n'.repeat(n)}>x</${'n'.repeat(n)}>`, 800_000, true],
  ['a long attribute name and value', (n) => `<r ${'n'.repeat(n)}="${'v'.repeat(n)}"/>`, 500_000, true],
  ['tags that end with a line break (position tracking)', (n) => `<r>${'<a\n/>'.repeat(n)}</r>`, 6_000, true],
  ['one illegal charref after a long text (error path)', (n) => `<r>${'x'.repeat(n)}&#0;</r>`, 2_000_000, false],
  ['one lone surrogate after a long text (error path)', (n) => `<r>${'x\uD83D\uDE00'.repeat(n)}\uD800</r>`, 600_000, false],
  ['an unclosed element after many closed ones (error path)', (n) => `<r>${'<a>t</a>'.repeat(n)}<b>`, 5_000, false],
];

describe('parseXml does work linear in its input (issue 7 §1; CPU-time ratio between N and 2N)', () => {
  it.each(SHAPES.map(([name, build, n, ok]) => [name, build, n, ok] as const))('%s', (_name, build, n, ok) => {
    const r = ratio(build, n, ok ? accepts : refuses);
    if (process.env.SHOW_RATIOS) console.log(_name, r);
    expect(r.ratio, `CPU ${r.small} µs for N, ${r.large} µs for 2N`).toBeLessThan(BOUND);
  }, 120_000);
});

describe('tree lookups stay linear (the readers call them per element)', () => {
  it('lookupNamespaceURI from N elements under a root with N namespace declarations', () => {
    const build = (n: number): string => `<r ${Array.from({ length: n }, (_, i) => `xmlns:p${i}="urn:${i}"`).join(' ')}>${'<e/>'.repeat(n)}</r>`;
    const lookups = (xml: string): void => {
      const { root } = parseXml(xml, LIMITS);
      let i = 0;
      for (let c = root.firstChild; c !== null; c = c.nextSibling) c.lookupNamespaceURI(`p${i++}`);
    };
    const r = ratio(build, 10_000, lookups);
    expect(r.ratio, `CPU ${r.small} µs for N, ${r.large} µs for 2N`).toBeLessThan(BOUND);
  }, 120_000);
});
