/**
 * The streaming lint of aggregates (src/metadata/stream) against the tree path (lintMetadata):
 * the same input, through both, must give exactly the same result (findings, rule ids, messages,
 * severities, lines and columns, entity ids and counts), whatever the chunking. Signed,
 * tampered, wrongly signed and oddly shaped aggregates included. Every case runs on both streaming
 * paths: one thread (lintAggregateStream) and two (lintAggregateStreamParallel, the entities linted
 * in a worker thread from the parser's events).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { adfsMetadata, aggregate, certBase64, genericMetadata, spMetadata, tenantMetadata } from '../../scripts/fixtures/metadata-builders.js';
import { signEnveloped } from '../../scripts/fixtures/sign.js';
import { keyPem, certPem } from '../../scripts/fixtures/metadata-builders.js';
import { certificateFromBase64 } from '../../src/certs/index.js';
import { lintMetadata, type LintOptions } from '../../src/metadata/lint/index.js';
import { countEntityTags } from '../../src/metadata/stream/index.js';
import { STREAM_PATHS } from '../helpers/stream-paths.js';

const NOW = new Date('2026-06-15T00:00:00Z');
const trust = (name: string): LintOptions => ({ trust: { certificates: [certificateFromBase64(certBase64(name))] } });

function* chunks(bytes: Uint8Array, size: number): Generator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

const ids = (r: { findings: readonly { ruleId: string }[] }) => r.findings.map((f) => f.ruleId);

const three = () => [adfsMetadata({ unsigned: true }), { name: 'https://federation.example/tenants', entities: [tenantMetadata()] }, spMetadata()];


describe.each(STREAM_PATHS)('streaming aggregate lint, %s = tree lint', (_name, stream) => {
/** Lint through both paths; the stream must take the input and agree exactly, at every chunk size. */
async function same(xml: string | Uint8Array, options: LintOptions = {}, sizes = [1 << 16, 7, 1]): Promise<ReturnType<typeof lintMetadata>> {
  const bytes = typeof xml === 'string' ? Buffer.from(xml) : xml;
  const opts = { now: NOW, ...options };
  const tree = lintMetadata(bytes, opts);
  for (const size of sizes) {
    const streamed = await stream(chunks(bytes, size), opts);
    expect(streamed, `chunk size ${size}`).toBeDefined();
    expect(streamed, `chunk size ${size}`).toEqual(tree);
  }
  return tree;
}

  it('every aggregate fixture under test/fixtures, with and without trust anchors', async () => {
    let n = 0;
    for (const dir of ['metadata', 'lint']) {
      const base = new URL(`../fixtures/${dir}/`, import.meta.url);
      for (const f of readdirSync(base).filter((x) => x.endsWith('.xml')).sort()) {
        const bytes = readFileSync(new URL(f, base));
        const tree = lintMetadata(bytes, { now: NOW });
        const streamed = await stream(chunks(bytes, 4096), { now: NOW });
        if (/<(\w+:)?EntitiesDescriptor[\s>]/.test(bytes.toString('utf8').slice(0, 600)) && tree.entities > 0) {
          n++;
          expect(streamed, f).toEqual(tree);
          await same(bytes, trust('metadata-signing'), [4096]);
        } else {
          // Single entities, non-metadata and broken documents: the tree path, which reports them.
          expect(streamed, f).toBeUndefined();
        }
      }
    }
    expect(n).toBeGreaterThanOrEqual(3);
  });

  it('a signed aggregate with nested groups: valid with the signer pinned, untrusted without', async () => {
    const xml = aggregate(three(), { sign: true, validUntil: '2045-01-01T00:00:00Z' });
    expect(ids(await same(xml, trust('metadata-signing')))).not.toContain('metadata-signature-invalid');
    expect(ids(await same(xml))).toContain('metadata-signature-untrusted');
  });

  it('tampered, wrongly signed, or signed by another key: metadata-signature-invalid on both paths', async () => {
    const good = aggregate(three(), { sign: true });
    const tampered = good.replace('https://sp.generic.example/', 'https://sp.evil.example/');
    expect(tampered).not.toBe(good);
    const r1 = await same(tampered, trust('metadata-signing'));
    expect(r1.findings.find((f) => f.ruleId === 'metadata-signature-invalid')?.message).toMatch(/ERR_SIGNATURE_DIGEST_MISMATCH/);
    // Signed by a key that is not the pinned one.
    const forged = aggregate(three(), { sign: true, signWith: 'attacker' });
    expect(ids(await same(forged, trust('metadata-signing')))).toContain('metadata-signature-invalid');
    // A changed SignatureValue (SignedInfo intact): the digest matches, the signature does not.
    const badValue = good.replace(/<ds:SignatureValue>(.)/, (_m, c: string) => `<ds:SignatureValue>${c === 'A' ? 'B' : 'A'}`);
    expect(badValue).not.toBe(good);
    expect((await same(badValue, trust('metadata-signing'))).findings.find((f) => f.ruleId === 'metadata-signature-invalid')?.message).toMatch(/ERR_SIGNATURE_INVALID/);
    // A changed DigestValue.
    const badDigest = good.replace(/<ds:DigestValue>(.)/, (_m, c: string) => `<ds:DigestValue>${c === 'A' ? 'B' : 'A'}`);
    expect((await same(badDigest, trust('metadata-signing'))).findings.find((f) => f.ruleId === 'metadata-signature-invalid')?.message).toMatch(/ERR_SIGNATURE_DIGEST_MISMATCH/);
  });

  it('SHA-1, an InclusiveNamespaces PrefixList, comments, PIs, CDATA, CRLF and non-ASCII text', async () => {
    expect(ids(await same(aggregate(three(), { sign: true, signatureAlgorithm: 'rsa-sha1', digestAlgorithm: 'sha1' }), trust('metadata-signing')))).toContain('metadata-signature-weak-alg');
    const body = `<?xml version="1.0" encoding="UTF-8"?>\r\n<!-- feed -->\r\n<md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:mdui="urn:oasis:names:tc:SAML:metadata:ui" ID="_agg" Name="x">\r\n  <md:Extensions><mdui:UIInfo><mdui:DisplayName xml:lang="sv">Ågård &amp; Ö <![CDATA[<raw> & ]]></mdui:DisplayName></mdui:UIInfo></md:Extensions>\r\n${[adfsMetadata({ unsigned: true }), spMetadata()].map((e) => e.replace(/^<\?xml[^?]*\?>/, '').replace(/></g, '>\r\n<')).join('\r\n<!-- between -->\r\n')}\r\n</md:EntitiesDescriptor>`;
    const signed = signEnveloped(body, { ref: {}, privateKeyPem: keyPem('metadata-signing'), certificatePem: certPem('metadata-signing'), inclusiveNamespacesPrefixList: 'xs mdui', placement: 'first-child' });
    const r = await same(signed, trust('metadata-signing'), [1 << 16, 5]);
    expect(ids(r)).not.toContain('metadata-signature-invalid');
    expect(r.entities).toBe(2);
    const tampered = signed.replace('Ågård', 'Agård');
    expect(ids(await same(tampered, trust('metadata-signing'), [4096]))).toContain('metadata-signature-invalid');
    // A processing instruction inside the root is canonicalized too (C14N §2.3): the mismatch
    // message carries the computed digest, so equal findings mean equal streamed and tree digests.
    const withPi = signed.replace('</md:Extensions>', '<?keep this  one?></md:Extensions>');
    expect((await same(withPi, trust('metadata-signing'), [4096, 3])).findings[0]?.message).toMatch(/ERR_SIGNATURE_DIGEST_MISMATCH.*computed [A-Za-z0-9+/]{43}=/);
  });

  it('duplicate entityIDs, validUntil in the past, entity findings in nested groups', async () => {
    const e = genericMetadata();
    const r = await same(aggregate([e, { name: 'g', entities: [e, tenantMetadata({ validUntil: '2001-01-01T00:00:00Z' })] }], { validUntil: '2002-01-01T00:00:00Z' }));
    expect(ids(r)).toEqual(expect.arrayContaining(['entity-id-duplicate', 'valid-until-expired', 'metadata-unsigned']));
  });

  it('1,500 entities (the kept columns grow): role and entity validUntil in nested groups, a duplicate of the first entity at the end', async () => {
    const idp = (i: number) => genericMetadata({ entityId: `https://idp${i}.example.org/`, id: `_e${i}` });
    const roleExpired = genericMetadata({ entityId: 'https://role-expired.example/', id: '_r' }).replace('<md:IDPSSODescriptor ', '<md:IDPSSODescriptor validUntil="2001-01-01T00:00:00Z" ');
    const entityExpired = genericMetadata({ entityId: 'https://entity-expired.example/', id: '_x', validUntil: '2002-01-01T00:00:00Z' });
    const many = Array.from({ length: 1496 }, (_, i) => idp(i));
    const xml = aggregate([...many.slice(0, 700), { name: 'g', entities: [roleExpired, { name: 'h', entities: [entityExpired] }, ...many.slice(700)] }, idp(0), idp(1)]);
    const r = await same(xml, {}, [1 << 16]);
    expect(r.entities).toBe(1500);
    expect(r.entityIds).toHaveLength(1500);
    const firstLine = r.findings.find((f) => f.ruleId === 'entity-id-duplicate')!.message.match(/first at line (\d+)/)![1];
    expect(Number(firstLine)).toBe(xml.slice(0, xml.indexOf('entityID="https://idp0.example.org/"')).split('\n').length);
    expect(r.findings.filter((f) => f.ruleId === 'entity-id-duplicate').map((f) => f.entityId)).toEqual(['https://idp0.example.org/', 'https://idp1.example.org/']);
    expect(r.findings.filter((f) => f.ruleId === 'valid-until-expired').map((f) => [f.entityId, f.message.split(' ')[0]])).toEqual([
      ['https://role-expired.example/', 'IDPSSODescriptor'],
      ['https://entity-expired.example/', 'EntityDescriptor'],
    ]);
  });

  it('validUntil attributes the model does not read (another namespace, deeper in the entity) change nothing', async () => {
    const foreign = genericMetadata({ entityId: 'https://foreign.example/', id: '_f' })
      .replace('<md:EntityDescriptor ', '<md:EntityDescriptor xmlns:x="urn:x" x:validUntil="2001-01-01T00:00:00Z" ')
      .replace('<md:Organization>', '<md:Organization><md:Extensions validUntil="2001-01-01T00:00:00Z"/>');
    const r = await same(aggregate([foreign, { name: 'g', entities: [spMetadata()] }, tenantMetadata({ validUntil: '2001-01-01T00:00:00Z' })]));
    expect(r.findings.filter((f) => f.ruleId === 'valid-until-expired')).toHaveLength(1);
  });

  it('a rule off for the document but on for some entities by an override runs for those entities (as on the tree path)', async () => {
    const e = genericMetadata();
    const xml = aggregate([e, spMetadata(), tenantMetadata({ validUntil: '2001-01-01T00:00:00Z' })]);
    const plain = lintMetadata(xml, { now: NOW });
    const target = plain.findings.find((f) => f.ruleId !== 'metadata-unsigned' && f.entityId !== undefined);
    expect(target).toBeDefined();
    const options: LintOptions = { rules: { [target!.ruleId]: 'off' }, overrides: [{ entityIds: [target!.entityId!], rules: { [target!.ruleId]: 'error' } }] };
    const r = await same(xml, options);
    expect(r.findings.filter((f) => f.ruleId === target!.ruleId).map((f) => [f.entityId, f.severity])).toEqual([[target!.entityId, 'error']]);
  });

  it('groups without entities, many and nested, around one entity: same result (batches stay bounded)', async () => {
    const empty = Array.from({ length: 8000 }, (_, i) => `<EntitiesDescriptor Name="g${i}"><EntitiesDescriptor Name="h${i}"/></EntitiesDescriptor>`).join('');
    const xml = aggregate([spMetadata()]).replace('\n<EntityDescriptor', `${empty}\n<EntityDescriptor`);
    expect(xml.length).toBeGreaterThan(1 << 19);
    const r = await same(xml, {}, [1 << 16]);
    expect(r.entities).toBe(1);
  });

  it('a root Signature after the entities cannot be streamed: the tree path is used (undefined)', async () => {
    const body = aggregate(three(), {}).replace(/^<\?xml[^?]*\?>\s*/, '').replace('<EntitiesDescriptor ', '<EntitiesDescriptor xmlns:ds="http://www.w3.org/2000/09/xmldsig#" ');
    const last = signEnveloped(body, { ref: {}, privateKeyPem: keyPem('metadata-signing'), certificatePem: certPem('metadata-signing'), placement: 'last-child' });
    expect(await stream(chunks(Buffer.from(last), 4096), { now: NOW })).toBeUndefined();
    expect(ids(lintMetadata(last, { now: NOW, ...trust('metadata-signing') }))).not.toContain('metadata-signature-invalid');
  });

  it('Reference URI="" (whole document): document-level PIs are digested the same way on both paths', async () => {
    const good = aggregate(three(), { sign: true });
    const whole = good.replace(/URI="#[^"]*"/, 'URI=""');
    expect(whole).not.toBe(good);
    const withPis = whole.replace(/(<\?xml[^?]*\?>)/, '$1<?before a?>\n') + '<?after b?>\n';
    for (const xml of [whole, withPis]) {
      const r = await same(xml, trust('metadata-signing'), [4096, 11]);
      // SignedInfo was changed, so the signature value cannot verify; the digest step ran first.
      expect(r.findings.find((f) => f.ruleId === 'metadata-signature-invalid')?.message).toMatch(/ERR_SIGNATURE_(INVALID|DIGEST_MISMATCH)/);
    }
  });

  it('a Reference transform other than exclusive c14n is left to the tree path (undefined)', async () => {
    const good = aggregate(three(), { sign: true });
    const inclusive = good.replace('<ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>', '<ds:Transform Algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315"/>');
    expect(inclusive).not.toBe(good);
    expect(await stream(chunks(Buffer.from(inclusive), 4096), { now: NOW, ...trust('metadata-signing') })).toBeUndefined();
    expect(ids(lintMetadata(inclusive, { now: NOW, ...trust('metadata-signing') }))).toContain('metadata-signature-invalid');
  });

  it('two root Signatures: refused (ERR_SIGNATURE_MULTIPLE) on both paths', async () => {
    const good = aggregate(three(), { sign: true });
    const sig = /<ds:Signature[\s\S]*?<\/ds:Signature>/.exec(good)![0];
    const twice = good.replace(sig, sig + sig);
    expect((await same(twice, trust('metadata-signing'), [4096])).findings.find((f) => f.ruleId === 'metadata-signature-invalid')?.message).toMatch(/ERR_SIGNATURE_MULTIPLE/);
  });

  it('hardening: DOCTYPE, depth, encoding, size, malformed input are handed to the tree path, which reports them', async () => {
    const ok = aggregate(three());
    const cases: [string, string | Uint8Array, LintOptions][] = [
      ['doctype', ok.replace('<EntitiesDescriptor', '<!DOCTYPE x [<!ENTITY a "b">]><EntitiesDescriptor'), {}],
      ['latin1 declaration', ok.replace('encoding="utf-8"', 'encoding="ISO-8859-1"'), {}],
      ['utf-16 bom', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(ok, 'utf16le')]), {}],
      ['invalid utf-8', Buffer.concat([Buffer.from(ok.slice(0, 200)), Buffer.from([0xc3, 0x28]), Buffer.from(ok.slice(200))]), {}],
      ['too deep', ok, { maxDepth: 3 }],
      ['too large', ok, { maxBytes: 1000 }],
      ['unclosed', ok.slice(0, -30), {}],
      ['undefined entity', ok.replace('https://sp.generic.example/', 'https://sp.generic.example/&nbsp;'), {}],
      ['illegal char ref', ok.replace('https://sp.generic.example/', 'https://sp.generic.example/&#0;'), {}],
    ];
    // Well-formed, but saxes would resolve the namespace name trimmed where parseXml keeps it as
    // written: the tree path reads it (and finds no metadata in that namespace).
    const spaced = ok.replace('xmlns="urn:oasis:names:tc:SAML:2.0:metadata"', 'xmlns="urn:oasis:names:tc:SAML:2.0:metadata "');
    expect(spaced).not.toBe(ok);
    expect(await stream(chunks(Buffer.from(spaced), 512), { now: NOW })).toBeUndefined();
    expect(ids(lintMetadata(spaced, { now: NOW }))).toEqual(['not-metadata']);
    for (const [label, input, o] of cases) {
      const bytes = typeof input === 'string' ? Buffer.from(input) : input;
      expect(await stream(chunks(bytes, 512), { now: NOW, ...o }), label).toBeUndefined();
      expect(ids(lintMetadata(bytes, { now: NOW, ...o })), label).toEqual([expect.stringMatching(/^xml-/)]);
    }
  });

  it('caller mistakes are TypeErrors, as for lintMetadata', async () => {
    const bytes = Buffer.from(aggregate(three()));
    await expect(stream(chunks(bytes, 100), { rules: { 'no-such-rule': 'off' } as never })).rejects.toThrow(TypeError);
    await expect(stream(chunks(bytes, 100), { trust: { thumbprints: ['abc'] } })).rejects.toThrow(TypeError);
    // A size or depth limit that is not a number would disable the limit silently (red-team note).
    for (const bad of [{ maxBytes: 'x' }, { maxBytes: Number.NaN }, { maxDepth: 0 }, { maxDepth: '3' }] as unknown as LintOptions[]) {
      await expect(stream(chunks(bytes, 100), bad)).rejects.toThrow(/must be a number >= 1/);
      expect(() => lintMetadata(bytes, bad)).toThrow(TypeError);
    }
  });

  it('progress: one call per entity against the counted total', async () => {
    const xml = Buffer.from(aggregate(three()));
    const total = countEntityTags(chunks(xml, 10));
    expect(total).toBe(3);
    const calls: string[] = [];
    await stream(chunks(xml, 64), { now: NOW, onProgress: (d, t) => calls.push(`${d}/${t}`) }, { expectedEntities: total });
    expect(calls).toEqual(['1/3', '2/3', '3/3']);
  });
});
