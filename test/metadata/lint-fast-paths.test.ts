// The lint rules' fast paths give the same answers as the general code they short-cut.
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../scripts/fuzz/c14n-gen.js';
// isHttpUrlByParse: isHttpUrl as it was before its fast path (the WHATWG URL parse for every value).
import { isHttpUrl, isHttpUrlByParse } from '../../src/metadata/lint/rules/endpoint-location-invalid.js';
import { detectFlavour } from '../../src/metadata/flavour.js';
import { intAttr, uriList } from '../../src/metadata/read-common.js';
import { parseXml } from '../../src/xml/parse.js';

describe('isHttpUrl: fast path agrees with the WHATWG URL parse', () => {
  const edges = [
    'https://idp.example.org/sso', 'http://idp.example.org', 'https://a/', 'https://a', 'https://a.b?x', 'https://a.b#f',
    'https://1.2.3.4/', 'https://999.1.1.1/', 'https://1.2.3.999/x', 'https://a.1/', 'https://a.0x1/', 'https://0x7f.1/', 'https://a.0xZZ/',
    'https://xn--nxasmq6b.example/', 'https://xn--a.example/', 'https://a.xn--zz/', 'https://XN--A.example/', 'https://a--b.example/',
    'https://-a.example/', 'https://a-.example/', 'https://a..b/', 'https://.a/', 'https://a./', 'https:///a', 'https://', 'http:/a.b/',
    'https://a.b:443/', 'https://a.b:99999/', 'https://u@a.b/', 'https://a.b@c/', 'https://a.b\\c', 'https://a.b/%zz', 'https://a.b/\u00e9',
    'https://a.b/\ud800', 'HTTPS://A.B/', 'hTTp://a.b/', 'ftp://a.b/', 'https:a.b', 'https://[::1]/', 'https://[::1/', 'https://a_b.c/',
    'https://a.b.c.d.e.f.g.h/very/long/path?q=1&r=2#frag', 'https://é.example/', 'https://a.b/ x', ' https://a.b/', 'https://a.b/\t',
    'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST', '', '/relative', 'https://a.b/\u0000', 'https://a\u0000b/', 'https://%41.b/',
    'https://a.b/..', 'https://a.b/x--y', 'https://a.b?--', 'https://a.b#--', 'https://a-.-b/', 'https://xn--/', 'https://a.b/xn--', 'https://a.123abc/', 'https://a.1a/', 'https://a.a1/', 'https://a.09/', 'https://a.0/', 'http://localhost',
  ];
  it.each(edges.map((v) => [JSON.stringify(v), v]))('%s', (_label, v) => {
    expect(isHttpUrl(v)).toBe(isHttpUrlByParse(v));
  });

  it('random strings over the URL alphabet', () => {
    const alphabet = ['h', 't', 'p', 's', ':', '/', '.', '-', 'a', 'x', 'n', '0', '1', '9', 'Z', '?', '#', '@', '[', ']', '%', '\\', '_', 'é', ' ', 'xn--', 'http://', 'https://'];
    const rand = seededRandom(12345);
    const rnd = (n: number) => Math.floor(rand() * n);
    let agreedTrue = 0;
    for (let i = 0; i < 20_000; i++) {
      let s = rnd(2) === 0 ? 'https://' : rnd(2) === 0 ? 'http://' : '';
      const len = rnd(14);
      for (let j = 0; j < len; j++) s += alphabet[rnd(alphabet.length)];
      const want = isHttpUrlByParse(s);
      if (isHttpUrl(s) !== want) expect.fail(`isHttpUrl(${JSON.stringify(s)}) !== ${want}`);
      if (want) agreedTrue++;
    }
    expect(agreedTrue).toBeGreaterThan(1000); // the sample reaches the fast path's accepting side
  });
});

describe('model readers: fast paths agree with the regular expressions they short-cut', () => {
  it('uriList: one URI without white space, or the split', () => {
    const byRegex = (v: string | undefined) => (v === undefined ? [] : v.split(/\s+/).filter((s) => s !== ''));
    for (const v of [undefined, '', ' ', 'urn:a', ' urn:a', 'urn:a urn:b', 'urn:a\u00a0urn:b', '\turn:a\n', 'a\u2028b', 'x']) {
      expect(uriList(v)).toEqual(byRegex(v));
    }
  });
  it('intAttr: 1 to 9 ASCII digits after trimming', () => {
    const byRegex = (v: string) => (/^\d{1,9}$/.test(v.trim()) ? Number(v.trim()) : undefined);
    for (const v of ['0', '1', ' 7 ', '123456789', '1234567890', '', ' ', '-1', '+1', '1.0', '0x1', '١', '٣', '1e3', '00012', '\u00a05']) {
      const { root } = parseXml(`<e index="${v}"/>`);
      expect(intAttr(root, 'index')).toBe(byRegex(root.getAttribute('index')!));
    }
  });
  it('detectFlavour: tenant entityIDs around the length and slash pre-check', () => {
    const guid = '0123abcd-0123-4567-89ab-0123456789AB';
    const byRegex = (id: string) => /^https:\/\/[^/?#]+\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id.trim());
    for (const id of [`https://h/${guid}`, `https:///${guid}`, `https://h/${guid}/`, `https://h${guid}`, `HTTPS://tenant.example/${guid}`, ` https://h/${guid} `, `https://h/x${guid}`, `https://h/${guid.slice(1)}`, 'https://idp.example.org/']) {
      const tenant = detectFlavour({ entityId: id, otherRoles: [], otherRoleDescriptors: [], idpSsoDescriptors: [] }).flavour === 'tenant';
      expect(tenant).toBe(byRegex(id));
    }
  });
});
