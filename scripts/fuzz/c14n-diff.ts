/**
 * The c14n differential against libxml2 (issue 7 §5, issue 11 §6).
 *
 * For each generated document (scripts/fuzz/c14n-gen.ts):
 * 1. Whole document: samlfed's exclusive c14n, Canonical XML 1.0 and 1.1 of the document element
 *    (with comments) must equal `xmllint --exc-c14n`, `--c14n`, `--c14n11`. A whole document is
 *    what xmllint canonicalizes; with no nodes outside the document element it is exactly the
 *    apex-without-ancestors case of samlfed's `canonicalize`.
 * 2. Document subsets, where ancestors matter (in-scope namespaces, inherited xml:* attributes,
 *    InclusiveNamespaces PrefixList): an element with an `ID` is signed with an enveloped
 *    signature whose digest and SignatureValue are computed over samlfed's canonical forms (a
 *    random c14n for the Reference and for SignedInfo, a PrefixList sometimes, a comment in
 *    SignedInfo sometimes). `xmlsec1 --verify` recomputes both with libxml2's c14n of the same
 *    subsets, so it verifies only if samlfed's canonical bytes equal libxml2's. samlfed's own
 *    `verifyEnvelopedSignature` must accept the document too.
 * 3. The other direction: the same signature template signed by `xmlsec1 --sign` (libxml2's
 *    c14n) must verify with samlfed's `verifyEnvelopedSignature`.
 */
import { createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { canonicalize, type C14nMode } from '../../src/xml/c14n.js';
import { parseXml } from '../../src/xml/parse.js';

type Element = ReturnType<typeof parseXml>['root'];
type Node = NonNullable<Element['parentNode']>;
import { C14N_METHODS, type C14nMethodInfo } from '../../src/xml/dsig/algorithms.js';
import { verifyEnvelopedSignature } from '../../src/xml/dsig/verify.js';
import { generateDocument, seededRandom, type GenerateOptions } from './c14n-gen.js';
import { findById, signEnvelopedWith, type SignedSubset } from './sign-subset.js';
import { scratch, xmllintC14n, xmlsec1Sign, xmlsec1Verify, type XmllintMode } from './tools.js';

const KEYS = new URL('../../test/keys/', import.meta.url);
const CERT_FILE = new URL('idp-signing.crt.pem', KEYS).pathname;
const PRIVATE_FILE = new URL('idp-signing.key.pem', KEYS).pathname;
const PUBLIC = { publicKey: createPublicKey(readFileSync(CERT_FILE, 'utf8')), label: 'idp-signing' };

export interface DiffFinding {
  readonly index: number;
  readonly check: 'xmllint --exc-c14n' | 'xmllint --c14n' | 'xmllint --c14n11' | 'xmlsec1 --verify' | 'samlfed verify' | 'samlfed verify of xmlsec1 --sign' | 'samlfed parse';
  readonly detail: string;
  /** The input (for xmlsec1: the signed document). */
  readonly xml: string;
  /** The document holds a literal U+0085/U+2028/U+2029: a known parser defect until issue 7 §2 is fixed. */
  readonly lineSeparator: boolean;
}

export interface DiffResult {
  readonly documents: number;
  readonly comparisons: number;
  readonly signed: number;
  readonly findings: DiffFinding[];
}

export interface DiffOptions extends GenerateOptions {
  readonly seed: number;
  readonly count: number;
  /** Documents per xmllint/xmlsec1 process. Default 200. */
  readonly batch?: number;
}

const MODES: ReadonlyArray<[XmllintMode, C14nMode]> = [
  ['--exc-c14n', 'exclusive'],
  ['--c14n', 'inclusive'],
  ['--c14n11', 'inclusive-1.1'],
];

function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const from = Math.max(0, i - 30);
  return `at offset ${i}: samlfed ${JSON.stringify(a.slice(from, i + 40))} vs libxml2 ${JSON.stringify(b.slice(from, i + 40))}`;
}

/** In-scope prefixes of `el` (for a random PrefixList). */
function inScopePrefixes(el: Element): string[] {
  const out = new Set<string>();
  for (let p: Node | null = el; p !== null && p.nodeType === 1; p = p.parentNode) {
    const attrs = (p as Element).attributes;
    for (let i = 0; i < attrs.length; i++) {
      const n = attrs.item(i)!.name;
      if (n.startsWith('xmlns:')) out.add(n.slice(6));
      else if (n === 'xmlns') out.add('#default');
    }
  }
  return [...out];
}

/** Sign the element with ID `id` with random c14n choices (a PrefixList sometimes, a comment in SignedInfo sometimes). */
function signSubset(xml: string, id: string, rand: () => number): SignedSubset {
  const methods = [...C14N_METHODS.values()];
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)]!;
  const apex = findById(parseXml(xml).root, id)!;
  const prefixes = inScopePrefixes(apex);
  const prefixList = (m: C14nMethodInfo): string | undefined => (m.mode === 'exclusive' && prefixes.length > 0 && rand() < 0.4 ? prefixes.filter(() => rand() < 0.5).join(' ') || '#default' : undefined);
  const reference = pick(methods);
  const signedInfo = pick(methods);
  return signEnvelopedWith(xml, id, {
    reference,
    signedInfo,
    referencePrefixList: prefixList(reference),
    signedInfoPrefixList: prefixList(signedInfo),
    dsPrefix: rand() < 0.7,
    commentInSignedInfo: rand() < 0.2,
  });
}

