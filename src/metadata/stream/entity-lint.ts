/**
 * One md:EntityDescriptor of a streamed aggregate, linted and reduced to what is kept of it
 * (src/metadata/stream): read into the model, checked by every enabled entity rule, then dropped
 * but for its stub (kept.ts). The same function serves the one-thread stream and the lint worker
 * (lint-worker.ts), so both report exactly what `lintMetadata` reports for the entity.
 */
import { withCertificateCache, type CertificateCachePolicy } from '../../certs/cache.js';
import type { RawFinding, Rule, RuleContext } from '../lint/rule.js';
import type { RuleId } from '../lint/types.js';
import type { EntityDescriptor } from '../model.js';
import { readEntityDescriptor } from '../read-entity.js';
import type { Element } from '../../xml/tree.js';
import { ownFinding, stub } from './kept.js';

/** What is kept of one entity: its findings (rule order) and its stub (which holds its entityID). */
export interface EntityOutcome {
  readonly findings: { readonly ruleId: RuleId; readonly raw: RawFinding }[];
  readonly stub: EntityDescriptor;
}

/**
 * The context of entity rules in a streamed aggregate: the clock, the window and whether trust
 * anchors were given; the whole document and its signature are not there yet (reading them throws).
 */
export function entityRuleContext(now: Date, expiryWarningDays: number, trustGiven: boolean): RuleContext {
  return {
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
}

/** Read `dom` (a complete EntityDescriptor subtree), run `rules` (entity scope) on it and keep its outcome. */
export function lintEntity(dom: Element, rules: readonly Rule[], ctx: RuleContext, certificates: CertificateCachePolicy): EntityOutcome {
  const entity = withCertificateCache(certificates, () => readEntityDescriptor(dom));
  const findings: { ruleId: RuleId; raw: RawFinding }[] = [];
  for (const rule of rules) {
    if (rule.scope === 'entity') for (const raw of rule.check(entity, ctx)) findings.push({ ruleId: rule.id, raw: ownFinding(raw) });
  }
  return { findings, stub: stub(entity) };
}
