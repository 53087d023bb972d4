import { isSamlfedError } from '../../errors.js';
import type { EntityDescriptor, MetadataDocument } from '../model.js';
import { parseMetadata } from '../parse.js';
import type { RawFinding, Rule, RuleContext } from './rule.js';
import { RULE_LIST, RULES } from './rules/index.js';
import type { EntityOverride, Finding, LintOptions, LintResult, RuleId, RuleSetting, Severity } from './types.js';
import { severityFor, validateOverrides } from './overrides.js';
import { hasTrustAnchors } from '../trust.js';

const SETTINGS: readonly RuleSetting[] = ['off', 'info', 'warning', 'error'];

/**
 * Lint SAML 2.0 metadata (one EntityDescriptor or an EntitiesDescriptor aggregate).
 *
 * Never throws for bad input: unparseable XML becomes an `xml-malformed` / `xml-doctype`
 * finding, a non-metadata root a `not-metadata` finding. Aggregates are linted entity by
 * entity; entity findings carry `entityId`. Findings are sorted by line, column, ruleId.
 *
 * @throws {TypeError} for caller mistakes: unknown rule id or setting in `options.rules`,
 *   an invalid `now`, a negative `expiryWarningDays`, an `onProgress` that is not a function,
 *   input that is neither string nor bytes. An exception thrown by `onProgress` propagates.
 */
export function lintMetadata(xml: string | Uint8Array, options: LintOptions = {}): LintResult {
  if (typeof xml !== 'string' && !(xml instanceof Uint8Array)) throw new TypeError('lintMetadata: xml must be a string or a Uint8Array');
  const settings = resolveSettings(options);
  let doc: MetadataDocument;
  try {
    const onProgress = options.onProgress;
    doc = parseMetadata(xml, {
      ...(options.trust !== undefined ? { trust: options.trust } : {}),
      ...limitsOf(options),
      // The last entity is reported by lintParsed, once the rules have run too.
      ...(onProgress !== undefined ? { onProgress: (done: number, total: number) => { if (done < total) onProgress(done, total); } } : {}),
    });
  } catch (e) {
    if (!isSamlfedError(e)) throw e;
    // XML 1.0 §2.8 / our parser policy: DTDs are refused outright (entity expansion, XXE).
    const ruleId: RuleId = e.code === 'ERR_XML_DOCTYPE' ? 'xml-doctype' : e.code.startsWith('ERR_XML_') ? 'xml-malformed' : 'not-metadata';
    const raw: RawFinding = { message: `${e.code}: ${e.message}`, line: e.line ?? 1, column: e.column ?? 1 };
    return result([], finish([{ ruleId, raw }], settings));
  }
  return lintParsed(doc, options, settings, 'last');
}

/**
 * Lint a document that was already parsed with `parseMetadata` (same rules as `lintMetadata`,
 * minus the parse-level ones). The signature rules read `doc.signature`, which `parseMetadata`
 * computed with ITS trust anchors: `options.trust` is not re-applied here, only used to know
 * that anchors were given (an unsigned document is then `metadata-signature-invalid`, not
 * `metadata-unsigned`). Pass the same `trust` to both.
 *
 * @throws {TypeError} for the same caller mistakes as `lintMetadata`.
 */
export function lintDocument(doc: MetadataDocument, options: LintOptions = {}): LintResult {
  if (!doc || typeof doc !== 'object' || !Array.isArray(doc.entities) || !doc.root) throw new TypeError('lintDocument: expected a MetadataDocument from parseMetadata');
  return lintParsed(doc, options, resolveSettings(options), 'each');
}

/** `progress`: report every entity (lintDocument) or only the last one (lintMetadata, whose parse reported the others). */
function lintParsed(doc: MetadataDocument, options: LintOptions, settings: Map<RuleId, Severity>, progress: 'each' | 'last'): LintResult {
  const trust = options.trust;
  const ctx: RuleContext = {
    now: options.now ?? new Date(),
    expiryWarningDays: options.expiryWarningDays ?? 30,
    document: doc,
    signature: doc.signature,
    single: doc.root.kind === 'entity',
    trustGiven: hasTrustAnchors(trust),
  };
  const found: { ruleId: RuleId; raw: RawFinding; entity?: EntityDescriptor }[] = [];
  const overrides = options.overrides ?? [];
  const enabled = enabledRules(settings, overrides);
  for (const rule of enabled) {
    if (rule.scope === 'document') for (const raw of rule.check(ctx)) found.push({ ruleId: rule.id, raw });
  }
  // Entity by entity (the order of equal sort keys is the same as rule by rule: entities in document order).
  const total = doc.entities.length;
  for (const [i, entity] of doc.entities.entries()) {
    for (const rule of enabled) {
      if (rule.scope === 'entity') for (const raw of rule.check(entity, ctx)) found.push({ ruleId: rule.id, raw, entity });
    }
    if (options.onProgress !== undefined && (progress === 'each' || i === total - 1)) options.onProgress(i + 1, total);
  }
  const entityIds: string[] = [];
  for (const e of doc.entities) if (e.entityId !== undefined) entityIds.push(e.entityId);
  return result(entityIds, finish(found, settings, overrides), doc.entities.length);
}

