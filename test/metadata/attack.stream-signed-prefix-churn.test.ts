/**
 * The streamed root digest of a signed aggregate (src/metadata/stream/root-digest.ts, exclusive c14n
 * by src/xml/stream/c14n-stream.ts over the namespace axis of src/xml/c14n-ns.ts) against libxml2:
 * aggregates signed by `xmlsec1 --sign` (exc-c14n §3, with InclusiveNamespaces PrefixLists of
 * exc-c14n §4.1: none, `#default`, three prefixes, `#default` and 90 prefixes) whose root declares
 * 80 prefixes and a default namespace, and whose entities' extensions churn through up to 100
 * prefixes (declared, out of scope, declared again, `xmlns=""`) so that the axis crosses its
 * 64-prefix threshold mid-document. The tree lint and both streaming paths, in one chunk and in
 * odd chunks, must verify every one and give the same result; a one-character change of a
 * namespace URI inside an entity must be metadata-signature-invalid on every path.
 * Needs xmlsec1 (Debian xmlsec1): skipped, saying so, without it.
 */
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../scripts/fuzz/c14n-gen.js';
import { hasTool, scratch, xmlsec1Sign } from '../../scripts/fuzz/tools.js';
import { certBase64 } from '../../scripts/fixtures/metadata-builders.js';
import { certificateFromBase64 } from '../../src/certs/index.js';
import { lintMetadata, type LintOptions } from '../../src/metadata/lint/index.js';
import { STREAM_PATHS } from '../helpers/stream-paths.js';
const URIS = ['urn:a', 'urn:b', 'http://example.com/c'];

/**
 * (Same generator as test/xml/attack.c14n-prefix-churn.test.ts.) A document of `sections` sibling subtrees under the root; each subtree uses prefixes from a
 * window of `pool` prefixes that slides by `slide` per section, so a prefix is rendered, leaves
 * scope, and comes back (same or other URI) sections later, and how many prefixes were ever
 * rendered rises past 64 in the middle of the document when `pool` or the slide is large.
 */
function churn(r: () => number, sections: number, pool: number, slide: number): string {
  const int = (n: number) => Math.floor(r() * n);
  const out: string[] = ['<r xmlns:keep="urn:keep" keep:a="1">'];
  const element = (depth: number, base: number, scope: Map<string, string>): void => {
    const decls: string[] = [];
    const local = new Map(scope);
    for (let k = int(3); k > 0; k--) {
      const p = `p${base + int(pool)}`;
      const uri = URIS[int(URIS.length)]!;
      if (decls.some((d) => d.startsWith(`xmlns:${p}=`))) continue;
      decls.push(`xmlns:${p}="${uri}"`);
      local.set(p, uri);
    }
    const dflt = int(5);
    if (dflt === 0) {
      decls.push('xmlns=""');
      local.set('', '');
    } else if (dflt === 1) {
      const uri = URIS[int(URIS.length)]!;
      decls.push(`xmlns="${uri}"`);
      local.set('', uri);
    }
    const bound = [...local.keys()].filter((p) => p !== '' && p !== 'keep');
    const usePrefix = bound.length > 0 && r() < 0.6;
    const name = usePrefix ? `${bound[int(bound.length)]!}:e${depth}` : `e${depth}`;
    const attrs: string[] = [];
    const used = new Set<string>();
    for (let k = int(3); k > 0; k--) {
      const p = r() < 0.2 ? 'keep' : bound.length > 0 ? bound[int(bound.length)]! : 'keep';
      if (used.has(p)) continue;
      used.add(p);
      // Local name from the prefix: two prefixes bound to one URI never give a duplicate {uri}local.
      attrs.push(`${p}:a${p}="${int(10)}"`);
    }
    if (r() < 0.3) attrs.push(`plain="${int(10)}"`);
    const tag = [name, ...decls, ...attrs].join(' ');
    if (depth >= 4 || r() < 0.3) {
      out.push(`<${tag}/>`);
      return;
    }
    out.push(`<${tag}>`);
    for (let k = 1 + int(3); k > 0; k--) {
      if (r() < 0.2) out.push('t');
      element(depth + 1, base, local);
    }
    out.push(`</${name}>`);
  };
  for (let s = 0; s < sections; s++) element(1, s * slide, new Map([['keep', 'urn:keep']]));
  out.push('<keep:z/></r>');
  return out.join('');
}


