/**
 * Attack on the streamed root digest (src/metadata/stream/root-digest.ts, walker.ts), both
 * streaming paths: until the root ds:Signature is read, the events of the root are held back to be
 * hashed once its Reference is known. An unsigned aggregate whose entities are all in a nested
 * EntitiesDescriptor (or that starts with a long run of text) never reads one: every event of the
 * document was held (7,003 per 1,000 entities), memory growing with the input like a tree. Now
 * a root Signature is waited for only before the root's first child element (saml-metadata-2.0-os
 * §2.3.1: it comes first) and for at most 1 MiB of text; one that comes later is left to the tree
 * path (undefined), which judges it as before.
 */
import { describe, expect, it } from 'vitest';
import { adfsMetadata, aggregate, certBase64, spMetadata, tenantMetadata } from '../../scripts/fixtures/metadata-builders.js';
import { certificateFromBase64 } from '../../src/certs/index.js';
import { lintMetadata, type LintOptions } from '../../src/metadata/lint/index.js';
import { STREAM_PATHS } from '../helpers/stream-paths.js';
import { AggregateWalker, type EntityChannel } from '../../src/metadata/stream/walker.js';
import { chunked } from '../helpers/xml-stream.js';
import { readXmlStream } from '../../src/xml/stream/reader.js';

const NOW = new Date('2026-06-15T00:00:00Z');
const trust: LintOptions = { trust: { certificates: [certificateFromBase64(certBase64('metadata-signing'))] } };
const ent = (i: number): string => `<EntityDescriptor entityID="https://e${i}.example/"><SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"><AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://e${i}.example/acs" index="0"/></SPSSODescriptor></EntityDescriptor>`;
const none = (): void => {};
const IGNORE: EntityChannel = { containerStart: none, containerEnd: none, entityStart: none, start: none, end: none, text: none, entityEnd: none };

function walk(xml: string): AggregateWalker {
  const w = new AggregateWalker(IGNORE);
  readXmlStream(chunked(Buffer.from(xml), 1 << 16), w);
  return w;
}

it('an unsigned aggregate of nested groups, or with 2 MiB of text before its first child: nothing is held back', () => {
  const body = Array.from({ length: 1000 }, (_, i) => ent(i)).join('\n');
  const nested = walk(`<EntitiesDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata"><EntitiesDescriptor>${body}</EntitiesDescriptor></EntitiesDescriptor>`);
  expect(nested.digest.held).toBe(0); // was 7,003
  const text = walk(`<EntitiesDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata">${' '.repeat(2 << 20)}${ent(1)}</EntitiesDescriptor>`);
  expect(text.digest.held).toBe(0);
});

describe.each(STREAM_PATHS)('%s', (_name, stream) => {
  it('a root Signature after a nested group (out of schema order) goes to the tree path, which verifies it', async () => {
    const signed = aggregate([{ name: 'g', entities: [tenantMetadata()] }, adfsMetadata({ unsigned: true }), spMetadata()], { sign: true });
    const sig = /<ds:Signature[\s\S]*<\/ds:Signature>/.exec(signed)![0];
    // Moved right after the nested group: the root's content without the Signature is unchanged.
    const moved = signed.replace(sig, '').replace(/(<\/EntitiesDescriptor>)/, `$1${sig}`);
    expect(moved).not.toBe(signed);
    const tree = lintMetadata(moved, { now: NOW, ...trust });
    expect(tree.findings.map((f) => f.ruleId)).not.toContain('metadata-signature-invalid');
    expect(await stream(chunked(Buffer.from(moved), 4096), { now: NOW, ...trust })).toBeUndefined();
    // In its place (first), the same document streams, and agrees with the tree path.
    expect(await stream(chunked(Buffer.from(signed), 4096), { now: NOW, ...trust })).toEqual(lintMetadata(signed, { now: NOW, ...trust }));
  });

  it('an unsigned aggregate of nested groups: the same result as the tree path', async () => {
    const xml = aggregate([{ name: 'a', entities: [adfsMetadata({ unsigned: true }), { name: 'b', entities: [tenantMetadata()] }] }, { name: 'c', entities: [spMetadata()] }]);
    const r = await stream(chunked(Buffer.from(xml), 4096), { now: NOW });
    expect(r).toEqual(lintMetadata(xml, { now: NOW }));
    expect(r?.findings.map((f) => f.ruleId)).toContain('metadata-unsigned');
  });
});