interface Input {
  readonly index: number;
  readonly xml: string;
  readonly ids: readonly string[];
  readonly lineSeparator: boolean;
}

/** Every check on one batch of documents (one xmllint run per c14n, one xmlsec1 run per direction). */
function checkBatch(docs: readonly Input[], rand: () => number, dir: string): { findings: DiffFinding[]; comparisons: number; signed: number } {
  const findings: DiffFinding[] = [];
  let comparisons = 0;
  const signed: Array<{ index: number; doc: SignedSubset; lineSeparator: boolean }> = [];
  const roots: Array<Element | undefined> = docs.map((d) => {
    try {
      return parseXml(d.xml).root;
    } catch (e) {
      findings.push({ index: d.index, check: 'samlfed parse', detail: (e as Error).message, xml: d.xml, lineSeparator: d.lineSeparator });
      return undefined;
    }
  });
  for (const [flag, mode] of MODES) {
    const theirs = xmllintC14n(docs.map((d) => d.xml), flag, dir);
    docs.forEach((d, i) => {
      const root = roots[i];
      if (!root) return;
      comparisons++;
      const ours = canonicalize(root, { mode, withComments: true });
      const t = theirs[i];
      if (t === undefined) findings.push({ index: d.index, check: `xmllint ${flag}`, detail: 'libxml2 refused the document, samlfed accepted it', xml: d.xml, lineSeparator: d.lineSeparator });
      else if (t !== ours) findings.push({ index: d.index, check: `xmllint ${flag}`, detail: firstDifference(ours, t), xml: d.xml, lineSeparator: d.lineSeparator });
    });
  }
  docs.forEach((d, i) => {
    if (!roots[i] || d.ids.length === 0) return;
    const doc = signSubset(d.xml, d.ids[Math.floor(rand() * d.ids.length)]!, rand);
    signed.push({ index: d.index, doc, lineSeparator: d.lineSeparator });
    const why = samlfedRefuses(doc.xml);
    if (why !== undefined) findings.push({ index: d.index, check: 'samlfed verify', detail: why, xml: doc.xml, lineSeparator: d.lineSeparator });
  });
  const verdicts = xmlsec1Verify(signed.map((s) => s.doc.xml), CERT_FILE, signed.map((s) => s.doc.idNode), dir);
  signed.forEach((s, k) => {
    comparisons++;
    if (!verdicts[k]) findings.push({ index: s.index, check: 'xmlsec1 --verify', detail: 'xmlsec1 does not verify a signature made over samlfed canonical forms', xml: s.doc.xml, lineSeparator: s.lineSeparator });
  });
  // The other direction: signatures made by xmlsec1 (libxml2's c14n) verify with samlfed.
  const made = xmlsec1Sign(signed.map((s) => s.doc.template), PRIVATE_FILE, signed.map((s) => s.doc.idNode), dir);
  signed.forEach((s, k) => {
    comparisons++;
    const xml = made[k];
    const why = xml === undefined ? 'xmlsec1 --sign failed on the template' : samlfedRefuses(xml);
    if (why !== undefined) findings.push({ index: s.index, check: 'samlfed verify of xmlsec1 --sign', detail: why, xml: xml ?? s.doc.template, lineSeparator: s.lineSeparator });
  });
  return { findings, comparisons, signed: signed.length };
}

/** Why samlfed's verifier refuses the signed document, or undefined when it verifies. */
function samlfedRefuses(xml: string): string | undefined {
  try {
    const { root } = parseXml(xml);
    const id = /URI="#([^"]+)"/.exec(xml)![1]!;
    verifyEnvelopedSignature(findById(root, id)!, { keys: [PUBLIC] });
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

/**
 * Run `count` documents from `seed`; libxml2 tools must be installed (see `hasTool`). A document
 * with literal line separators that differs is re-checked as its twin (separators replaced by
 * spaces): a difference that remains is a real finding, one that goes away is "known" (issue 7 §2).
 */
export function runC14nDifferential(o: DiffOptions): DiffResult {
  const rand = seededRandom(o.seed);
  const batch = o.batch ?? 200;
  const findings: DiffFinding[] = [];
  let comparisons = 0;
  let signedCount = 0;
  const tmp = scratch();
  try {
    for (let base = 0; base < o.count; base += batch) {
      const n = Math.min(batch, o.count - base);
      const docs = Array.from({ length: n }, (_, i) => ({ ...generateDocument(rand, o), index: base + i }));
      const r = checkBatch(docs.map((d) => ({ index: d.index, xml: d.xml, ids: d.ids, lineSeparator: d.hasLineSeparators })), rand, tmp.dir);
      findings.push(...r.findings);
      comparisons += r.comparisons;
      signedCount += r.signed;
      const suspects = new Set(r.findings.filter((f) => f.lineSeparator).map((f) => f.index));
      if (suspects.size > 0) {
        const twins = docs.filter((d) => suspects.has(d.index)).map((d) => ({ index: d.index, xml: d.twin, ids: d.ids, lineSeparator: false }));
        for (const f of checkBatch(twins, rand, tmp.dir).findings) findings.push({ ...f, detail: `(also without the line separators) ${f.detail}` });
      }
    }
  } finally {
    tmp.dispose();
  }
  return { documents: o.count, comparisons, signed: signedCount, findings };
}
