/**
 * What a streamed aggregate keeps of its entities (src/metadata/stream), in document order, and the
 * document's lint result once the stream has ended: the root signature checked against the streamed
 * digest, the document rules run on the group models and entity stubs, every finding ordered and
 * given its severity by the same code as `lintMetadata`.
 */
import { finish, result } from '../lint/lint.js';
import type { RawFinding, Rule, RuleContext } from '../lint/rule.js';
import type { EntityOverride, LintResult, RuleId, Severity } from '../lint/types.js';
import type { EntityDescriptor, MetadataSignatureStatus } from '../model.js';
import { checkRootSignature } from '../signature.js';
import type { TrustAnchors } from '../trust.js';
import type { EntityOutcome } from './entity-lint.js';
import type { MutableGroup } from './kept.js';
import type { AggregateWalker } from './walker.js';

type Found = { ruleId: RuleId; raw: RawFinding; entity?: EntityDescriptor };

export class EntityCollector {
  readonly entities: EntityDescriptor[] = [];
  readonly entityIds: string[] = [];
  readonly findings: Found[] = [];

  /** `onProgress(done, total)` after each entity, `total` being `expected` or `done` when more were read. */
  constructor(private readonly onProgress?: (done: number, total: number) => void, private readonly expected = 0) {}

  /** The next entity in document order; its stub is appended to `group` (or put at `slot`, reserved for it). */
  add(outcome: EntityOutcome, group: MutableGroup, slot = -1): void {
    // `finish` reads only the entityID of a finding's entity: keep no more than that.
    const idOnly = { entityId: outcome.entityId } as EntityDescriptor;
    for (const f of outcome.findings) this.findings.push({ ruleId: f.ruleId, raw: f.raw, entity: idOnly });
    const kept = outcome.stub;
    this.entities.push(kept);
    if (kept.entityId !== undefined) this.entityIds.push(kept.entityId);
    if (slot === -1) group.children.push(kept);
    else group.children[slot] = kept;
    this.onProgress?.(this.entities.length, Math.max(this.expected, this.entities.length));
  }
}

export interface DocumentSettings {
  readonly rules: readonly Rule[];
  readonly settings: Map<RuleId, Severity>;
  readonly overrides: readonly EntityOverride[] | undefined;
  readonly trust: TrustAnchors | undefined;
  readonly now: Date;
  readonly expiryWarningDays: number;
  readonly trustGiven: boolean;
}

/** The lint result of a completely read aggregate, or `undefined` when the tree path must judge it. */
export function finishAggregate(walker: AggregateWalker, collected: EntityCollector, s: DocumentSettings): LintResult | undefined {
  const { root, rootModel, digest } = walker;
  if (root === undefined || rootModel === undefined || digest.needsTree) return undefined;
  const signature: MetadataSignatureStatus = checkRootSignature(root, s.trust, digest.digestFor);
  const { entities } = collected;
  const ctx: RuleContext = { now: s.now, expiryWarningDays: s.expiryWarningDays, document: { root: rootModel, entities, signature }, signature, single: false, trustGiven: s.trustGiven };
  const found: Found[] = [];
  for (const rule of s.rules) {
    if (rule.scope === 'document') for (const raw of rule.check(ctx)) found.push({ ruleId: rule.id, raw });
  }
  for (const f of collected.findings) found.push(f);
  return result(collected.entityIds, finish(found, s.settings, s.overrides), entities.length);
}
