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
import { withCertificateCache } from '../../certs/cache.js';
import { RepeatCertificateCache } from '../../certs/repeat-cache.js';
import { isSamlfedError } from '../../errors.js';
import { NS } from '../../xml/namespaces.js';
import { SubtreeBuilder } from '../../xml/stream/build.js';
import type { StreamElement } from '../../xml/stream/events.js';
import { NotStreamable, readXmlStream } from '../../xml/stream/reader.js';
import type { Element } from '../../xml/tree.js';
import { finish, resolveSettings, result } from '../lint/lint.js';
import type { RawFinding, RuleContext } from '../lint/rule.js';
import { RULE_LIST } from '../lint/rules/index.js';
import type { LintOptions, LintResult, RuleId } from '../lint/types.js';
import type { EntityDescriptor, MetadataSignatureStatus } from '../model.js';
import { readEntityDescriptor } from '../read-entity.js';
import { checkRootSignature } from '../signature.js';
import { pinnedThumbprints } from '../trust.js';
import { groupModel, ownFinding, ownOpt, stub, type MutableGroup } from './kept.js';
import { RootDigest } from './root-digest.js';

/** Role of an open element. */
type Role = 'container' | 'entity' | 'build' | 'root-signature' | 'skip';
interface Frame {
  readonly role: Role;
  readonly dom: Element | undefined;
  readonly group: MutableGroup | undefined;
}


const isMd = (el: StreamElement, local: string): boolean => el.uri === NS.MD && el.local === local;
const isDs = (el: StreamElement, local: string): boolean => el.uri === NS.DS && el.local === local;


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

  const certificateCache = new RepeatCertificateCache();
  const builder = new SubtreeBuilder();
  const digest = new RootDigest();
  const stack: Frame[] = [];
  const entities: EntityDescriptor[] = [];
  const entityIds: string[] = [];
  const entityFindings: { ruleId: RuleId; raw: RawFinding; entity?: EntityDescriptor }[] = [];
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
        digest.open(el);
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
      if (excluded === 0) digest.open(el);
    },
    endElement(el: StreamElement, depth: number): void {
      const frame = stack.pop()!;
      if (frame.dom !== undefined) builder.end();
      if (excluded === depth) {
        excluded = 0;
        digest.start(frame.dom!);
      } else if (excluded === 0) {
        digest.close(el);
      }
      if (depth === 1) {
        rootClosed = true;
        return;
      }
      if (frame.role === 'entity') {
        const dom = frame.dom!;
        const entity = withCertificateCache(certificateCache, () => readEntityDescriptor(dom));
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
      if (excluded === 0 && depth >= 1) digest.chars(data);
    },
    pi(target: string, data: string, depth: number): void {
      if (depth > 0) {
        if (excluded === 0) digest.instruction(target, data);
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
  const found: { ruleId: RuleId; raw: RawFinding; entity?: EntityDescriptor }[] = [];
  for (const rule of enabled) {
    if (rule.scope === 'document') for (const raw of rule.check(ctx)) found.push({ ruleId: rule.id, raw });
  }
  for (const f of entityFindings) found.push(f);
  return result(entityIds, finish(found, settings, options.overrides), entities.length);
}
