import type { Severity } from '../types.js';
import type { FormatInput, FormatOptions } from './types.js';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/** Workflow command message escaping (actions/toolkit `escapeData`): %, CR, LF. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Workflow command property escaping (actions/toolkit `escapeProperty`): also `:` and `,`. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * GitHub Actions workflow commands, one per finding:
 * `::error file=F,line=L,col=C,title=ruleId::message` (`::warning`, `::notice` for info).
 */
export function formatGithub(input: FormatInput, options: FormatOptions = {}): string {
  const out: string[] = [];
  for (const { file, result } of input.files) {
    for (const f of result.findings) {
      if (options.quiet && f.severity !== 'error') continue;
      const props = [`file=${escapeProperty(file)}`];
      if (f.line !== undefined && f.line >= 1) {
        props.push(`line=${f.line}`);
        if (f.column !== undefined && f.column >= 1) props.push(`col=${f.column}`);
      }
      props.push(`title=${escapeProperty(f.ruleId)}`);
      const msg = f.entityId !== undefined ? `${f.message} [${f.entityId}]` : f.message;
      out.push(`::${COMMAND[f.severity]} ${props.join(',')}::${escapeData(msg)}`);
    }
  }
  return out.length === 0 ? '' : `${out.join('\n')}\n`;
}
