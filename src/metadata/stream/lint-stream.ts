/**
 * Streaming lint of an md:EntitiesDescriptor aggregate (saml-metadata-2.0-os §2.3.1), for
 * federation-sized inputs: the document is read as events (src/xml/stream/reader.ts, the
 * hardening rules of parseXml), each md:EntityDescriptor is built as a small tree, read into the
 * model, linted and dropped; only what the document rules need is kept (entityIDs and positions
 * for duplicates, validUntil values). The root signature's Reference digest is computed from the
 * exclusive c14n of the root STREAMED into the hash while the document is read; the SignedInfo and
 * every structural and algorithm rule are then checked by the same code as the tree path
 * (checkRootSignature -> verifyEnvelopedSignatureStreamed).
 *
 * Same findings, rule ids, messages and positions as `lintMetadata` (test/metadata/stream-lint.test.ts
 * compares both). Whatever the stream cannot take the same way returns `undefined`, and the caller
 * lints with the tree path: a root that is not md:EntitiesDescriptor, any XML error (the tree
 * parser then reports it with its own message), a root ds:Signature after an EntityDescriptor
 * (its digest could not be streamed), a Reference whose transforms or digest method are not
 * enveloped-signature + exclusive c14n with a known digest (the tree verifier judges those). Nothing here ever turns a refusal into an acceptance: a
 * digest that was not streamed exactly as the verifier asks is an empty digest, which mismatches.
 */
import { createHash, type Hash } from 'node:crypto';
import { isSamlfedError } from '../../errors.js';
import { attr } from '../../xml/dom.js';
import { DIGEST_ALGORITHMS, TRANSFORM } from '../../xml/dsig/algorithms.js';
import { readSignature } from '../../xml/dsig/structure.js';
import type { StreamedDigestRequest } from '../../xml/dsig/verify.js';
import { NS } from '../../xml/namespaces.js';
import { SubtreeBuilder } from '../../xml/stream/build.js';
import { ExcC14nStream } from '../../xml/stream/c14n-stream.js';
import type { StreamElement } from '../../xml/stream/events.js';
import { NotStreamable, readXmlStream } from '../../xml/stream/reader.js';
import type { Element } from '../../xml/tree.js';
import { finish, resolveSettings, result } from '../lint/lint.js';
import type { RawFinding, RuleContext } from '../lint/rule.js';
import { RULE_LIST } from '../lint/rules/index.js';
import type { LintOptions, LintResult } from '../lint/types.js';
import type { EntitiesDescriptor, EntityDescriptor, MetadataSignatureStatus } from '../model.js';
import { pos } from '../read-common.js';
import { readEntityDescriptor } from '../read-entity.js';
import { checkRootSignature } from '../signature.js';
import { pinnedThumbprints } from '../trust.js';

type MutableGroup = { -readonly [K in keyof EntitiesDescriptor]: EntitiesDescriptor[K] } & { children: (EntityDescriptor | EntitiesDescriptor)[] };

/** Role of an open element. */
type Role = 'container' | 'entity' | 'build' | 'root-signature' | 'skip';
interface Frame {
  readonly role: Role;
  readonly dom: Element | undefined;
  readonly group: MutableGroup | undefined;
}

type Pending = ['s', StreamElement] | ['e', StreamElement] | ['t', string] | ['p', string, string];

const isMd = (el: StreamElement, local: string): boolean => el.uri === NS.MD && el.local === local;
const isDs = (el: StreamElement, local: string): boolean => el.uri === NS.DS && el.local === local;

function groupModel(dom: Element): MutableGroup {
  const out: MutableGroup = { kind: 'entities', children: [], signed: false, ...pos(dom) };
  const name = attr(dom, 'Name');
  if (name !== undefined) out.name = name;
  const id = attr(dom, 'ID');
  if (id !== undefined) out.id = id;
  const validUntil = attr(dom, 'validUntil');
  if (validUntil !== undefined) out.validUntil = validUntil;
  const cacheDuration = attr(dom, 'cacheDuration');
  if (cacheDuration !== undefined) out.cacheDuration = cacheDuration;
  return out;
}

/**
 * A copy of `s` that shares no memory with the input. V8 substrings are views of their parent
 * string, so one entityID kept from a chunk would keep the whole decoded chunk alive: everything
 * kept past its entity (entityIDs, validUntil values, finding messages) goes through here.
 */
function own(s: string): string {
  return s.length < 13 ? s : Buffer.from(s, 'utf8').toString('utf8');
}

function ownOpt(s: string | undefined): string | undefined {
  return s === undefined ? undefined : own(s);
}

