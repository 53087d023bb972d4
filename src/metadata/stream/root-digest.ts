/**
 * The root signature's Reference digest, computed while the aggregate is read (src/metadata/stream):
 * exclusive c14n of the root minus its ds:Signature, streamed into the hash.
 */
import { createHash, type Hash } from 'node:crypto';
import { isSamlfedError } from '../../errors.js';
import { attr } from '../../xml/dom.js';
import { DIGEST_ALGORITHMS, TRANSFORM } from '../../xml/dsig/algorithms.js';
import { readSignature } from '../../xml/dsig/structure.js';
import type { StreamedDigestRequest } from '../../xml/dsig/verify.js';
import { ExcC14nStream } from '../../xml/stream/c14n-stream.js';
import type { StreamElement } from '../../xml/stream/events.js';
import type { Element } from '../../xml/tree.js';

/** Characters (and events) held back before the root Signature at most (see RootDigest.hold). */
const MAX_HELD = 1 << 20;

export type Pending = ['s', StreamElement] | ['e', StreamElement] | ['t', string] | ['p', string, string];

/** The streamed digest of the root, and what it was computed over. */
export class RootDigest {
  state: 'pending' | 'on' | 'off' | 'no-signature' = 'pending';
  /** The root Signature uses what the stream does not compute: lint with the tree path. */
  needsTree = false;
  private pending: Pending[] | undefined = [];
  private c14n: ExcC14nStream | undefined;
  private hash: Hash | undefined;
  private buf = '';
  private request: StreamedDigestRequest | undefined;
  private value: Buffer | undefined;
  readonly prologPIs: string[] = [];

  /**
   * The canonical form is batched into a string before each `hash.update` (one native call per
   * piece would cost more than the hashing). The batch is a rope of small pieces that survives
   * every young collection it spans: 8K characters instead of 64K cut what V8's scavenger copies
   * by half and its pause time by ~40% on the 50k-entity bench input (bench/README.md, "Lint memory").
   * Measured and kept out (10k bench input, c14n + hash alone: ~150 ms, of which ~30 ms flattening
   * the batches and ~17 ms SHA-256): encoding the pieces as UTF-8 into one reused byte buffer in JS
   * (escaping on the way, no strings built) took ~230 ms; a native `buf.utf8Write` per piece costs
   * more per call than the flattening it saves; `Array.join` batches instead of a rope were slower.
   */
  private sink = (s: string): void => {
    this.buf += s;
    if (this.buf.length > 1 << 13) {
      this.hash!.update(this.buf, 'utf8');
      this.buf = '';
    }
  };

  /**
   * One event of the root outside its Signature. Once the Signature is read (the usual case: it
   * comes first) events go straight to the canonicalizer; only before it are they held back.
   */
  open(el: StreamElement): void {
    if (this.state === 'on') this.c14n!.start(el);
    else if (this.state === 'pending') this.hold(['s', el], 1);
  }

  close(el: StreamElement): void {
    if (this.state === 'on') this.c14n!.end(el);
    else if (this.state === 'pending') this.hold(['e', el], 1);
  }

  /** Character data; `plain`: it has none of the characters a canonical form escapes. */
  chars(data: string, plain = false): void {
    if (this.state === 'on') this.c14n!.text(data, plain);
    else if (this.state === 'pending') this.hold(['t', data], data.length);
  }

  instruction(target: string, data: string): void {
    if (this.state === 'on') this.c14n!.pi(target, data);
    else if (this.state === 'pending') this.hold(['p', target, data], target.length + data.length);
  }

  /** Events held back before the Signature: the root's start tag and what surrounds the Signature. */
  get held(): number {
    return this.pending?.length ?? 0;
  }

  /**
   * Hold an event until the Signature is read; past MAX_HELD (text or PIs, the only events the
   * walker lets through before the root's first child element) no Signature is waited for: one
   * that comes later is not streamed (the tree path reads it), and memory stays bounded.
   */
  private hold(e: Pending, size: number): void {
    this.heldSize += size;
    if (this.heldSize > MAX_HELD) this.noSignatureYet();
    else this.pending!.push(e);
  }

  private heldSize = 0;

  private apply(e: Pending): void {
    const c = this.c14n!;
    if (e[0] === 's') c.start(e[1]);
    else if (e[0] === 'e') c.end(e[1]);
    else if (e[0] === 't') c.text(e[1]);
    else c.pi(e[1], e[2]);
  }

  /** An EntityDescriptor before any root Signature: nothing to hash (unless a Signature follows: then not streamable). */
  noSignatureYet(): void {
    if (this.state !== 'pending') return;
    this.state = 'no-signature';
    this.pending = undefined;
  }

  /** The root's first ds:Signature is complete: read what to hash, then hash what was held back. */
  start(signature: Element): void {
    if (this.state !== 'pending') return;
    const held = this.pending!;
    this.pending = undefined;
    this.state = 'off';
    let parsed;
    try {
      parsed = readSignature(signature);
    } catch (e) {
      if (!isSamlfedError(e)) throw e;
      return; // the verifier refuses the same structure, before any digest is asked for
    }
    // Only enveloped-signature + exclusive c14n is streamed. Anything else the verifier may accept
    // (inclusive Canonical XML transforms) or refuse is left to the tree path, whole.
    const t = parsed.transformList;
    const digest = parsed.digestAlgorithm === undefined ? undefined : DIGEST_ALGORITHMS.get(parsed.digestAlgorithm);
    if (t.length !== 2 || t[0]!.algorithm !== TRANSFORM.ENVELOPED || (t[1]!.algorithm !== TRANSFORM.EXC_C14N && t[1]!.algorithm !== TRANSFORM.EXC_C14N_WITH_COMMENTS) || digest === undefined) {
      this.needsTree = true;
      return;
    }
    const wholeDocument = attr(parsed.reference, 'URI') === '';
    this.request = { hash: digest.hash, mode: 'exclusive', inclusivePrefixes: t[1]!.inclusivePrefixes, wholeDocument };
    this.hash = createHash(digest.hash);
    this.c14n = new ExcC14nStream(this.sink, t[1]!.inclusivePrefixes);
    this.state = 'on';
    // C14N 1.0 §2.3, whole-document node-set (URI=""): PIs before the root, each followed by LF.
    if (wholeDocument) for (const pi of this.prologPIs) this.sink(pi + '\n');
    for (const e of held) this.apply(e);
  }

  /** A PI after the root element (whole-document digests include it, preceded by LF). */
  trailingPI(text: string): void {
    if (this.state === 'on' && this.request?.wholeDocument) this.sink('\n' + text);
  }

  /** The digest the verifier asks for, or an empty buffer (a mismatch) when it is not what was streamed. */
  digestFor = (req: StreamedDigestRequest): Buffer => {
    const used = this.request;
    if (this.state !== 'on' || used === undefined) return Buffer.alloc(0);
    const a = used.inclusivePrefixes ?? [];
    const b = req.inclusivePrefixes ?? [];
    if (req.hash !== used.hash || req.mode !== used.mode || req.wholeDocument !== used.wholeDocument || a.length !== b.length || a.some((p, i) => p !== b[i])) return Buffer.alloc(0);
    if (this.value === undefined) {
      this.hash!.update(this.buf, 'utf8');
      this.buf = '';
      this.value = this.hash!.digest();
    }
    return this.value;
  };
}
