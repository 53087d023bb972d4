import { describe, expect, it } from 'vitest';
import { parseXml } from '../../src/xml/parse.js';
import { indexIds } from '../../src/xml/ids.js';
import { XmlError } from '../../src/xml/errors.js';

function thrown(fn: () => unknown): XmlError {
  try {
    fn();
  } catch (e) {
    if (e instanceof XmlError) return e;
    throw e;
  }
  throw new Error('expected an XmlError');
}

describe('indexIds', () => {
  it('indexes ID, Id and AssertionID on the root and descendants', () => {
    const { root } = parseXml('<r ID="a"><b Id="b"><c AssertionID="c"/></b><d id="lower" wsu:Id="w" xmlns:wsu="urn:wsu"/></r>');
    const ids = indexIds(root);
    expect([...ids.keys()]).toEqual(['a', 'b', 'c']);
    expect(ids.get('c')!.localName).toBe('c');
  });

  it('refuses the same value on two elements, naming both positions', () => {
    const xml = '<r ID="a">\n  <x ID="dup"/>\n  <y>\n    <z ID="dup"/>\n  </y>\n</r>';
    const e = thrown(() => indexIds(parseXml(xml).root));
    expect(e.code).toBe('ERR_XML_DUPLICATE_ID');
    expect(e.message).toContain('"dup"');
    expect(e.message).toContain('line 2, column 3');
    expect(e.message).toContain('line 4, column 5');
    expect(e.line).toBe(4);
  });

  it('refuses the same value across attribute kinds (ID vs AssertionID)', () => {
    expect(thrown(() => indexIds(parseXml('<r ID="a"><s AssertionID="a"/></r>').root)).code).toBe('ERR_XML_DUPLICATE_ID');
  });

  it('refuses a duplicate on one element (ID and Id with one value)', () => {
    expect(thrown(() => indexIds(parseXml('<r ID="a" Id="a"/>').root)).code).toBe('ERR_XML_DUPLICATE_ID');
  });

  it('walks deep documents iteratively', () => {
    const depth = 120;
    const xml = '<e>'.repeat(depth) + '<x ID="deep"/>' + '</e>'.repeat(depth);
    expect(indexIds(parseXml(xml).root).get('deep')!.localName).toBe('x');
  });
});
