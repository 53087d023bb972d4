/**
 * Streaming lint of an md:EntitiesDescriptor aggregate, in one thread (lint-parallel.ts: two) (saml-metadata-2.0-os §2.3.1), for
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
 * parser then reports it with its own message), a root ds:Signature after another child of the root
 * (its digest could not be streamed) or holding a comment or PI (built without them), a Reference whose transforms or digest method are not
 * enveloped-signature + exclusive c14n with a known digest (the tree verifier judges those). Nothing here ever turns a refusal into an acceptance: a
 * digest that was not streamed exactly as the verifier asks is an empty digest, which mismatches.
 */
import { RepeatCertificateCache } from '../../certs/repeat-cache.js';
import { isSamlfedError } from '../../errors.js';
import { NotStreamable, readXmlStream } from '../../xml/stream/reader.js';
import type { Element } from '../../xml/tree.js';
import { enabledRules, limitsOf, resolveSettings } from '../lint/lint.js';
import type { LintOptions, LintResult } from '../lint/types.js';
import { hasTrustAnchors, pinnedThumbprints } from '../trust.js';
import { EntityCollector, finishAggregate, type DocumentSettings } from './collect.js';
import { entityRuleContext, lintEntity } from './entity-lint.js';
import type { MutableGroup } from './kept.js';
import { AggregateWalker, type EntityChannel } from './walker.js';

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
  const doc = documentSettings(options);
  const collector = progressCollector(options, streamOptions);
  const entityRules = doc.rules.filter((r) => r.scope === 'entity');
  const ctx = entityRuleContext(doc.now, doc.expiryWarningDays, doc.trustGiven);
  const certificates = new RepeatCertificateCache();
  let walker: AggregateWalker;
  // The entities are built by the walker's own builder, under the root and groups it built.
  let entity: Element | undefined;
  const channel: EntityChannel = {
    containerStart() {},
    containerEnd() {},
    entityStart(el) {
      entity = walker.builder.start(el);
    },
    start(el) {
      walker.builder.start(el);
    },
    end() {
      walker.builder.end();
    },
    text(data, cdata) {
      if (cdata) walker.builder.cdata(data);
      else walker.builder.text(data);
    },
    entityEnd(group: MutableGroup) {
      walker.builder.end();
      const dom = entity!;
      const outcome = lintEntity(dom, entityRules, ctx, certificates);
      walker.builder.detach(dom);
      collector.add(outcome, group);
    },
  };
  walker = new AggregateWalker(channel);
  try {
    readXmlStream(chunks, walker, limitsOf(options));
  } catch (e) {
    if (e instanceof NotStreamable || isSamlfedError(e)) return undefined;
    throw e;
  }
  return finishAggregate(walker, collector, doc);
}

/** The settings of the document, checked as `lintMetadata` checks them (TypeError for caller mistakes). */
export function documentSettings(options: LintOptions): DocumentSettings {
  const settings = resolveSettings(options);
  pinnedThumbprints(options.trust);
  const trust = options.trust;
  return {
    rules: enabledRules(settings, options.overrides),
    settings,
    overrides: options.overrides,
    trust,
    now: options.now ?? new Date(),
    expiryWarningDays: options.expiryWarningDays ?? 30,
    trustGiven: hasTrustAnchors(trust),
  };
}

/** The collector, reporting progress only when the caller gave the expected number of entities. */
export function progressCollector(options: LintOptions, streamOptions: StreamLintOptions): EntityCollector {
  const expected = streamOptions.expectedEntities;
  return expected === undefined || options.onProgress === undefined ? new EntityCollector() : new EntityCollector(options.onProgress, expected);
}
