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
import { churn } from '../../scripts/fuzz/prefix-churn.js';
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
