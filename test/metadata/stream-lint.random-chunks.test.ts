/**
 * The root signature verdict of a signed aggregate on the streaming paths equals the tree path's
 * at random chunk boundaries (empty and 1-byte chunks, UTF-8 sequences, CR LF pairs, names and
 * end tags split), for character data that exercises the parser's fast paths: texts reported
 * plain (hashed without escaping, src/xml/sax-scan.ts `textPlain`) next to texts with `>`, `&`,
 * `]`, CR and references, indentation texts (the lint worker's INDENT op), astral characters in
 * text and names, and ASCII chunks next to non-ASCII ones (src/xml/harden.ts Utf8Stream). The
 * untampered aggregate verifies; every tampered one (one character of the signed text changed)
 * fails with a digest mismatch on every path.
 */
import { describe, expect, it } from 'vitest';
import { adfsMetadata, certBase64, certPem, keyPem, spMetadata } from '../../scripts/fixtures/metadata-builders.js';
import { signEnveloped } from '../../scripts/fixtures/sign.js';
import { certificateFromBase64 } from '../../src/certs/index.js';
import { lintMetadata, type LintOptions } from '../../src/metadata/lint/index.js';
import { STREAM_PATHS } from '../helpers/stream-paths.js';

const NOW = new Date('2026-06-15T00:00:00Z');
const TRUST: LintOptions = { now: NOW, trust: { certificates: [certificateFromBase64(certBase64('metadata-signing'))] } };

/** A small deterministic generator (the cases are the same on every run). */
function lcg(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x80000000);
}

/** `bytes` cut at random points, with empty chunks among them. */
function randomChunks(bytes: Uint8Array, rand: () => number): Uint8Array[] {
  const out: Uint8Array[] = [];
  const max = rand() < 0.3 ? 3 : 64;
  for (let i = 0; i < bytes.length; ) {
    const n = Math.floor(rand() * max);
    out.push(bytes.subarray(i, i + n));
    i += n;
  }
  return out;
}

// CR LF and CR are written as a comment and an LF for the fixture signer (xml-crypto) and put in
// after signing: the canonical form is the same (comments are left out, a line end is read as one
// LF, XML 1.0 §2.11); `a>b`, which it writes `a&gt;b`, likewise. No processing instruction: xml-crypto canonicalizes one otherwise.
const PIECES = ['\n', '\n  ', '\n    ', 'a>b', '&gt;', '&amp;', '&lt;', '&#x3e;', '&#13;', '<!--CRLF-->\n', '<!--CR-->\n', ']', ']]', 'Ågård', '\u{1D49C}', 'plain text', '\t', '<![CDATA[x>y]]>', '<!--c-->', ' '];

function body(rand: () => number): string {
  let ext = '';
  for (let i = 0; i < 60; i++) {
    const r = rand();
    if (r < 0.15) ext += `<x:t${r < 0.05 ? '\u00e9' : ''}>${PIECES[Math.floor(rand() * PIECES.length)]}</x:t${r < 0.05 ? '\u00e9' : ''}>`;
    else ext += PIECES[Math.floor(rand() * PIECES.length)];
  }
  const entities = [adfsMetadata({ unsigned: true }), spMetadata()].map((e) => e.replace(/^<\?xml[^?]*\?>/, '')).join('\n  ');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" ID="_agg" Name="x">\n  <md:Extensions><x:e xmlns:x="urn:x">${ext}</x:e></md:Extensions>\n  ${entities}\n</md:EntitiesDescriptor>`;
}

describe.each(STREAM_PATHS)('signed aggregate at random chunkings, %s', (_name, stream) => {
  it('untampered verifies, tampered fails with a digest mismatch, as on the tree path', async () => {
    const rand = lcg(20261202);
    let checked = 0;
    for (let doc = 0; doc < 2; doc++) {
      const signed = signEnveloped(body(rand), { ref: {}, privateKeyPem: keyPem('metadata-signing'), certificatePem: certPem('metadata-signing'), placement: 'first-child' }).replaceAll('<!--CRLF-->\n', '\r\n').replaceAll('<!--CR-->\n', '\r').replaceAll('a&gt;b', 'a>b');
      const start = signed.indexOf('<x:e');
      const end = signed.indexOf('</x:e>');
      const variants: [string, boolean][] = [[signed, true]];
      // One character of the signed extension changed: `>` into `&gt;` is no change (the same text).
      for (const [from, to] of [['a>b', 'a>c'], ['&gt;', '&lt;'], ['&#13;', '&#10;'], ['\r\n', '\n\n'], ['\n  ', '\n   '], ['Ågård', 'Agård'], ['plain text', 'plain texT']]) {
        const at = signed.indexOf(from!, start);
        if (at === -1 || at > end) continue;
        variants.push([signed.slice(0, at) + to + signed.slice(at + from!.length), false]);
      }
      const same = signed.indexOf('a>b', start);
      if (same !== -1 && same < end) variants.push([signed.slice(0, same) + 'a&gt;b' + signed.slice(same + 3), true]);
      for (const [xml, valid] of variants) {
        const bytes = Buffer.from(xml);
        const tree = lintMetadata(bytes, TRUST);
        const invalid = tree.findings.filter((f) => f.ruleId === 'metadata-signature-invalid');
        if (valid) expect(invalid).toEqual([]);
        else expect(invalid[0]?.message).toMatch(/ERR_SIGNATURE_DIGEST_MISMATCH/);
        for (let k = 0; k < 2; k++) {
          const streamed = await stream(randomChunks(bytes, rand), TRUST);
          expect(streamed).toEqual(tree);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(24);
  });
});
