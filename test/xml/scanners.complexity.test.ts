/**
 * The bulk scanners (src/xml/sax-scan.ts, src/xml/sax-tag.ts) do work linear in their input on
 * every path, including where they hand over to saxes' own code (after `]`, `&`, a line end, a
 * surrogate pair in a name, an attribute value that fails the one-regex fast path late), and
 * when the input comes in small chunks that split every token (the stream reader, which reads
 * aggregates). CPU-time ratio between N and 4N (test/xml/parse.complexity.test.ts compares N and
 * 2N): linear work quadruples, a rescan per character or per chunk grows sixteenfold. The wider
 * step keeps the bound (8) far from both, so a loaded machine (GC, a busy second core) does not
 * flake it: at N and 2N some many-attribute shapes measured 3.2-3.47 against a bound of 3.5.
 */
import { describe, expect, it } from 'vitest';
import { cpuRatio } from '../helpers/cpu-ratio.js';
import { XmlError } from '../../src/xml/errors.js';
import { parseXml } from '../../src/xml/parse.js';
import { readInChunks } from '../helpers/xml-stream.js';

const LIMITS = { maxBytes: 64 * 1024 * 1024 };
const BOUND = 8; // the geometric middle of linear (x4) and quadratic (x16)
const STEP = 4;

/** CPU-time ratio of `parse` on the larger and the smaller input (test/helpers/cpu-ratio.ts). */
const ratio = (build: (n: number) => string, n: number, parse: (xml: string) => void) => cpuRatio(build, n, parse, { bound: BOUND, step: STEP, runs: 5 });

/**
 * A name over MAX_NAME_LENGTH (10,000) is refused (ERR_XML_TOO_LARGE) once its start tag is read:
 * for the long-name shapes, the time to that refusal is what is measured (the inputs are far
 * below `maxBytes`, so the cap is the only way to that code).
 */
const nameCapped = (f: () => void): void => {
  try {
    f();
  } catch (e) {
    if (!(e instanceof XmlError && e.code === 'ERR_XML_TOO_LARGE')) throw e;
  }
};
const whole = (xml: string): void => {
  nameCapped(() => parseXml(xml, LIMITS));
};
/** The stream reader with the bytes in chunks of `size` (UTF-8 sequences, CR LF pairs, names and values split). */
const streamed =
  (size: number) =>
  (xml: string): void =>
    nameCapped(() => readInChunks(xml, size, LIMITS));

const list = (n: number, item: (i: number) => string): string => Array.from({ length: n }, (_, i) => item(i)).join(' ');

/** [name, input builder, N for one chunk, N for small chunks] */
const SHAPES: ReadonlyArray<readonly [string, (n: number) => string, number, number]> = [
  ['one long text run', (n) => `<r>${'x'.repeat(n)}</r>`, 2_000_000, 200_000],
  ['text with a `]` every third character (saxes reads the rest of the chunk)', (n) => `<r>${'ab]'.repeat(n)}</r>`, 300_000, 50_000],
  ['text with `]]` and `>` apart (the ]]> check across the hand-over)', (n) => `<r>${']]x>'.repeat(n)}</r>`, 200_000, 40_000],
  ['text with a reference every few characters (re-entry after `&`)', (n) => `<r>${'ab&amp;'.repeat(n)}</r>`, 200_000, 40_000],
  ['text with CR LF and lone CR line ends', (n) => `<r>${'a\r\nb\r'.repeat(n)}</r>`, 200_000, 40_000],
  ['text with astral characters (surrogate pairs read by saxes)', (n) => `<r>${'a😀'.repeat(n)}</r>`, 300_000, 50_000],
  ['a long element name and end tag', (n) => `<${'n'.repeat(n)}>x</${'n'.repeat(n)}>`, 1_000_000, 100_000],
  ['a long name of astral characters', (n) => `<a${'😀'.repeat(n)}/>`, 300_000, 50_000],
  ['a long name alternating BMP and astral characters', (n) => `<a${'b😀'.repeat(n)}/>`, 200_000, 40_000],
  ['a long attribute value', (n) => `<r a="${'v'.repeat(n)}"/>`, 1_000_000, 100_000],
  ['a long attribute value that fails the fast path at its end', (n) => `<r a="${'v'.repeat(n)}&amp;"/>`, 1_000_000, 100_000],
  ['a long attribute value with TABs and line ends (normalised, §3.3.3)', (n) => `<r a="${'v\tw\r\nx\ry\n'.repeat(n)}"/>`, 100_000, 20_000],
  ['many attributes that fail the fast path late (a reference at the end)', (n) => `<r ${list(n, (i) => `a${i}="${'v'.repeat(30)}&amp;"`)}/>`, 20_000, 5_000],
  // Tens of thousands of attributes on one element measure up to ~8 at N/4N in one chunk (GC of the
  // growing attribute lists; 10k/40k/160k attributes took 34/148/404 ms: no quadratic term), so N is kept
  // small for these two shapes.
  ['many attributes with a space around `=`', (n) => `<r ${list(n, (i) => `a${i} = '${'v'.repeat(10)}'`)}/>`, 2_500, 5_000],
  ['many attributes with astral names', (n) => `<r ${list(n, (i) => `a😀${i}="v"`)}/>`, 2_500, 5_000],
  ['many elements with attributes, text and end tags', (n) => `<r>${'<e a="1" b=\'2\'>t</e>'.repeat(n)}</r>`, 60_000, 15_000],
  ['many text runs of several LF-ended lines (LFs counted per run)', (n) => `<r>${'<e>a\nb\n</e>\n'.repeat(n)}</r>`, 60_000, 15_000],
  ['many text runs on one line, one LF at the end (the next LF found once per chunk)', (n) => `<r>${'<e>t</e>'.repeat(n)}\n</r>`, 60_000, 15_000],
  ['many end tags with a space before `>`', (n) => `<r>${'<e></e >'.repeat(n)}</r>`, 60_000, 15_000],
];

describe('bulk scanners: work linear in the input (CPU-time ratio between N and 4N)', () => {
  it.each(SHAPES.map(([name, build, n]) => [name, build, n] as const))('one chunk (parseXml): %s', (name, build, n) => {
    const r = ratio(build, n, whole);
    if (process.env.SHOW_RATIOS) console.log(name, r);
    expect(r.ratio, `CPU ${r.small} µs for N, ${r.large} µs for ${STEP}N`).toBeLessThan(BOUND);
  }, 120_000);

  it.each(SHAPES.map(([name, build, , n]) => [name, build, n] as const))('7-byte chunks (stream reader): %s', (name, build, n) => {
    const r = ratio(build, n, streamed(7));
    if (process.env.SHOW_RATIOS) console.log(name, r);
    expect(r.ratio, `CPU ${r.small} µs for N, ${r.large} µs for ${STEP}N`).toBeLessThan(BOUND);
  }, 120_000);
});