const MD = 'urn:oasis:names:tc:SAML:2.0:metadata';
const KEY = new URL('../keys/metadata-signing.key.pem', import.meta.url).pathname;
function tmpl(r: () => number, list: string | undefined): string {
  const ents: string[] = [];
  for (let i = 0; i < 40; i++) {
    const inner = churn(r, 3, 1 + Math.floor(r() * 100), Math.floor(r() * 30)).replace(/^<r /, '<r xmlns="urn:dflt" ');
    ents.push(`<md:EntityDescriptor entityID="https://e${i}.example/"${r() < 0.3 ? ' validUntil="2001-01-01T00:00:00Z"' : ''}><md:Extensions>${inner}</md:Extensions></md:EntityDescriptor>`);
    if (r() < 0.2) ents.push(`<p${i}:x xmlns:p${i}="urn:other" p${i}:a="1"/>`);
  }
  const incl = list === undefined ? '' : `<ec:InclusiveNamespaces xmlns:ec="http://www.w3.org/2001/10/xml-exc-c14n#" PrefixList="${list}"/>`;
  const sig = `<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo><ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/><ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/><ds:Reference URI="#_agg"><ds:Transforms><ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/><ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#">${incl}</ds:Transform></ds:Transforms><ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue></ds:DigestValue></ds:Reference></ds:SignedInfo><ds:SignatureValue></ds:SignatureValue></ds:Signature>`;
  const decls = Array.from({ length: 80 }, (_, i) => ` xmlns:p${i}="urn:u${i % 3}"`).join('');
  return `<md:EntitiesDescriptor xmlns:md="${MD}" xmlns="urn:rootdflt"${decls} ID="_agg">${sig}<md:EntitiesDescriptor Name="g">${ents.slice(0, 20).join('')}</md:EntitiesDescriptor>${ents.slice(20).join('')}</md:EntitiesDescriptor>`;
}
const missing = !hasTool('xmlsec1');
if (missing) console.warn('attack.stream-signed-prefix-churn.test.ts skipped: xmlsec1 not installed (Debian: xmlsec1)');

function* pieces(bytes: Uint8Array, size: number): Generator<Uint8Array> {
  for (let k = 0; k < bytes.length; k += size) yield bytes.subarray(k, k + size);
}

describe.skipIf(missing)('signed aggregates with prefix churn: xmlsec1 signs, every lint path verifies', () => {
  const r = seededRandom(4242);
  const lists = [undefined, '#default', 'p1 p2 p3', '#default ' + Array.from({ length: 90 }, (_, i) => `p${i}`).join(' ')];
  const templates = Array.from({ length: 8 }, (_, i) => tmpl(r, lists[i % lists.length]));
  const opts: LintOptions = { now: new Date('2026-06-15T00:00:00Z'), trust: { certificates: [certificateFromBase64(certBase64('metadata-signing'))] } };
  const signed = (): string[] => {
    const tmp = scratch();
    try {
      return xmlsec1Sign(templates, KEY, ['urn:oasis:names:tc:SAML:2.0:metadata:EntitiesDescriptor'], tmp.dir).map((x, i) => {
        expect(x, `xmlsec1 --sign #${i}`).toBeDefined();
        return x!;
      });
    } finally {
      tmp.dispose();
    }
  };

  it('each verifies on the tree path and both streaming paths give the same result, in one chunk and odd chunks', async () => {
    const docs = signed();
    for (const [i, xml] of docs.entries()) {
      const bytes = Buffer.from(xml);
      const tree = lintMetadata(bytes, opts);
      expect(tree.findings.filter((f) => f.ruleId.startsWith('metadata-')), `#${i}`).toEqual([]);
      expect(tree.entities).toBe(40);
      for (const [name, stream] of STREAM_PATHS) {
        for (const size of [bytes.length, 1 + Math.floor(r() * 5000)]) {
          expect(await stream(pieces(bytes, size), opts), `${name} #${i} chunks of ${size}`).toEqual(tree);
        }
      }
    }
  }, 60_000);

  it('a namespace URI changed inside an entity is metadata-signature-invalid on every path', async () => {
    const xml = signed()[3]!;
    const at = xml.indexOf('"urn:b"', xml.indexOf('<md:EntityDescriptor'));
    expect(at).toBeGreaterThan(0);
    const bytes = Buffer.from(xml.slice(0, at) + '"urn:c"' + xml.slice(at + 7));
    const tree = lintMetadata(bytes, opts);
    expect(tree.findings.map((f) => f.ruleId)).toContain('metadata-signature-invalid');
    for (const [name, stream] of STREAM_PATHS) expect(await stream(pieces(bytes, 4099), opts), name).toEqual(tree);
  }, 60_000);
});
