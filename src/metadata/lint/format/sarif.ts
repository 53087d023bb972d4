import { RULE_LIST } from '../rules/index.js';
import type { Severity } from '../types.js';
import { INFORMATION_URI, ruleDocUrl, type FormatInput, type FormatOptions } from './types.js';

/** SARIF 2.1.0 (OASIS) schema location. */
export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/**
 * SARIF §3.4.3: artifactLocation.uri is a URI reference. Relative paths keep forward slashes
 * (resolved against %SRCROOT%, as GitHub code scanning expects); URLs stay as they are;
 * absolute paths become file: URIs.
 */
export function artifactUri(file: string, absolutePath?: string): { uri: string; uriBaseId?: string } {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(file)) return { uri: file };
  if (file === '-' || file === '<stdin>') return { uri: 'stdin' };
  let slashed = file.replace(/\\/g, '/');
  // A relative path that climbs out of the current folder cannot be said relative to %SRCROOT%: use the absolute file: URI.
  if (/^(\.\.\/|\.\.$)/.test(slashed.replace(/^(\.\/)+/, ''))) slashed = (absolutePath ?? slashed).replace(/\\/g, '/');
  const encode = (p: string) => p.split('/').map((seg) => encodeURIComponent(seg)).join('/');
  if (/^[A-Za-z]:\//.test(slashed)) return { uri: `file:///${slashed.slice(0, 2)}${encode(slashed.slice(2))}` };
  if (slashed.startsWith('/')) return { uri: `file://${encode(slashed)}` };
  return { uri: encode(slashed.replace(/^(\.\/)+/, '')), uriBaseId: '%SRCROOT%' };
}

/** A SARIF 2.1.0 log that GitHub code scanning accepts (`github/codeql-action/upload-sarif`). */
export function formatSarif(input: FormatInput, options: FormatOptions = {}): string {
  const index = new Map<string, number>();
  const rules = RULE_LIST.map((r, i) => {
    index.set(r.id, i);
    const url = ruleDocUrl(r.id, options);
    return {
      id: r.id,
      name: r.id.replace(/(^|-)([a-z0-9])/g, (_m, _d, ch: string) => ch.toUpperCase()),
      shortDescription: { text: r.description },
      fullDescription: { text: `${r.description} Default severity: ${r.defaultSeverity}.` },
      helpUri: url,
      help: { text: `${r.description} See ${url}`, markdown: `**${r.id}** (${r.defaultSeverity}): ${r.description}\n\nHow to fix: see [${r.docs}](${url}).` },
      defaultConfiguration: { level: LEVEL[r.defaultSeverity] },
      properties: { tags: ['saml', 'metadata'] },
    };
  });
  const results = [];
  for (const { file, result, path } of input.files) {
    const artifactLocation = artifactUri(file, path);
    for (const f of result.findings) {
      const physicalLocation: Record<string, unknown> = { artifactLocation };
      if (f.line !== undefined && f.line >= 1) {
        physicalLocation.region = { startLine: f.line, ...(f.column !== undefined && f.column >= 1 ? { startColumn: f.column } : {}) };
      }
      results.push({
        ruleId: f.ruleId,
        ruleIndex: index.get(f.ruleId) ?? -1,
        level: LEVEL[f.severity],
        message: { text: f.entityId !== undefined ? `${f.message} [${f.entityId}]` : f.message },
        locations: [{ physicalLocation }],
        ...(f.entityId !== undefined ? { properties: { entityId: f.entityId } } : {}),
      });
    }
  }
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'samlfed', informationUri: INFORMATION_URI, ...(options.version ? { version: options.version, semanticVersion: options.version } : {}), rules } },
        // xmldom reports columns in UTF-16 code units.
        columnKind: 'utf16CodeUnits',
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The directory samlfed lint ran in.' } } },
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
