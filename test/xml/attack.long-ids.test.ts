/**
 * Attack: many long ID values of one length that differ only at the end. V8 hashes a string
 * longer than 16,383 code units by its length alone, so a Map keyed by them compares each new
 * value with every earlier one, end to end: before the fix, indexIds took 54 ms for 300 IDs of
 * 17,000+ characters and 272 ms for 600 (quadratic; a 128 MB Response allows minutes). indexIds
 * now interns the values by content (src/xml/string-ids.ts). CPU-time ratio between N and 4N:
 * linear work quadruples, quadratic grows sixteenfold.
 */
import { describe, expect, it } from 'vitest';
import { cpuRatio } from '../helpers/cpu-ratio.js';
import { XmlError } from '../../src/xml/errors.js';
import { indexIds } from '../../src/xml/ids.js';
import { parseXml } from '../../src/xml/parse.js';
import { codeOf } from '../helpers/errors.js';

const LIMITS = { maxBytes: 64 * 1024 * 1024 };
const id = (i: number): string => 'i'.repeat(17_000) + String(i).padStart(6, '0');
const doc = (n: number): string => `<r>${Array.from({ length: n }, (_, i) => `<e ID="${id(i)}"/>`).join('')}</r>`;

describe('attack: many long IDs of one length', () => {
  it('indexIds is linear (N and 4N IDs: CPU ratio under 7) and still finds each ID', () => {
    const r = cpuRatio((n) => parseXml(doc(n), LIMITS).root, 150, (root) => void indexIds(root), { bound: 7, step: 4 });
    const best = r.ratio;
    const b = parseXml(doc(600), LIMITS).root;
    expect(best).toBeLessThan(7);
    const index = indexIds(b);
    expect(index.size).toBe(600);
    expect(index.get(id(599))?.getAttribute('ID')).toBe(id(599));
    expect(index.get(id(600))).toBeUndefined();
  });

  it('a long ID given twice is still ERR_XML_DUPLICATE_ID', () => {
    const xml = `<r><e ID="${id(1)}"/><e ID="${id(2)}"/><e ID="${id(1)}"/></r>`;
    expect(codeOf(() => indexIds(parseXml(xml, LIMITS).root), XmlError)).toBe('ERR_XML_DUPLICATE_ID');
  });
});
