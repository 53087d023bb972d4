export type { Finding, LintOptions, LintResult, RuleSetting, Severity, RuleId, EntityOverride } from './types.js';
export { entityIdMatches } from './overrides.js';
export { RULE_IDS } from './types.js';
export type { RuleInfo, RuleContext, LintedDocument, EntityPosition, RawFinding, Rule, EntityRule, DocumentRule, InputRule } from './rule.js';
export { lintMetadata, lintDocument } from './lint.js';
export { RULES, RULE_LIST } from './rules/index.js';
export { formatLint, FORMATS, formatText, formatJson, formatSarif, formatJunit, formatGithub, type LintFormat, type FormatInput, type FormatOptions } from './format/index.js';
