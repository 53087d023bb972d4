import type { FormatInput, FormatOptions } from './types.js';

/** Schema version of the JSON report (docs/lint-json-schema.md). */
export const JSON_REPORT_VERSION = 1;

/**
 * Machine-readable report, schema in docs/lint-json-schema.md:
 * `{ version, files: [{ file, entities, entityIds, errorCount, warningCount, infoCount, findings }], errorCount, warningCount, infoCount }`.
 */
export function formatJson(input: FormatInput, _options: FormatOptions = {}): string {
  let errorCount = 0;
  let warningCount = 0;
  let infoCount = 0;
  const files = input.files.map(({ file, result }) => {
    errorCount += result.errorCount;
    warningCount += result.warningCount;
    infoCount += result.infoCount;
    return {
      file,
      entities: result.entities,
      entityIds: result.entityIds,
      errorCount: result.errorCount,
      warningCount: result.warningCount,
      infoCount: result.infoCount,
      findings: result.findings.map((f) => ({
        ruleId: f.ruleId,
        severity: f.severity,
        message: f.message,
        ...(f.entityId !== undefined ? { entityId: f.entityId } : {}),
        ...(f.line !== undefined ? { line: f.line } : {}),
        ...(f.column !== undefined ? { column: f.column } : {}),
      })),
    };
  });
  return `${JSON.stringify({ version: JSON_REPORT_VERSION, files, errorCount, warningCount, infoCount }, null, 2)}\n`;
}
