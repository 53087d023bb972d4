import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatGithub, formatJson, formatJunit, formatLint, formatSarif, formatText, lintMetadata, RULES, type FormatInput, type LintResult } from '../../src/metadata/lint/index.js';
import { escapeData, escapeProperty } from '../../src/metadata/lint/format/github.js';
import { artifactUri } from '../../src/metadata/lint/format/sarif.js';
import { terminalSafe } from '../../src/metadata/lint/format/text.js';
import { parseXml } from '../../src/xml/parse.js';
import { childElements } from '../../src/xml/dom.js';

const NOW = new Date('2026-06-15T00:00:00Z');
const fixture = (name: string) => readFileSync(new URL(`../fixtures/lint/${name}`, import.meta.url));

const hostile: LintResult = {
  entities: 1,
  entityIds: ['https://idp.example/a,b:c'],
  findings: [
    { ruleId: 'cert-expired', severity: 'error', message: '100% broken,\nline two: <&"\'>\r', entityId: 'https://idp.example/a,b:c', line: 3, column: 7 },
    { ruleId: 'endpoint-not-https', severity: 'warning', message: 'plain http', entityId: 'https://idp.example/a,b:c', line: 4, column: 1 },
    { ruleId: 'metadata-unsigned', severity: 'info', message: 'unsigned', line: 1, column: 1 },
  ],
  errorCount: 1,
  warningCount: 1,
  infoCount: 1,
};

const input: FormatInput = {
  files: [
    { file: 'partners/a b,c:d.xml', result: hostile },
    { file: 'broken.xml', result: lintMetadata(fixture('xml-malformed.xml'), { now: NOW }) },
    { file: 'clean.xml', result: { entities: 1, entityIds: ['https://x'], findings: [], errorCount: 0, warningCount: 0, infoCount: 0 } },
  ],
};

describe('text', () => {
  it('one line per finding as file:line:col severity ruleId message, then a summary', () => {
    const out = formatText(input);
    expect(out).toContain('partners/a b,c:d.xml:3:7 error cert-expired 100% broken, line two: <&"\'>\\x0d [https://idp.example/a,b:c]');
    expect(out).toMatch(/^broken\.xml:\d+:\d+ error xml-malformed ERR_XML_MALFORMED/m);
    expect(out).not.toContain('clean.xml');
    expect(out.trimEnd().split('\n').at(-1)).toBe('2 errors, 1 warning, 1 info (3 files, 2 entities)');
    expect(out).not.toContain('\x1b[');
  });
  it('terminalSafe: control characters, line separators and bidi overrides from the document are shown escaped', () => {
    const one: FormatInput = { files: [{ file: 'x\x1b[2J.xml', result: { ...hostile, findings: [{ ruleId: 'cert-expired', severity: 'error', message: 'a\x1b]0;title\x07b\u009b31m\u2028c\u202eevil', entityId: 'https://e/\r', line: 1, column: 1 }] } }] };
    const out = formatText(one);
    expect(out).toContain('x\\x1b[2J.xml:1:1 error cert-expired a\\x1b]0;title\\x07b\\x9b31m\\u2028c\\u202eevil [https://e/\\x0d]');
    expect(out).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u202e]/);
    expect(terminalSafe('tab\tkept, newline\nnot')).toBe('tab\tkept, newline\\x0anot');
  });
  it('colour only when asked; quiet shows errors only', () => {
    expect(formatText(input, { color: true })).toContain('\x1b[31merror\x1b[0m');
    const quiet = formatText(input, { quiet: true });
    expect(quiet).not.toContain('endpoint-not-https');
    expect(quiet).not.toContain('metadata-unsigned');
  });
  it('a clean run prints only the summary', () => {
    expect(formatText({ files: [input.files[2]!] })).toBe('0 errors, 0 warnings (1 file, 1 entity)\n');
  });
});

