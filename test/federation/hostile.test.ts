// Hostile manifests and tenant JSON bodies: every attack ends in a coded error, fast, never a
// crash (TypeError/RangeError) or a hang. One test per attack, asserting the code.
import { join } from 'node:path';
import { mkdirSync, mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { loadManifest, parseManifest, resolveHostGroups, type ManifestErrorCode, type PayloadErrorCode } from '../../src/federation/index.js';
import { parseGlobalFederationSettings, parseGlobalGroupMappings, readGlobalMappings, TENANT_JSON_LIMITS } from '../../src/tenant/readers.js';

const GOOD = 'name: acmeco\ndomains: [acme.example]\nmetadataUrl: https://adfs.acme.example/md.xml\n';

function code(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return (e as { code?: string }).code ?? `uncoded ${(e as Error).name}: ${(e as Error).message}`;
  }
  return 'no error';
}
function manifestError(text: string): { code: ManifestErrorCode; path?: string; message: string } {
  try {
    parseManifest(text, { file: 'p.yaml', baseDir: tmpdir() });
  } catch (e) {
    return e as { code: ManifestErrorCode; path?: string; message: string };
  }
  throw new Error('expected an error');
}
function payloadError(f: () => unknown): { code: PayloadErrorCode; message: string; actual?: unknown } {
  try {
    f();
  } catch (e) {
    return e as { code: PayloadErrorCode; message: string; actual?: unknown };
  }
  throw new Error('expected an error');
}
/** `{"a": {"a": ... }}` nested `n` deep, built without recursion. */
function deepObject(n: number): object {
  let o: object = {};
  for (let i = 0; i < n; i++) o = { a: o };
  return o;
}

