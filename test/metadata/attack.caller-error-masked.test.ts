/**
 * Attack on the one-thread streaming lint (src/metadata/stream/lint-stream.ts) through the stream
 * reader (src/xml/stream/reader.ts): an error thrown by the caller's own code while the document is
 * read (here `onProgress`) was turned into ERR_XML_MALFORMED ("Malformed XML at line ...") and the
 * stream answered `undefined`, as for a broken document: the caller's error was lost, and the tree
 * path ran the callback again. `lintMetadata` and the two-thread path throw it. Now every path
 * throws the caller's error as it is; the parser's own errors are still XmlErrors.
 */
import { describe, expect, it } from 'vitest';
import { adfsMetadata, aggregate, spMetadata } from '../../scripts/fixtures/metadata-builders.js';
import { lintMetadata, type LintOptions } from '../../src/metadata/lint/index.js';
import { STREAM_PATHS } from '../helpers/stream-paths.js';
import { XmlError } from '../../src/xml/errors.js';
import { readXmlStream } from '../../src/xml/stream/reader.js';
import { chunked, IGNORE_EVENTS } from '../helpers/xml-stream.js';

const NOW = new Date('2026-06-15T00:00:00Z');
const xml = Buffer.from(aggregate([adfsMetadata({ unsigned: true }), spMetadata()]));
class Stop extends Error {}

describe.each(STREAM_PATHS)('%s', (_name, stream) => {
  it('onProgress throws: the same error as from lintMetadata, not undefined', async () => {
    const onProgress = (): void => {
      throw new Stop('stop here');
    };
    expect(() => lintMetadata(xml, { now: NOW, onProgress })).toThrow(Stop);
    await expect(stream(chunked(xml, 4096), { now: NOW, onProgress }, { expectedEntities: 2 })).rejects.toThrow(Stop);
  });
});

it('the stream reader: a handler error is passed on as it is; a malformed document is still ERR_XML_MALFORMED', () => {
  const boom = new RangeError('from the handler');
  expect(() => readXmlStream(chunked(xml, 100), { ...IGNORE_EVENTS, text: () => { throw boom; } })).toThrow(boom);
  let caught: unknown;
  try {
    readXmlStream(chunked(Buffer.from('<a><b></a>'), 3), IGNORE_EVENTS);
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(XmlError);
  expect((caught as XmlError).code).toBe('ERR_XML_MALFORMED');
});
