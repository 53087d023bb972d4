import type { LintResult } from '../types.js';

/** What every formatter renders: one lint result per input (file path, URL, or `-`). */
export interface FormatInput {
  /** `path`: the file's absolute path, when known; SARIF uses it for a file outside the current folder (%SRCROOT%). */
  readonly files: readonly { readonly file: string; readonly result: LintResult; readonly path?: string }[];
}

export interface FormatOptions {
  /** ANSI colour (text format only). Default false. */
  readonly color?: boolean;
  /** Only error findings (text and github formats). Default false. */
  readonly quiet?: boolean;
  /** Base URL of the rule docs (`<base>/<id>.md`), for SARIF helpUri and text hints. */
  readonly docsBaseUrl?: string;
  /** Tool version for SARIF `tool.driver.version`. */
  readonly version?: string;
}

/** Where the rule docs are published: the docs/ folder ships in the npm package. */
export const DEFAULT_DOCS_BASE_URL = 'https://unpkg.com/samlfed/docs/rules';
/** Project home for SARIF `informationUri`. */
export const INFORMATION_URI = 'https://www.npmjs.com/package/samlfed';

export function ruleDocUrl(id: string, options: FormatOptions): string {
  return `${(options.docsBaseUrl ?? DEFAULT_DOCS_BASE_URL).replace(/\/+$/, '')}/${id}.md`;
}
