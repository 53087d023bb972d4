import type { EntityDescriptor, MetadataDocument, MetadataSignatureStatus } from '../model.js';
import type { RuleId, Severity } from './types.js';

/**
 * What a document rule may read of an entity in `RuleContext.document.entities`: its entityID and
 * position. The streaming lint of an aggregate keeps no more of each entity
 * (src/metadata/stream/entity-positions.ts); the tree path passes the whole EntityDescriptors.
 */
export type EntityPosition = Pick<EntityDescriptor, 'entityId' | 'line' | 'column'>;

/** The document as document rules read it: a `MetadataDocument` is one. */
export interface LintedDocument {
  /**
   * The root model. In a streamed aggregate its groups' `children` hold the nested groups and the
   * entities that carry a validUntil (their own or a role's); the other entities are left out, or
   * stand there as one shared entity without any (src/metadata/stream/kept.ts groupChild).
   */
  readonly root: MetadataDocument['root'];
  /** Every EntityDescriptor in document order, as entityID and position. */
  readonly entities: Iterable<EntityPosition>;
  readonly signature: MetadataSignatureStatus;
}

/** What every rule check sees besides the entity: the clock, the window, the whole document. */
export interface RuleContext {
  /** The clock for every time check. */
  readonly now: Date;
  /** `cert-expiring` window in days. */
  readonly expiryWarningDays: number;
  readonly document: LintedDocument;
  /** Outcome of the root signature check (`document.signature`). */
  readonly signature: MetadataSignatureStatus;
  /** True when the root is a single EntityDescriptor, false for an EntitiesDescriptor aggregate. */
  readonly single: boolean;
  /** True when the caller gave trust anchors (certificates or thumbprints). */
  readonly trustGiven: boolean;
}

/** A finding as a rule reports it: the engine adds the rule id, the severity and (for entity rules) the entityID. */
export interface RawFinding {
  readonly message: string;
  readonly line?: number;
  readonly column?: number;
  /** Overrides the entity's own entityID (document rules that concern one entity). */
  readonly entityId?: string;
}

/** Rule metadata: what formatters and docs need. */
export interface RuleInfo {
  /** Stable kebab-case id, also the file name of its doc (`docs/rules/<id>.md`). */
  readonly id: RuleId;
  readonly defaultSeverity: Severity;
  /** One line. */
  readonly description: string;
  /** Path of the rule's documentation inside the package. */
  readonly docs: string;
  /**
   * `input`: raised by the engine when the document cannot be read as metadata (no check).
   * `document`: checked once per document. `entity`: checked once per EntityDescriptor.
   */
  readonly scope: 'input' | 'document' | 'entity';
}

export interface InputRule extends RuleInfo {
  readonly scope: 'input';
}

export interface DocumentRule extends RuleInfo {
  readonly scope: 'document';
  check(ctx: RuleContext): RawFinding[];
}

export interface EntityRule extends RuleInfo {
  readonly scope: 'entity';
  check(entity: EntityDescriptor, ctx: RuleContext): RawFinding[];
}

export type Rule = InputRule | DocumentRule | EntityRule;

/** Path of a rule's doc, relative to the package root. */
export function docsPath(id: RuleId): string {
  return `docs/rules/${id}.md`;
}
