import type { Finding } from '../types.js';
import type { FormatInput, FormatOptions } from './types.js';

/** XML 1.0 §2.4/§3.3.3 escaping for text and attribute values; characters XML cannot carry are replaced. */
export function xmlEscape(s: string): string {
  return s
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '\ufffd')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
}

function line(file: string, f: Finding): string {
  return `${file}:${f.line ?? 0}:${f.column ?? 0} ${f.severity} ${f.ruleId} ${f.message}`;
}

/** One testcase for one finding: an error is a `<failure>`; a warning or info passes, its text in `<system-out>`. */
function testcase(file: string, f: Finding): string {
  const where = `${f.line ?? 0}:${f.column ?? 0}`;
  const name = `${where} ${f.ruleId}${f.entityId !== undefined ? ` [${f.entityId}]` : ''}`;
  const open = `    <testcase classname="${xmlEscape(file)}" name="${xmlEscape(name)}" time="0">`;
  const body = f.severity === 'error'
    ? `      <failure type="${xmlEscape(f.ruleId)}" message="${xmlEscape(`${f.ruleId}: ${f.message}`)}">${xmlEscape(line(file, f))}</failure>`
    : `      <system-out>${xmlEscape(line(file, f))}</system-out>`;
  return `${open}\n${body}\n    </testcase>`;
}

/**
 * JUnit XML, as ESLint's junit formatter shapes it: one `<testsuite>` per file and one `<testcase>`
 * per finding (a file without findings gets one passing testcase named after it). An error finding
 * is a `<failure>`; warnings and info are passing testcases whose text is in `<system-out>`. So
 * `failures` counts failing testcases and passed = tests - failures, per suite and in total.
 */
export function formatJunit(input: FormatInput, options: FormatOptions = {}): string {
  const suites: string[] = [];
  let totalTests = 0;
  let totalFailures = 0;
  for (const { file, result } of input.files) {
    const findings = options.quiet ? result.findings.filter((f) => f.severity === 'error') : result.findings;
    const cases = findings.length === 0 ? [`    <testcase classname="${xmlEscape(file)}" name="${xmlEscape(file)}" time="0"/>`] : findings.map((f) => testcase(file, f));
    const failures = findings.filter((f) => f.severity === 'error').length;
    totalTests += cases.length;
    totalFailures += failures;
    suites.push(`  <testsuite name="${xmlEscape(file)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="0">\n${cases.join('\n')}\n  </testsuite>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="samlfed lint" tests="${totalTests}" failures="${totalFailures}" errors="0">\n${suites.join('\n')}${suites.length > 0 ? '\n' : ''}</testsuites>\n`;
}
