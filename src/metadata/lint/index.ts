export type { Finding, LintOptions, LintResult, RuleSetting, Severity } from './types.js';
