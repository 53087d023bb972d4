/**
 * Attack on the streamed root signature check (src/metadata/stream/walker.ts), both streaming
 * paths: the root ds:Signature was built without its processing instructions and comments, which
 * the tree parser keeps. SignedInfo's canonical form holds its PIs (C14N 1.0 §2.3) and, with a
 * #WithComments CanonicalizationMethod, its comments: a PI slipped into the SignedInfo of a signed
 * aggregate verified on the stream (valid) while `lintMetadata` refuses it (ERR_SIGNATURE_INVALID);
 * a comment added to a #WithComments SignedInfo likewise, and a comment the signer did sign made
 * the stream refuse a valid signature. Now a comment or PI inside the root Signature leaves the
 * document to the tree path (undefined).
 * The #WithComments document is made here (scripts/fixtures/sign.ts does not emit it): SignedInfo
 * signed again after the edit, canonicalized with xml-crypto (independent of src/xml/c14n.ts).
 */
import { sign as cryptoSign } from 'node:crypto';
import { DOMParser, XMLSerializer, type Element } from '@xmldom/xmldom';
import { ExclusiveCanonicalizationWithComments } from 'xml-crypto';
import { describe, expect, it } from 'vitest';
import { adfsMetadata, aggregate, certBase64, keyPem, spMetadata } from '../../scripts/fixtures/metadata-builders.js';
import { certificateFromBase64 } from '../../src/certs/index.js';
import { lintMetadata, type LintOptions, type LintResult } from '../../src/metadata/lint/index.js';
import { STREAM_PATHS } from '../helpers/stream-paths.js';
import { NS } from '../../src/xml/namespaces.js';
import { chunked } from '../helpers/xml-stream.js';

const NOW = new Date('2026-06-15T00:00:00Z');
const opts: LintOptions = { now: NOW, trust: { certificates: [certificateFromBase64(certBase64('metadata-signing'))] } };
const WITH_COMMENTS = 'http://www.w3.org/2001/10/xml-exc-c14n#WithComments';
const sigFindings = (r: LintResult): string[] => r.findings.filter((f) => f.ruleId.startsWith('metadata-signature')).map((f) => f.message);

const good = aggregate([adfsMetadata({ unsigned: true }), spMetadata()], { sign: true });

/** `good` with SignedInfo canonicalized #WithComments, `comment` inside it, signed again over it. */
function withCommentsSigned(comment: string): string {
  const doc = new DOMParser().parseFromString(good, 'text/xml');
  const signedInfo = doc.getElementsByTagNameNS(NS.DS, 'SignedInfo')[0]!;
  signedInfo.getElementsByTagNameNS(NS.DS, 'CanonicalizationMethod')[0]!.setAttribute('Algorithm', WITH_COMMENTS);
  if (comment !== '') signedInfo.insertBefore(doc.createComment(comment), signedInfo.firstChild);
  const canon = new ExclusiveCanonicalizationWithComments().process(signedInfo as never, {});
  const value = doc.getElementsByTagNameNS(NS.DS, 'SignatureValue')[0]! as Element;
  value.textContent = cryptoSign('sha256', Buffer.from(canon, 'utf8'), keyPem('metadata-signing')).toString('base64');
  return new XMLSerializer().serializeToString(doc);
}

describe.each(STREAM_PATHS)('%s', (_name, stream) => {
  const streamed = (xml: string) => stream(chunked(Buffer.from(xml), 4096), opts);

  it('a PI inside the signed SignedInfo: refused by the tree path, never valid on the stream', async () => {
    expect(sigFindings(lintMetadata(good, opts))).toEqual([]);
    expect(await streamed(good)).toEqual(lintMetadata(good, opts));
    for (const xml of [good.replace('<ds:SignedInfo>', '<ds:SignedInfo><?evil x?>'), good.replace('<ds:Transforms>', '<ds:Transforms><?evil?>')]) {
      expect(xml).not.toBe(good);
      expect(sigFindings(lintMetadata(xml, opts)).join()).toMatch(/ERR_SIGNATURE_INVALID/);
      expect(await streamed(xml)).toBeUndefined(); // was: valid
    }
  });

  it('SignedInfo canonicalized #WithComments: a signed comment verifies, an added one does not, as on the tree path', async () => {
    const plain = withCommentsSigned('');
    expect(sigFindings(lintMetadata(plain, opts))).toEqual([]);
    expect(await streamed(plain)).toEqual(lintMetadata(plain, opts));
    const added = plain.replace('<ds:SignedInfo>', '<ds:SignedInfo><!--added-->');
    expect(added).not.toBe(plain);
    expect(sigFindings(lintMetadata(added, opts)).join()).toMatch(/ERR_SIGNATURE_INVALID/);
    expect(await streamed(added)).toBeUndefined(); // was: valid
    const signedComment = withCommentsSigned('signed');
    expect(sigFindings(lintMetadata(signedComment, opts))).toEqual([]);
    expect(await streamed(signedComment)).toBeUndefined(); // was: invalid
  });

  it('comments and PIs elsewhere (around the Signature, in entities) still stream and agree', async () => {
    const xml = good.replace('<ds:Signature ', '<!--before--><?pi before?><ds:Signature ').replace('</ds:Signature>', '</ds:Signature><!--after--><?pi after?>').replace('<SPSSODescriptor', '<!--x--><?y?><SPSSODescriptor');
    expect(xml).not.toBe(good);
    expect(await streamed(xml)).toEqual(lintMetadata(xml, opts));
  });
});
