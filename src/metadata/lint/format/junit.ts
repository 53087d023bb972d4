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

function testcase(file: string, name: string, findings: readonly Finding[]): { xml: string; failures: number } {
  const errors = findings.filter((f) => f.severity === 'error');
  const others = findings.filter((f) => f.severity !== 'error');
  const failures = errors.map((f) => `      <failure type="${xmlEscape(f.ruleId)}" message="${xmlEscape(`${f.ruleId}: ${f.message}`)}">${xmlEscape(line(file, f))}</failure>`);
  const out = others.length > 0 ? [`      <system-out>${xmlEscape(others.map((f) => line(file, f)).join('\n'))}</system-out>`] : [];
  const body = [...failures, ...out];
  const open = `    <testcase classname="${xmlEscape(file)}" name="${xmlEscape(name)}"`;
  return { xml: body.length === 0 ? `${open}/>` : `${open}>\n${body.join('\n')}\n    </testcase>`, failures: errors.length };
}

/**
 * JUnit XML: one `<testsuite>` per file, one `<testcase>` per entity (plus one named
 * `(document)` for document-level errors), or a single testcase when the file did not parse.
 * Each error finding is a `<failure>`; warnings and info go to `<system-out>`.
 */
export function formatJunit(input: FormatInput, _options: FormatOptions = {}): string {
  const suites: string[] = [];
  let totalTests = 0;
  let totalFailures = 0;
  for (const { file, result } of input.files) {
    const cases: { xml: string; failures: number }[] = [];
    if (result.entities === 0) {
      cases.push(testcase(file, file, result.findings));
    } else {
      const byEntity = new Map<string, Finding[]>();
      for (const id of result.entityIds) if (!byEntity.has(id)) byEntity.set(id, []);
      const docLevel: Finding[] = [];
      for (const f of result.findings) {
        const list = f.entityId !== undefined ? byEntity.get(f.entityId) : undefined;
        if (list) list.push(f);
        else docLevel.push(f);
      }
      if (docLevel.length > 0) cases.push(testcase(file, '(document)', docLevel));
      for (const [id, list] of byEntity) cases.push(testcase(file, id, list));
    }
    const failures = cases.reduce((n, c) => n + c.failures, 0);
    totalTests += cases.length;
    totalFailures += failures;
    suites.push(`  <testsuite name="${xmlEscape(file)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="0">\n${cases.map((c) => c.xml).join('\n')}\n  </testsuite>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="samlfed lint" tests="${totalTests}" failures="${totalFailures}" errors="0">\n${suites.join('\n')}${suites.length > 0 ? '\n' : ''}</testsuites>\n`;
}
