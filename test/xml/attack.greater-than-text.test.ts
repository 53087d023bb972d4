/**
 * Attack: character data made of `>`. The text scanner (src/xml/sax-scan.ts handleTextInRoot)
 * stops its run at `>` to know whether a text is plain (nothing for C14N to escape); it stopped at
 * every `>`, one regular-expression call and one step of the loop per `>`, and a text of 8 M `>`
 * took 12 times as long as one of 8 M letters (270 ms against 23 ms before that stop existed).
 * Once a text has a `>` it is not plain, and the run goes on over `>`: a text of `>` costs about
 * what a text of letters does. Measured as a ratio of CPU times (best of several runs, retried on
 * a busy machine), never as a speed.
 */
import { describe, expect, it } from 'vitest';
import { parseXml } from '../../src/xml/parse.js';
import { bestCpu } from '../helpers/cpu-ratio.js';
import { readInChunks } from '../helpers/xml-stream.js';

const N = 1 << 21;
const BOUND = 4;

/** CPU time of `run` on a text of `>` over its time on a text of letters of the same length. */
function ratio(run: (xml: string) => void): number {
  const letters = `<r>${'a'.repeat(N)}</r>`;
  const greater = `<r>${'>'.repeat(N)}</r>`;
  run(letters);
  run(greater);
  let best = Infinity;
  for (let attempt = 0; attempt < 3 && best >= BOUND; attempt++) {
    best = Math.min(best, bestCpu(() => run(greater), 3) / Math.max(bestCpu(() => run(letters), 3), 1));
  }
  return best;
}

describe('attack: a text of many >', () => {
  it('parseXml reads it at about the cost of a text of letters', () => {
    expect(ratio((xml) => parseXml(xml))).toBeLessThan(BOUND);
  });

  it('the stream reader too (one chunk, and 64 KiB chunks)', () => {
    expect(ratio((xml) => readInChunks(xml, 1 << 30))).toBeLessThan(BOUND);
    expect(ratio((xml) => readInChunks(xml, 1 << 16))).toBeLessThan(BOUND);
  });

  it('and the text is read whole, not plain', () => {
    let text = '';
    parseXml(`<r>a${'>'.repeat(5)}b</r>`).root.childNodes.forEach((n) => (text += n.textContent));
    expect(text).toBe('a>>>>>b');
  });
});