describe('json', () => {
  it('follows docs/lint-json-schema.md', () => {
    const out = JSON.parse(formatJson(input));
    expect(out).toMatchObject({ version: 1, errorCount: 2, warningCount: 1, infoCount: 1 });
    expect(out.files).toHaveLength(3);
    expect(out.files[0]).toMatchObject({ file: 'partners/a b,c:d.xml', entities: 1, entityIds: ['https://idp.example/a,b:c'], errorCount: 1 });
    expect(out.files[0].findings[0]).toEqual({ ruleId: 'cert-expired', severity: 'error', message: hostile.findings[0]!.message, entityId: 'https://idp.example/a,b:c', line: 3, column: 7 });
    const schema = JSON.parse(/```json\n([\s\S]*?)\n```/.exec(readFileSync(new URL('../../docs/lint-json-schema.md', import.meta.url), 'utf8'))![1]!);
    expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(out).sort());
    expect(Object.keys(schema.$defs.file.properties).sort()).toEqual(Object.keys(out.files[0]).sort());
    expect(Object.keys(schema.$defs.finding.properties).sort()).toEqual(Object.keys(out.files[0].findings[0]).sort());
    expect(schema.$defs.finding.properties.ruleId.enum).toEqual(Object.keys(RULES));
  });
});

describe('sarif', () => {
  const log = JSON.parse(formatSarif(input));
  it('has the SARIF 2.1.0 fields GitHub code scanning requires', () => {
    expect(log.$schema).toMatch(/sarif-schema-2\.1\.0\.json$/);
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const driver = log.runs[0].tool.driver;
    expect(driver.name).toBe('samlfed');
    expect(driver.informationUri).toMatch(/^https:\/\//);
    expect(driver.rules.map((r: { id: string }) => r.id)).toEqual(Object.keys(RULES));
    for (const r of driver.rules) {
      expect(r.shortDescription.text).toBeTruthy();
      expect(r.fullDescription.text).toBeTruthy();
      expect(r.helpUri).toMatch(new RegExp(`/${r.id}\\.md$`));
      expect(r.help.text).toBeTruthy();
      expect(r.help.markdown).toBeTruthy();
      expect(['error', 'warning', 'note']).toContain(r.defaultConfiguration.level);
    }
  });
  it('results carry ruleId, ruleIndex, level, message and a relative forward-slash location', () => {
    const results = log.runs[0].results;
    expect(results).toHaveLength(4);
    const driver = log.runs[0].tool.driver;
    for (const r of results) {
      expect(driver.rules[r.ruleIndex].id).toBe(r.ruleId);
      expect(['error', 'warning', 'note']).toContain(r.level);
      expect(r.message.text).toBeTruthy();
      expect(r.locations[0].physicalLocation.artifactLocation.uri).not.toMatch(/\\|^\//);
    }
    expect(results[0].locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'partners/a%20b%2Cc%3Ad.xml', uriBaseId: '%SRCROOT%' }, region: { startLine: 3, startColumn: 7 } });
    expect(results[2].level).toBe('note');
  });
  it('region only with a line >= 1', () => {
    const noLine: FormatInput = { files: [{ file: 'x.xml', result: { ...hostile, findings: [{ ruleId: 'xml-malformed', severity: 'error', message: 'm' }] } }] };
    const r = JSON.parse(formatSarif(noLine)).runs[0].results[0];
    expect(r.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'x.xml', uriBaseId: '%SRCROOT%' } });
  });
  it('artifact URIs', () => {
    expect(artifactUri('dir\\sub\\f.xml')).toEqual({ uri: 'dir/sub/f.xml', uriBaseId: '%SRCROOT%' });
    expect(artifactUri('./f.xml').uri).toBe('f.xml');
    expect(artifactUri('https://idp.example/md.xml')).toEqual({ uri: 'https://idp.example/md.xml' });
    expect(artifactUri('/abs/f.xml')).toEqual({ uri: 'file:///abs/f.xml' });
    expect(artifactUri('<stdin>')).toEqual({ uri: 'stdin' });
  });
});