describe('hostile manifests', () => {
  it('billion laughs (YAML alias bomb): ERR_MANIFEST_TOO_LARGE at the alias that crosses the cap', () => {
    const lol = ['lol0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i < 9; i++) lol.push(`lol${i}: &l${i} [${Array(9).fill(`*l${i - 1}`).join(', ')}]`);
    const e = manifestError(`${GOOD}${lol.join('\n')}\n`);
    expect(e.code).toBe('ERR_MANIFEST_TOO_LARGE');
    expect(e.message).toContain('expected at most 16 YAML aliases');
  });

  it('flow nesting thousands deep ([[[[...]]]]): ERR_MANIFEST_TOO_LARGE, not a stack overflow', () => {
    const e = manifestError(`${GOOD}mappings: ${'['.repeat(5000)}${']'.repeat(5000)}\n`);
    expect(e.code).toBe('ERR_MANIFEST_TOO_LARGE');
    expect(e.message).toContain('expected YAML nested at most 32 levels deep');
  });

  it('block nesting thousands deep (- - - ...): ERR_MANIFEST_TOO_LARGE', () => {
    expect(manifestError(`${'- '.repeat(50_000)}x\n`).code).toBe('ERR_MANIFEST_TOO_LARGE');
  });

  it('nesting just past the walker limit (33 levels): ERR_MANIFEST_TOO_LARGE with the path', () => {
    const e = manifestError(`${GOOD}mappings: ${'['.repeat(40)}${']'.repeat(40)}\n`);
    expect([e.code, e.path]).toEqual(['ERR_MANIFEST_TOO_LARGE', 'mappings[0][0]…']);
  });

  it('too many nodes (a 25 000-item list in 50 KB): ERR_MANIFEST_TOO_LARGE', () => {
    const e = manifestError(`${GOOD}roles:\n  G: [${Array(25_000).fill('r').join(',')}]\n`);
    expect([e.code, e.message]).toEqual(['ERR_MANIFEST_TOO_LARGE', expect.stringContaining('expected at most 20000 YAML nodes, found more')]);
  });

  it('huge file: loadManifest refuses it from its size, before reading', async () => {
    const f = join(mkdtempSync(join(tmpdir(), 'samlfed-hostile-')), 'huge.yaml');
    writeFileSync(f, `${GOOD}# ${'x'.repeat(1024 * 1024)}\n`);
    await expect(loadManifest(f)).rejects.toMatchObject({ code: 'ERR_MANIFEST_TOO_LARGE', file: f, expected: '<= 262144 bytes' });
  });

  it('__proto__ at the top level is an unknown key; in mappings and roles it is plain data', () => {
    expect(manifestError(`${GOOD}__proto__: {name: evil}\n`)).toMatchObject({ code: 'ERR_MANIFEST_UNKNOWN_KEY', path: '__proto__' });
    const m = parseManifest(`${GOOD}mappings:\n  __proto__: Evil\n  constructor: Also\nroles:\n  __proto__: [R]\n`, { baseDir: tmpdir() });
    expect(m.mappings).toEqual([{ AttributeValue: '__proto__', GroupName: 'Evil' }, { AttributeValue: 'constructor', GroupName: 'Also' }]);
    expect(Object.keys(m.roles)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });

  it('__proto__ in JSON manifests is data too (JSON.parse would make it an own key)', () => {
    expect(manifestError('{"name":"a","domains":["a.example"],"metadataUrl":"https://a.example/m","__proto__":{"x":1}}')).toMatchObject({ code: 'ERR_MANIFEST_UNKNOWN_KEY', path: '__proto__' });
  });

  it.each([
    ['mapping value is a mapping', `${GOOD}mappings:\n  Sales: {a: b}\n`, 'mappings.Sales', 'found a mapping with key "a"'],
    ['name is a mapping', GOOD.replace('name: acmeco', 'name: {a: 1, b: 2}'), 'name', 'found a mapping with keys "a", "b"'],
    ['domains is a mapping', GOOD.replace('[acme.example]', '{acme.example: 1}'), 'domains', 'expected a list of domain names, found a mapping'],
    ['domain is a list', GOOD.replace('[acme.example]', '[[acme.example]]'), 'domains[0]', 'found a list of 1 item'],
    ['manual is a list', GOOD.replace('metadataUrl: https://adfs.acme.example/md.xml', 'manual: [a]'), 'manual', 'found a list of 1 item'],
    ['role name is a mapping', `${GOOD}roles:\n  G: [{r: 1}]\n`, 'roles.G[0]', 'found a mapping'],
    ['flavor is a number', `${GOOD}flavor: 7\n`, 'flavor', 'found 7'],
    ['requireMfa is null', `${GOOD}requireMfa: ~\n`, 'requireMfa', 'found (null)'],
    ['key is a list', `${GOOD}mappings:\n  ? [a, b]\n  : G\n`, 'mappings', 'expected keys that are strings, found a list'],
    ['all-digit thumbprint read as a number', `${GOOD}expectedThumbprint: ${'1'.repeat(40)}\n`, 'expectedThumbprint', 'quote the thumbprint'],
    ['key is a number', `${GOOD}mappings:\n  2024: G\n`, 'mappings', 'found 2024 (quote it: "2024")'],
  ])('non-string value (%s): ERR_MANIFEST_INVALID naming the field path', (_what, text, path, found) => {
    const e = manifestError(text);
    expect([e.code, e.path]).toEqual(['ERR_MANIFEST_INVALID', path]);
    expect(e.message).toContain(found);
  });

  it('a 200 KB unknown key: ERR_MANIFEST_UNKNOWN_KEY with a short message', () => {
    const e = manifestError(`${GOOD}? ${'k'.repeat(200_000)}\n: 1\n`);
    expect(e.code).toBe('ERR_MANIFEST_UNKNOWN_KEY');
    expect(e.message.length).toBeLessThan(600);
    expect(e.message).toContain('…(200002 chars)');
  });

  it('a URL with credentials is refused without echoing them', () => {
    const e = manifestError(GOOD.replace('https://adfs', 'https://admin:s3cr3t@adfs'));
    expect([e.code, e.path]).toEqual(['ERR_MANIFEST_INVALID', 'metadataUrl']);
    expect(JSON.stringify({ ...e, message: e.message })).not.toContain('s3cr3t');
  });
});

describe('hostile tenant JSON bodies (settings, global mappings)', () => {
  const deepText = (n: number) => `{"Result":{"Junk":${'['.repeat(n)}${']'.repeat(n)}}}`;

  it('settings nested a million levels deep: ERR_PAYLOAD_TOO_LARGE before JSON.parse', () => {
    const e = payloadError(() => parseGlobalFederationSettings(deepText(1_000_000)));
    expect([e.code, e.actual]).toEqual(['ERR_PAYLOAD_TOO_LARGE', 1_000_002]);
  });

  it('global mappings nested deep inside Mappings: ERR_PAYLOAD_TOO_LARGE', () => {
    expect(code(() => parseGlobalGroupMappings(`{"Mappings":${'['.repeat(100_000)}${']'.repeat(100_000)}}`))).toBe('ERR_PAYLOAD_TOO_LARGE');
    expect(code(() => readGlobalMappings(`{"GlobalMappings":[${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}]}`))).toBe('ERR_PAYLOAD_TOO_LARGE');
  });

  it('brackets inside strings do not count as nesting', () => {
    const s = parseGlobalFederationSettings(`{"Note":"${'['.repeat(1000)}\\"${'{'.repeat(1000)}"}`);
    expect((s.other.Note as string).length).toBe(2001);
  });

  it('already-parsed deep or cyclic objects: ERR_PAYLOAD_TOO_LARGE (iterative check)', () => {
    expect(code(() => parseGlobalFederationSettings({ Junk: deepObject(100_000) }))).toBe('ERR_PAYLOAD_TOO_LARGE');
    const cyclic: Record<string, unknown> = { Mappings: [] };
    cyclic.self = cyclic;
    expect(code(() => parseGlobalGroupMappings(cyclic))).toBe('ERR_PAYLOAD_TOO_LARGE');
  });

  it('a 50 MB settings body: ERR_PAYLOAD_TOO_LARGE from its size', () => {
    const big = `{"SPMetadataUrl":"https://h.example/","Junk":"${'a'.repeat(50 * 1024 * 1024)}"}`;
    const e = payloadError(() => parseGlobalFederationSettings(big));
    expect([e.code, e.message]).toEqual(['ERR_PAYLOAD_TOO_LARGE', `GetGlobalFederationSettings: expected at most ${TENANT_JSON_LIMITS.maxBytes} bytes of JSON, found ${big.length}`]);
  });

  it('__proto__ keys stay data: no prototype pollution, no fake fields', () => {
    const s = parseGlobalFederationSettings('{"__proto__":{"SPMetadataUrl":"http://evil.example/","polluted":1},"GlobalMappings":{"__proto__":"Evil"}}');
    expect(s.SPMetadataUrl).toBeUndefined();
    expect(s.GlobalMappings).toEqual([{ AttributeValue: '__proto__', GroupName: 'Evil' }]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(code(() => parseGlobalGroupMappings('{"__proto__":{"Mappings":[]}}'))).toBe('ERR_PAYLOAD_MAPPINGS_INVALID');
    const r = resolveHostGroups(['__proto__', 'toString'], {}, s.GlobalMappings);
    expect([r.hostGroups, r.unmapped]).toEqual([['Evil'], ['toString']]);
  });

  it.each([
    ['SPMetadataUrl is a mapping', () => parseGlobalFederationSettings('{"SPMetadataUrl":{"a":1}}'), 'ERR_PAYLOAD_SETTINGS_INVALID', 'SPMetadataUrl: expected a URL string, found a mapping with key "a"'],
    ['SPSigningCertificateCASubject is a number', () => parseGlobalFederationSettings('{"SPSigningCertificateCASubject":5}'), 'ERR_PAYLOAD_SETTINGS_INVALID', 'SPSigningCertificateCASubject: expected a string, found 5'],
    ['GlobalMappings group is a list', () => parseGlobalFederationSettings('{"GlobalMappings":{"v":["G"]}}'), 'ERR_PAYLOAD_SETTINGS_INVALID', 'found a list of 1 item'],
    ['AttributeValue is a number', () => parseGlobalGroupMappings('{"Mappings":[{"AttributeValue":5,"GroupName":"G"}]}'), 'ERR_PAYLOAD_MAPPINGS_INVALID', 'Mappings[0].AttributeValue: expected a non-empty string, found 5'],
    ['Mappings is a string', () => parseGlobalGroupMappings('{"Mappings":"G"}'), 'ERR_PAYLOAD_MAPPINGS_INVALID', 'found "G"'],
    ['body is a list', () => parseGlobalGroupMappings('[[[]]]'), 'ERR_PAYLOAD_MAPPINGS_INVALID', 'expected a JSON object, found a list of 1 item'],
    ['body is not JSON', () => parseGlobalFederationSettings('<html>'), 'ERR_PAYLOAD_SETTINGS_INVALID', 'expected JSON, found text that is not'],
  ])('non-string / wrong-shape value (%s): coded error', (_what, f, c, msg) => {
    const e = payloadError(f);
    expect(e.code).toBe(c);
    expect(e.message).toContain(msg);
  });

  it('a huge tenant failure message is cut in the error', () => {
    const e = payloadError(() => parseGlobalGroupMappings(JSON.stringify({ success: false, Result: null, Message: 'x'.repeat(100_000) })));
    expect(e.code).toBe('ERR_PAYLOAD_TENANT_ERROR');
    expect(e.message.length).toBeLessThan(700);
  });
});

describe('hostile files named by a manifest', () => {
  it('a metadata path that is a folder: ERR_MANIFEST_FILE', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'samlfed-hostile-'));
    mkdirSync(join(dir, 'md.xml'));
    const m = parseManifest('name: a\ndomains: [a.example]\nmetadata: ./md.xml\n', { baseDir: dir, checkFiles: false });
    const { buildCreateFederationPayload } = await import('../../src/federation/index.js');
    await expect(buildCreateFederationPayload(m, { now: new Date('2026-06-01T00:00:00Z') })).rejects.toMatchObject({ code: 'ERR_MANIFEST_FILE', path: 'metadata' });
  });

  it('a 50 MB metadata file: ERR_MANIFEST_FILE from its size, before reading it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'samlfed-hostile-'));
    writeFileSync(join(dir, 'md.xml'), '<x/>');
    truncateSync(join(dir, 'md.xml'), 50 * 1024 * 1024);
    const m = parseManifest('name: a\ndomains: [a.example]\nmetadata: ./md.xml\n', { baseDir: dir });
    const { buildCreateFederationPayload } = await import('../../src/federation/index.js');
    await expect(buildCreateFederationPayload(m, { now: new Date('2026-06-01T00:00:00Z') })).rejects.toMatchObject({ code: 'ERR_MANIFEST_FILE', path: 'metadata', message: expect.stringContaining('expected at most 5242880 bytes, found 52428800') });
  });
});