/** What the document rules read of an entity (entityID, position, validUntil of it and of its roles); the rest is dropped. */
function stub(e: EntityDescriptor): EntityDescriptor {
  const keepRole = <R extends { validUntil?: string; line?: number; column?: number; kind: string }>(roles: readonly R[]): R[] =>
    roles.filter((r) => r.validUntil !== undefined).map((r) => ({ kind: r.kind, validUntil: own(r.validUntil!), ...at(r), keyDescriptors: [], singleSignOnServices: [], singleLogoutServices: [], assertionConsumerServices: [] }) as unknown as R);
  const out: { -readonly [K in keyof EntityDescriptor]: EntityDescriptor[K] } = {
    kind: 'entity',
    entityId: ownOpt(e.entityId),
    ...at(e),
    idpSsoDescriptors: keepRole(e.idpSsoDescriptors),
    spSsoDescriptors: keepRole(e.spSsoDescriptors),
    otherRoles: [],
    otherRoleDescriptors: [],
    contacts: [],
    flavour: { flavour: e.flavour.flavour, reason: own(e.flavour.reason) },
    signed: e.signed,
  };
  if (e.validUntil !== undefined) out.validUntil = own(e.validUntil);
  if (e.id !== undefined) out.id = own(e.id);
  if (e.cacheDuration !== undefined) out.cacheDuration = own(e.cacheDuration);
  return out;
}

function ownFinding(raw: RawFinding): RawFinding {
  const out: { -readonly [K in keyof RawFinding]: RawFinding[K] } = { ...raw, message: own(raw.message) };
  if (raw.entityId !== undefined) out.entityId = own(raw.entityId);
  return out;
}

/** Position fields, only those present. */
function at(n: { line?: number; column?: number }): { line?: number; column?: number } {
  const out: { line?: number; column?: number } = {};
  if (n.line !== undefined) out.line = n.line;
  if (n.column !== undefined) out.column = n.column;
  return out;
}

/** The streamed digest of the root, and what it was computed over. */
class RootDigest {
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

  private sink = (s: string): void => {
    this.buf += s;
    if (this.buf.length > 1 << 16) {
      this.hash!.update(this.buf, 'utf8');
      this.buf = '';
    }
  };

