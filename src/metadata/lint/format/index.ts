import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import { formatSarif } from './sarif.js';
import { formatText } from './text.js';
import type { FormatInput, FormatOptions } from './types.js';

export type { FormatInput, FormatOptions } from './types.js';
export { DEFAULT_DOCS_BASE_URL, INFORMATION_URI } from './types.js';
export { formatText, formatJson, formatSarif, formatJunit, formatGithub };

/** Output formats of `samlfed lint --format`. */
export type LintFormat = 'text' | 'json' | 'sarif' | 'junit' | 'github';

/** Formatter by name. */
export const FORMATS: Readonly<Record<LintFormat, (input: FormatInput, options?: FormatOptions) => string>> = Object.freeze({
  text: formatText,
  json: formatJson,
  sarif: formatSarif,
  junit: formatJunit,
  github: formatGithub,
});

/**
 * Render lint results in one of the formats.
 * @throws {TypeError} for an unknown format name.
 */
export function formatLint(format: LintFormat, input: FormatInput, options: FormatOptions = {}): string {
  if (!Object.hasOwn(FORMATS, format)) throw new TypeError(`formatLint: unknown format ${JSON.stringify(format)} (expected one of ${Object.keys(FORMATS).join(', ')})`);
  return FORMATS[format](input, options);
}
