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
import { EntityPositions } from './entity-positions.js';
import { groupChild, WITHOUT_VALIDITY, type MutableGroup } from './kept.js';
import { NotStreamable } from '../../xml/stream/reader.js';
import type { AggregateWalker } from './walker.js';

/** `EntityCollector.add`: the stub is appended to its group when it carries a validUntil. */
const APPEND = -1;
/** `EntityCollector.add`: no place was reserved; the stub must carry no validUntil. */
export const NO_PLACE = -2;

type Found = { ruleId: RuleId; raw: RawFinding; entity?: EntityDescriptor };

/**
 * What is kept of each entity until the end of the stream: its findings, its entityID and position
 * (in columns), and in its group's `children` its stub when it carries a validUntil (kept.ts
 * groupChild). ~90 bytes per entity without findings at the bench's entityIDs.
 */
export class EntityCollector {
  readonly positions = new EntityPositions();
  readonly findings: Found[] = [];
  /** EntityDescriptors read. */
  count = 0;

  /** `onProgress(done, total)` after each entity, `total` being `expected` or `done` when more were read. */
  constructor(private readonly onProgress?: (done: number, total: number) => void, private readonly expected = 0) {}

  /**
   * The next entity in document order. Its stub goes into `group.children` when it carries a
   * validUntil: appended (`APPEND`, the one-thread stream) or at `slot`, reserved for it when its
   * start tags showed a validUntil attribute (the two-thread stream: lint-parallel.ts). `NO_PLACE`:
   * none was reserved, and the stub must carry no validUntil (else NotStreamable: the tree path
   * judges the document; a validity check is never skipped). `child`: what the group keeps of the
   * stub (the two-thread stream's stub is a structured clone: kept.ts groupChildOfClone); the stub
   * itself is read only for its entityID and position.
   */
  add(outcome: EntityOutcome, group: MutableGroup, slot: number = APPEND, child: EntityDescriptor = groupChild(outcome.stub)): void {
    // `finish` reads only the entityID of a finding's entity: keep no more than that.
    const idOnly = { entityId: outcome.stub.entityId } as EntityDescriptor;
    for (const f of outcome.findings) this.findings.push({ ruleId: f.ruleId, raw: f.raw, entity: idOnly });
    const kept = outcome.stub;
    this.count++;
    if (kept.entityId !== undefined) this.positions.add(kept.entityId, kept.line, kept.column);
    if (slot >= 0) group.children[slot] = child;
    else if (child !== WITHOUT_VALIDITY) {
      if (slot === NO_PLACE) throw new NotStreamable('an entity whose validUntil its start tags did not show');
      group.children.push(child);
    }
    this.onProgress?.(this.count, Math.max(this.expected, this.count));
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
  const ctx: RuleContext = { now: s.now, expiryWarningDays: s.expiryWarningDays, document: { root: rootModel, entities: collected.positions, signature }, signature, single: false, trustGiven: s.trustGiven };
  const found: Found[] = [];
  for (const rule of s.rules) {
    if (rule.scope === 'document') for (const raw of rule.check(ctx)) found.push({ ruleId: rule.id, raw });
  }
  for (const f of collected.findings) found.push(f);
  return result(collected.positions.ids, finish(found, s.settings, s.overrides), collected.count);
}