  event(e: Pending): void {
    if (this.state === 'on') this.apply(e);
    else if (this.state === 'pending') this.pending!.push(e);
  }

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

/** Options of the streaming path only. */
export interface StreamLintOptions {
  /**
   * The number of EntityDescriptors expected (e.g. from `countEntityTags`), for `options.onProgress`,
   * which is called only when it is given: `total` is this number (or `done` when more were read).
   */
  readonly expectedEntities?: number;
}

/**
 * Lint an EntitiesDescriptor aggregate read from `chunks` (its bytes, in order), streaming.
 *
 * @returns the same result as `lintMetadata` on the whole bytes, or `undefined` when the input
 *   must be linted with `lintMetadata` instead (see the module comment).
 * @throws {TypeError} for the caller mistakes `lintMetadata` refuses.
 */
export function lintAggregateStream(chunks: Iterable<Uint8Array>, options: LintOptions = {}, streamOptions: StreamLintOptions = {}): LintResult | undefined {
  const settings = resolveSettings(options);
  const expected = streamOptions.expectedEntities;
  const onProgress = expected === undefined ? undefined : options.onProgress;
  pinnedThumbprints(options.trust);
  const enabled = RULE_LIST.filter((r) => settings.has(r.id));
  const entityRules = enabled.filter((r) => r.scope === 'entity');
  const now = options.now ?? new Date();
  const expiryWarningDays = options.expiryWarningDays ?? 30;
  const trust = options.trust;
  const trustGiven = !!trust && ((trust.certificates?.length ?? 0) > 0 || (trust.thumbprints?.length ?? 0) > 0);
  const entityCtx: RuleContext = {
    now,
    expiryWarningDays,
    single: false,
    trustGiven,
    get document(): never {
      throw new Error('lintAggregateStream: entity rules cannot read the whole document');
    },
    get signature(): never {
      throw new Error('lintAggregateStream: entity rules cannot read the document signature');
    },
  };

  const builder = new SubtreeBuilder();
  const digest = new RootDigest();
  const stack: Frame[] = [];
  const entities: EntityDescriptor[] = [];
  const entityIds: string[] = [];
  const entityFindings: { ruleId: string; raw: RawFinding; entity?: EntityDescriptor }[] = [];
  let root: Element | undefined;
  let rootModel: MutableGroup | undefined;
  let rootClosed = false;
  let rootSignatures = 0;
  /** Depth of the root Signature being read (excluded from the digest), 0 outside it. */
  let excluded = 0;

  const handler = {
    startElement(el: StreamElement, depth: number): void {
      if (depth === 1) {
        if (!isMd(el, 'EntitiesDescriptor')) throw new NotStreamable();
        root = builder.start(el);
        rootModel = groupModel(root);
        stack.push({ role: 'container', dom: root, group: rootModel });
        digest.event(['s', el]);
        return;
      }
      const parent = stack[stack.length - 1]!;
      let frame: Frame;
      if (parent.role === 'container') {
        const atRoot = depth === 2;
        if (isDs(el, 'Signature')) {
          parent.group!.signed = true;
          if (atRoot) {
            if (digest.state === 'no-signature') throw new NotStreamable();
            rootSignatures++;
            frame = { role: 'root-signature', dom: builder.start(el), group: undefined };
            if (rootSignatures === 1) excluded = depth;
          } else {
            frame = { role: 'skip', dom: undefined, group: undefined };
          }
        } else if (isMd(el, 'EntityDescriptor')) {
          if (atRoot) digest.noSignatureYet();
          frame = { role: 'entity', dom: builder.start(el), group: undefined };
        } else if (isMd(el, 'EntitiesDescriptor')) {
          const dom = builder.start(el);
          const group = groupModel(dom);
          parent.group!.children.push(group);
          frame = { role: 'container', dom, group };
        } else {
          frame = { role: 'skip', dom: undefined, group: undefined };
        }
      } else if (parent.role === 'skip') {
        frame = parent;
      } else {
        frame = { role: 'build', dom: builder.start(el), group: undefined };
      }
      stack.push(frame);
      if (excluded === 0) digest.event(['s', el]);
    },
    endElement(el: StreamElement, depth: number): void {
      const frame = stack.pop()!;
      if (frame.dom !== undefined) builder.end();
      if (excluded === depth) {
        excluded = 0;
        digest.start(frame.dom!);
      } else if (excluded === 0) {
        digest.event(['e', el]);
      }
      if (depth === 1) {
        rootClosed = true;
        return;
      }
      if (frame.role === 'entity') {
        const entity = readEntityDescriptor(frame.dom!);
        builder.detach(frame.dom!);
        // `finish` reads only the entityID of a finding's entity: keep no more than that.
        const idOnly = { entityId: ownOpt(entity.entityId) } as EntityDescriptor;
        for (const rule of entityRules) {
          if (rule.scope === 'entity') for (const raw of rule.check(entity, entityCtx)) entityFindings.push({ ruleId: rule.id, raw: ownFinding(raw), entity: idOnly });
        }
        const kept = stub(entity);
        entities.push(kept);
        if (kept.entityId !== undefined) entityIds.push(kept.entityId);
        stack[stack.length - 1]!.group!.children.push(kept);
        onProgress?.(entities.length, Math.max(expected!, entities.length));
      } else if (frame.role === 'container') {
        builder.detach(frame.dom!);
      }
    },
    text(data: string, depth: number, cdata: boolean): void {
      const frame = stack[stack.length - 1];
      if (frame !== undefined && frame.dom !== undefined && frame.role !== 'container') {
        if (cdata) builder.cdata(data);
        else builder.text(data);
      }
      if (excluded === 0 && depth >= 1) digest.event(['t', data]);
    },
    pi(target: string, data: string, depth: number): void {
      if (depth > 0) {
        if (excluded === 0) digest.event(['p', target, data]);
        return;
      }
      if (target.toLowerCase() === 'xml') return;
      const text = '<?' + target + (data ? ' ' + data : '') + '?>';
      if (rootClosed) digest.trailingPI(text);
      else digest.prologPIs.push(text);
    },
  };

  try {
    readXmlStream(chunks, handler, {
      ...(options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {}),
      ...(options.maxDepth !== undefined ? { maxDepth: options.maxDepth } : {}),
    });
  } catch (e) {
    if (e instanceof NotStreamable || isSamlfedError(e)) return undefined;
    throw e;
  }
  if (root === undefined || rootModel === undefined || digest.needsTree) return undefined;

  const signature: MetadataSignatureStatus = checkRootSignature(root, trust, digest.digestFor);
  const ctx: RuleContext = { now, expiryWarningDays, document: { root: rootModel, entities, signature }, signature, single: false, trustGiven };
  const found: { ruleId: string; raw: RawFinding; entity?: EntityDescriptor }[] = [];
  for (const rule of enabled) {
    if (rule.scope === 'document') for (const raw of rule.check(ctx)) found.push({ ruleId: rule.id, raw });
  }
  for (const f of entityFindings) found.push(f);
  return result(entityIds, finish(found, settings), entities.length);
}

const ENTITY_TAG = /<(?:[^\s<>/:!?]+:)?EntityDescriptor[\s>/]/g;

/**
 * The number of EntityDescriptor start tags in `chunks`, by a text scan (a commented-out one is
 * counted too): the progress total of `lintAggregateStream`, an estimate, never a lint input.
 */
export function countEntityTags(chunks: Iterable<Uint8Array>): number {
  let n = 0;
  let carry = '';
  for (const chunk of chunks) {
    // latin1 keeps one character per byte: the tag names are ASCII, offsets stay byte offsets.
    const text = carry + Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('latin1');
    ENTITY_TAG.lastIndex = 0;
    let last = 0;
    for (let m = ENTITY_TAG.exec(text); m !== null; m = ENTITY_TAG.exec(text)) {
      n++;
      last = m.index + m[0].length;
    }
    // Keep a tail that may hold the start of a tag split across chunks (never one already counted).
    carry = text.slice(Math.max(last, text.length - 256));
  }
  return n;
}