/** Findings with their settings and per-entity overrides applied, sorted (shared with the streaming path, src/metadata/stream). */
export function finish(found: readonly { ruleId: RuleId; raw: RawFinding; entity?: EntityDescriptor }[], settings: Map<RuleId, Severity>, overrides: readonly EntityOverride[] = []): Finding[] {
  const out: Finding[] = [];
  for (const { ruleId, raw, entity } of found) {
    const entityId = raw.entityId ?? entity?.entityId;
    const severity = severityFor(ruleId, entityId, settings.get(ruleId), overrides);
    if (severity === undefined) continue;
    out.push({
      ruleId,
      severity,
      message: raw.message,
      ...(entityId !== undefined ? { entityId } : {}),
      ...(raw.line !== undefined ? { line: raw.line } : {}),
      ...(raw.column !== undefined ? { column: raw.column } : {}),
    });
  }
  // Line, column, rule id; stable for equal keys (Array.prototype.sort is stable).
  out.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0) || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
  return out;
}

/** The result counts (shared with the streaming path). */
export function result(entityIds: string[], findings: Finding[], entities = 0): LintResult {
  let errorCount = 0;
  let warningCount = 0;
  let infoCount = 0;
  for (const f of findings) {
    if (f.severity === 'error') errorCount++;
    else if (f.severity === 'warning') warningCount++;
    else infoCount++;
  }
  return { entities, entityIds, findings, errorCount, warningCount, infoCount };
}

/**
 * The rules to run: those on for the document, and those off for it that an override turns on
 * for some entities (`finish` then drops the findings of entities the override does not match).
 * Shared with the streaming path.
 */
export function enabledRules(settings: Map<RuleId, Severity>, overrides: readonly EntityOverride[] = []): Rule[] {
  return RULE_LIST.filter((r) => settings.has(r.id) || overrides.some((o) => o.rules[r.id] !== undefined && o.rules[r.id] !== 'off'));
}

/** The parser limits the caller gave (`maxBytes`, `maxDepth`), only those. Shared with the streaming path. */
export function limitsOf(options: LintOptions): { maxBytes?: number; maxDepth?: number } {
  return {
    ...(options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {}),
    ...(options.maxDepth !== undefined ? { maxDepth: options.maxDepth } : {}),
  };
}

/** Effective severity per enabled rule id (rules set to `off` are absent). Shared with the streaming path. */
export function resolveSettings(options: LintOptions): Map<RuleId, Severity> {
  if (options === null || typeof options !== 'object') throw new TypeError('lint: options must be an object');
  if (options.now !== undefined && (!(options.now instanceof Date) || Number.isNaN(options.now.getTime()))) throw new TypeError('lint: options.now must be a valid Date');
  if (options.onProgress !== undefined && typeof options.onProgress !== 'function') throw new TypeError('lint: options.onProgress must be a function');
  const days = options.expiryWarningDays;
  if (days !== undefined && (typeof days !== 'number' || !Number.isFinite(days) || days < 0)) throw new TypeError('lint: options.expiryWarningDays must be a number >= 0');
  validateOverrides(options.overrides, (id) => Object.hasOwn(RULES, id));
  const map = new Map<RuleId, Severity>();
  for (const r of RULE_LIST) map.set(r.id, r.defaultSeverity);
  for (const [key, setting] of Object.entries(options.rules ?? {})) {
    const id = key as RuleId;
    if (!Object.hasOwn(RULES, id)) throw new TypeError(`lint: unknown rule id ${JSON.stringify(id)} in options.rules (known: ${Object.keys(RULES).join(', ')})`);
    if (!SETTINGS.includes(setting)) throw new TypeError(`lint: rule ${id} setting must be one of ${SETTINGS.join(', ')}, got ${JSON.stringify(setting)}`);
    if (setting === 'off') map.delete(id);
    else map.set(id, setting);
  }
  return map;
}
