import type { Finding, Severity } from '../types.js';
import type { FormatInput, FormatOptions } from './types.js';

const ANSI: Record<Severity | 'dim' | 'bold' | 'reset', string> = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m', dim: '\x1b[2m', bold: '\x1b[1m', reset: '\x1b[0m' };

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * Untrusted text (from a partner's document or a file name) made safe for one line of a terminal:
 * C0/C1 control characters (ESC, CSI, CR, LF...), DEL, line/paragraph separators and bidi
 * overrides become visible `\xNN` / `\uNNNN` escapes, so a value can neither drive the terminal
 * nor fake another line. Tab is kept.
 */
export function terminalSafe(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const n = c.charCodeAt(0);
    return n <= 0xff ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16).padStart(4, '0')}`;
  });
}
/** Lint messages: a line break reads as a space; everything else as `terminalSafe`. */
const safe = (s: string) => terminalSafe(s.replace(/\n/g, ' '));

/**
 * Human-readable report: findings grouped by file, one per line as
 * `file:line:col severity ruleId message [entityID]`, then `N errors, M warnings`.
 */
export function formatText(input: FormatInput, options: FormatOptions = {}): string {
  const c = (k: keyof typeof ANSI, s: string) => (options.color ? `${ANSI[k]}${s}${ANSI.reset}` : s);
  const blocks: string[] = [];
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  let entities = 0;
  for (const { file, result } of input.files) {
    errors += result.errorCount;
    warnings += result.warningCount;
    infos += result.infoCount;
    entities += result.entities;
    const shown: Finding[] = options.quiet ? result.findings.filter((f) => f.severity === 'error') : [...result.findings];
    if (shown.length === 0) continue;
    const lines = shown.map((f) => {
      const where = `${safe(file)}:${f.line ?? 0}:${f.column ?? 0}`;
      const entity = f.entityId !== undefined ? c('dim', ` [${safe(f.entityId)}]`) : '';
      return `${c('bold', where)} ${c(f.severity, f.severity)} ${f.ruleId} ${safe(f.message)}${entity}`;
    });
    blocks.push(lines.join('\n'));
  }
  const summary = `${plural(errors, 'error')}, ${plural(warnings, 'warning')}${infos > 0 && !options.quiet ? `, ${infos} info` : ''} (${plural(input.files.length, 'file')}, ${plural(entities, 'entity').replace(/entitys$/, 'entities')})`;
  const colored = errors > 0 ? c('error', summary) : warnings > 0 ? c('warning', summary) : summary;
  return `${blocks.length > 0 ? `${blocks.join('\n\n')}\n\n` : ''}${colored}\n`;
}
