/**
 * Attack: a caller that goes on writing to the stream reader after it threw (a handler's own
 * error, or an XmlError). The reader's state is the one of the throw: the parser stopped inside a
 * chunk, and `inHandler` stayed set after a handler threw, so that a later well-formedness error
 * came out as saxes' bare `Error` instead of an XmlError. A reader that threw is finished: every
 * later write() or end() is a TypeError (the caller's mistake), like one after end().
 */
import { describe, expect, it } from 'vitest';
import { XmlError } from '../../src/xml/errors.js';
import { XmlStreamReader, type XmlStreamHandler } from '../../src/xml/stream/reader.js';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('attack: writing to the stream reader after it threw', () => {
  it('after a handler threw: write() and end() are TypeErrors, not a misreported document', () => {
    let thrown = false;
    const handler: XmlStreamHandler = {
      startElement() {},
      endElement() {},
      text() {
        if (!thrown) {
          thrown = true;
          throw new RangeError('the caller stops here');
        }
      },
      pi() {},
    };
    const reader = new XmlStreamReader(handler);
    expect(() => reader.write(bytes('<r>abc<a/>'))).toThrow(RangeError);
    expect(() => reader.write(bytes('</b></r>'))).toThrow(TypeError);
    expect(() => reader.end()).toThrow(TypeError);
  });

  it('after an XmlError: the same', () => {
    const reader = new XmlStreamReader({ startElement() {}, endElement() {}, text() {}, pi() {} });
    expect(() => reader.write(bytes('<r>a</b>'))).toThrow(XmlError);
    expect(() => reader.write(bytes('</r>'))).toThrow(TypeError);
    expect(() => reader.end()).toThrow(TypeError);
  });
});
