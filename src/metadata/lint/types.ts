import type { TrustAnchors } from '../trust.js';

export type Severity = 'error' | 'warning' | 'info';

/** Every rule id, in documentation order (the registry in rules/index.ts lists the same ids). */
export const RULE_IDS = Object.freeze([
  'xml-malformed',
  'xml-doctype',
  'not-metadata',
  'entity-id-invalid',
  'entity-id-duplicate',
  'no-idp-descriptor',
  'protocol-not-saml2',
  'no-sso-endpoint',
  'sso-binding-unsupported',
  'endpoint-location-invalid',
  'endpoint-not-https',
  'no-signing-cert',
  'key-use-invalid',
  'cert-invalid',
  'cert-expired',
  'cert-expiring',
  'cert-not-yet-valid',
  'cert-weak-key',
  'cert-sha1',
  'metadata-signature-invalid',
  'metadata-signature-unverifiable',
  'metadata-signature-weak-alg',
  'metadata-signature-untrusted',
  'metadata-unsigned',
  'valid-until-expired',
  'valid-until-invalid',
] as const);

/** A lint rule id: `options.rules` keys are checked against this union at compile time. */
export type RuleId = (typeof RULE_IDS)[number];
/** Per-rule override: `off` disables the rule. */
export type RuleSetting = Severity | 'off';

/** One lint finding (data, not text: formatters render it). Lines and columns are 1-based. */
export interface Finding {
  readonly ruleId: RuleId;
  readonly severity: Severity;
  readonly message: string;
  /** entityID of the entity it concerns; `undefined` for document-level findings. */
  readonly entityId?: string;
  readonly line?: number;
  readonly column?: number;
}

/** A per-entity rule override (config `overrides`, `LintOptions.overrides`). */
export interface EntityOverride {
  readonly entityIds: readonly string[];
  readonly rules: Readonly<Partial<Record<RuleId, RuleSetting>>>;
}

export interface LintOptions {
  /** The clock for every time check. Default: `new Date()`. */
  readonly now?: Date;
  /** `cert-expiring` window in days. Default 30. */
  readonly expiryWarningDays?: number;
  /** Trust anchors for the metadata signature. Without them only integrity is checked. */
  readonly trust?: TrustAnchors;
  /** Severity overrides by rule id (a misspelt id is a type error; at run time a TypeError). */
  readonly rules?: Readonly<Partial<Record<RuleId, RuleSetting>>>;
  /**
   * Per-entity severities, for known entities of an aggregate: a finding about an entity whose
   * entityID matches one of `entityIds` (exact, or `*` for any characters) takes the override's
   * setting for its rule (the last matching override wins; `off` drops it). Document-level findings
   * are not affected.
   */
  readonly overrides?: readonly EntityOverride[];
  /** XML limits (bytes, depth). */
  readonly maxBytes?: number;
  readonly maxDepth?: number;
  /**
   * Progress over the EntityDescriptors of the document, for a progress bar on a large aggregate:
   * called once per entity, in document order, `done` going 1..`total` (the number of entities).
   * `lintMetadata` reports an entity once it is read (its certificates parsed: the costly part) and
   * the last one once every rule has run; `lintDocument` reports an entity once its rules have run.
   * Never called when the input does not parse or holds no entity. Keep it cheap (throttle output).
   */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface LintResult {
  /** Number of EntityDescriptors seen (0 when the document did not parse). */
  readonly entities: number;
  /** entityIDs in document order. */
  readonly entityIds: readonly string[];
  /** Findings sorted by line, column, ruleId. */
  readonly findings: readonly Finding[];
  readonly errorCount: number;
  readonly warningCount: number;
  readonly infoCount: number;
}