describe('junit', () => {
  it('parses with parseXml: one testsuite per file, one testcase per finding, a failure per error (ESLint style)', () => {
    const { root } = parseXml(formatJunit(input));
    expect(root.localName).toBe('testsuites');
    const suites = childElements(root);
    expect(suites.map((s) => s.getAttribute('name'))).toEqual(['partners/a b,c:d.xml', 'broken.xml', 'clean.xml']);
    const first = childElements(suites[0]!);
    expect(first.map((c) => c.getAttribute('name'))).toEqual(['3:7 cert-expired [https://idp.example/a,b:c]', '4:1 endpoint-not-https [https://idp.example/a,b:c]', '1:1 metadata-unsigned']);
    const failures = first.flatMap((c) => childElements(c)).filter((e) => e.localName === 'failure');
    expect(failures).toHaveLength(1);
    expect(failures[0]!.getAttribute('type')).toBe('cert-expired');
    expect(failures[0]!.getAttribute('message')).toBe(`cert-expired: ${hostile.findings[0]!.message}`);
    // A file that did not parse: its xml-malformed finding is one failing testcase.
    expect(childElements(suites[1]!)).toHaveLength(1);
    expect(suites[1]!.getAttribute('failures')).toBe('1');
    // A clean file: one passing testcase named after it.
    expect(childElements(suites[2]!).map((c) => [c.getAttribute('name'), childElements(c).length])).toEqual([['clean.xml', 0]]);
    expect(root.getAttribute('failures')).toBe('2');
  });

  it('counts: tests = testcases, failures = failing testcases, so passed = tests - failures (issue 11 defect 7)', () => {
    const { root } = parseXml(formatJunit(input));
    for (const suite of childElements(root)) {
      const cases = childElements(suite);
      const failing = cases.filter((c) => childElements(c).some((e) => e.localName === 'failure'));
      expect(Number(suite.getAttribute('tests'))).toBe(cases.length);
      expect(Number(suite.getAttribute('failures'))).toBe(failing.length);
    }
    expect([root.getAttribute('tests'), root.getAttribute('failures')]).toEqual(['5', '2']);
    // The regression: three errors in one entity made `tests="2" failures="3"`.
    const three: LintResult = { ...hostile, findings: [0, 1, 2].map((i) => ({ ...hostile.findings[0]!, line: i + 1 })), errorCount: 3, warningCount: 0, infoCount: 0 };
    const r = parseXml(formatJunit({ files: [{ file: 'x.xml', result: three }] })).root;
    expect([r.getAttribute('tests'), r.getAttribute('failures')]).toEqual(['3', '3']);
  });
});

describe('github', () => {
  it('escapes data and properties as the Actions toolkit does', () => {
    expect(escapeData('a%b\r\nc:d,e')).toBe('a%25b%0D%0Ac:d,e');
    expect(escapeProperty('a%b\r\nc:d,e')).toBe('a%25b%0D%0Ac%3Ad%2Ce');
  });
  it('one workflow command per finding: error, warning, notice', () => {
    const lines = formatGithub(input).trimEnd().split('\n');
    expect(lines[0]).toBe('::error file=partners/a b%2Cc%3Ad.xml,line=3,col=7,title=cert-expired::100%25 broken,%0Aline two: <&"\'>%0D [https://idp.example/a,b:c]');
    expect(lines[1]).toMatch(/^::warning file=partners\/a b%2Cc%3Ad\.xml,line=4,col=1,title=endpoint-not-https::plain http/);
    expect(lines[2]).toMatch(/^::notice file=.*title=metadata-unsigned::unsigned$/);
    expect(lines[3]).toMatch(/^::error file=broken\.xml,line=\d+,col=\d+,title=xml-malformed::/);
    expect(lines).toHaveLength(4);
  });
});

describe('formatLint', () => {
  it('dispatches by name and rejects unknown formats', () => {
    expect(formatLint('json', input)).toBe(formatJson(input));
    expect(() => formatLint('xml' as 'json', input)).toThrow(TypeError);
  });
});
