/**
 * Attack: state left from one document to the next. saxes reads a new document after `close()`
 * (its `end()` resets the parser with `_init`), and the project's parser class keeps fields of its
 * own that saxes does not know: the cache of the next LF of the chunk (src/xml/sax-scan.ts nextLf),
 * keyed by the chunk's position, which is 0 again for the next document. Left as it was, the
 * second document's line numbers were computed from the first one's LFs (a tag on line 3 reported
 * on line 1). And the stream reader took bytes after `end()` as a second document.
 */
import { describe, expect, it } from 'vitest';
import { ListAttributesParser, SAXES_OPTIONS } from '../../src/xml/sax.js';
import { XmlStreamReader } from '../../src/xml/stream/reader.js';
import { IGNORE_EVENTS } from '../helpers/xml-stream.js';

const FIRST = `<r>${'\n'.repeat(10)}<a/>\n</r>`;
const SECOND = '<r>ab<x/>\n\n<y/>c\nd<z/></r>';

/** Each start tag's name with the parser's line and column after it, and each text with the line after it. */
function positions(parser: ListAttributesParser, xml: string): string[] {
  const out: string[] = [];
  parser.on('opentag', (t) => void out.push(`<${t.name} ${parser.line}:${parser.column}`));
  parser.on('text', (t) => void out.push(`${JSON.stringify(t)} ${parser.line}:${parser.column}`));
  parser.write(xml).close();
  parser.off('opentag');
  parser.off('text');
  return out;
}

describe('attack: parser state left from one document to the next', () => {
  it('a parser that read a document reads the next one as a new parser does', () => {
    const fresh = positions(new ListAttributesParser(SAXES_OPTIONS), SECOND);
    expect(fresh).toEqual(['<r 1:3', '"ab" 1:6', '<x 1:9', '"\\n\\n" 3:1', '<y 3:4', '"c\\nd" 4:2', '<z 4:5']);
    const reused = new ListAttributesParser(SAXES_OPTIONS);
    positions(reused, FIRST);
    expect(positions(reused, SECOND)).toEqual(fresh);
  });

  it('the stream reader refuses bytes after end() (a TypeError: the caller reuses a finished reader)', () => {
    const reader = new XmlStreamReader(IGNORE_EVENTS);
    reader.write(new TextEncoder().encode(FIRST));
    reader.end();
    expect(() => reader.write(new TextEncoder().encode(SECOND))).toThrow(TypeError);
    expect(() => reader.end()).toThrow(TypeError);
  });
});
