import { describe, expect, it } from 'vitest';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

// Issue 11 item 12: rule ids in the library options are the union of rule ids, so a misspelt rule
// fails type-checking instead of throwing at run time. This compiles small programs against src/.
const root = join(import.meta.dirname, '..', '..');

function diagnostics(code: string): string[] {
  const dir = join(root, '.tmp', `lint-types-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'check.ts');
  writeFileSync(file, `import { lintMetadata, type LintOptions, type RuleId } from '${join(root, 'src/metadata/lint/index.js')}';\n${code}\nexport {};\n`);
  const program = ts.createProgram([file], { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, strict: true, noEmit: true, skipLibCheck: true, types: ['node'], typeRoots: [join(root, 'node_modules', '@types')] });
  const out = ts.getPreEmitDiagnostics(program).filter((d) => d.file?.fileName === file).map((d) => `TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
  rmSync(dir, { recursive: true, force: true });
  return out;
}

describe('LintOptions.rules is keyed by the RuleId union', () => {
  it('known ids type-check; @ts-expect-error on a misspelt id is satisfied (so it IS an error)', () => {
    expect(diagnostics(`
const ok: LintOptions = { rules: { 'cert-expired': 'warning', 'metadata-signature-unverifiable': 'off' } };
lintMetadata('<a/>', ok);
// @ts-expect-error 'cert-expird' is not a rule id
lintMetadata('<a/>', { rules: { 'cert-expird': 'off' } });
// @ts-expect-error 'fatal' is not a setting
lintMetadata('<a/>', { rules: { 'cert-expired': 'fatal' } });
const id: RuleId = 'no-signing-cert';
void id;
`)).toEqual([]);
  }, 60_000);

  it('without the directive, the misspelt id is reported by tsc', () => {
    const d = diagnostics(`lintMetadata('<a/>', { rules: { 'cert-expird': 'off' } });`);
    expect(d).toHaveLength(1);
    expect(d[0]).toMatch(/^TS2353: Object literal may only specify known properties, and ''cert-expird'' does not exist/);
  }, 60_000);
});
